namespace Spicetime.Sdk.Tests;

/// <summary>
/// The build cache in real builds: a clone at another path gets every project's compiled outputs from a cache another
/// clone filled, byte-identical to compiling them; an unchanged key asks nothing and compiles nothing, even with inputs
/// written again; a body-only edit of a library misses
/// for that library alone; read-only stores nothing; a damaged artifact is a warning and a compile.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class BuildCacheTests
{
    private const string Tree = """
        {
          "scopes": { "core": { "properties": { "Nullable": "enable" } } },
          "root": { "branch": "main", "version": "1.0.0", "scopes": ["core"], "children": [ { "branch": "feature-x", "path": "forks/x" } ] }
        }
        """;

    private static readonly string[] Projects = { "src/Lib/Lib.csproj", "src/App/App.csproj", "forks/x/App/App.csproj" };

    internal static ConsumerRepo CreateOrigin()
    {
        var repo = new ConsumerRepo("cache-origin").Write("tree.json", Tree);
        repo.Project("src/Lib/Lib.csproj", "<PropertyGroup><GenerateDocumentationFile>true</GenerateDocumentationFile></PropertyGroup>",
            "namespace Lib;\n/// <summary>Greets.</summary>\npublic static class Greeter\n{\n    /// <summary>Hello.</summary>\n    public static string Hello() => Text();\n    private static string Text() => \"hello\";\n}\n");
        foreach (var app in new[] { "src/App", "forks/x/App" })
        {
            var lib = Path.GetRelativePath(app, "src/Lib/Lib.csproj").Replace('\\', '/');
            repo.Project($"{app}/App.csproj", $"<PropertyGroup><OutputType>Exe</OutputType></PropertyGroup><ItemGroup><ProjectReference Include=\"{lib}\" /></ItemGroup>",
                "System.Console.WriteLine(Lib.Greeter.Hello() + \" \" + typeof(Program).Assembly.GetName().Version);");
        }

        // Two projects named App: each in a solution folder of its own.
        repo.Write("All.slnx", "<Solution>\n" + string.Concat(Projects.Select(p =>
            $"  <Folder Name=\"/{(p.StartsWith("forks/") ? "feature-x" : "main")}-{Path.GetFileNameWithoutExtension(p)}/\">\n    <Project Path=\"{p}\" />\n  </Folder>\n")) + "</Solution>\n");
        repo.InitGit();
        repo.Commit("a library and two apps");
        return repo;
    }

    /// <summary>A clone of the origin at another path (a second CI runner), sharing its NuGet settings and SDK.</summary>
    internal static string Clone(ConsumerRepo origin, string name)
    {
        var path = Path.Combine(SdkPackage.WorkRoot, "clones", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        DotnetRun.Run("git", origin.Root, new[] { "clone", "-q", origin.Root, path }).ShouldSucceed();
        return path;
    }

    private static ProcessResult Build(string root, string cache, params (string Name, string Value)[] environment)
    {
        var variables = environment.ToDictionary(e => e.Name, e => e.Value);
        variables["SPICETIME_CACHE"] = cache;
        return DotnetRun.Run("dotnet", root, new[] { "build", "-nodeReuse:false", "-v:n", "src/App/App.csproj" }, variables);
    }

    internal static ProcessResult BuildAll(string root, string cache, params (string Name, string Value)[] environment)
    {
        var variables = environment.ToDictionary(e => e.Name, e => e.Value);
        variables["SPICETIME_CACHE"] = cache;
        return DotnetRun.Run("dotnet", root, new[] { "build", "-nodeReuse:false", "-v:n", "All.slnx" }, variables).ShouldSucceed();
    }

    private static IReadOnlyDictionary<string, byte[]> Outputs(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && (f.EndsWith(".dll") || f.EndsWith(".pdb") || f.EndsWith(".xml")))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes);

    /// <summary>The compile artifacts in a local cache folder (not the projects' timing records, kept there too).</summary>
    private static string[] Artifacts(string cache)
    {
        var timings = Projects.Select(Spicetime.Tree.Cache.ProjectTimings.KeyFor).ToHashSet();
        return Directory.Exists(cache)
            ? Directory.GetFiles(cache, "*.spc", SearchOption.AllDirectories).Where(f => !timings.Contains(Path.GetFileNameWithoutExtension(f))).ToArray()
            : Array.Empty<string>();
    }

    internal static string NewCache() => Path.Combine(SdkPackage.WorkRoot, "caches", Guid.NewGuid().ToString("N")[..8]);

    private static int Count(string text, string what) => text.Split('\n').Count(l => l.Contains(what));

    [Test]
    public void A_clone_at_another_path_gets_every_project_from_the_cache_byte_identical_to_compiling_it()
    {
        var origin = CreateOrigin();
        var cache = NewCache();
        var filled = BuildAll(origin.Root, cache);
        Assert.That(filled.Output, Does.Contain("stored key").And.Not.Contain("from the cache"));
        Assert.That(Artifacts(cache), Has.Length.EqualTo(3), "one artifact per project");
        Assert.That(Spicetime.Tree.Cache.ProjectTimings.Read(new Spicetime.Tree.Cache.LocalFolderStore(cache, 1L << 30), "src/Lib/Lib.csproj")?.Build,
            Is.GreaterThan(TimeSpan.Zero), "the compile's time, recorded for CI shards");

        // Another runner: another path, the same commit, the same cache.
        var second = Clone(origin, "cache-second");
        var fromCache = BuildAll(second, cache);
        Assert.That(Count(fromCache.Output, "Lib: compiled outputs from the cache"), Is.EqualTo(1), fromCache.ToString());
        Assert.That(Count(fromCache.Output, "App: compiled outputs from the cache"), Is.EqualTo(2), "both apps");
        Assert.That(fromCache.Output, Does.Not.Contain("miss for key").And.Not.Contain("stored key").And.Not.Contain("bincore/csc"), "no compiler ran");
        Assert.That(Artifacts(cache), Has.Length.EqualTo(3), "nothing new stored");

        // A clean build of a third clone, compiling everything (an empty cache): the same bytes.
        var third = Clone(origin, "cache-third");
        var compiled = BuildAll(third, NewCache());
        Assert.That(fromCache.Output + compiled.Output, Does.Not.Contain("warning SPT"));
        var expected = Outputs(third);
        var actual = Outputs(second);
        Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys));
        Assert.That(expected.Keys.Where(k => k.EndsWith(".dll")).Count(), Is.GreaterThanOrEqualTo(5));
        foreach (var (file, bytes) in expected)
        {
            Assert.That(actual[file], Is.EqualTo(bytes), $"{file} differs between the clone built from the cache and the one compiled");
        }

        Assert.That(DotnetRun.Run("dotnet", second, new[] { "src/App/bin/Debug/net10.0/App.dll" }).ShouldSucceed().Output.Trim(), Is.EqualTo("hello 1.0.0.0"));
        var explanation = File.ReadAllText(Path.Combine(second, "src/Lib/obj/Debug/net10.0/spicetime.cache-key.json"));
        Assert.That(explanation, Does.Contain("\"project\": \"src/Lib/Lib.csproj\"").And.Contain("{repo}/src/Lib/Code.cs").And.Not.Contain(second));
    }

    [Test]
    public void An_unchanged_key_asks_nothing_and_a_body_only_edit_misses_for_that_library_alone()
    {
        var origin = CreateOrigin();
        var cache = NewCache();
        Build(origin.Root, cache).ShouldSucceed();

        var again = Build(origin.Root, cache).ShouldSucceed();
        Assert.That(Count(again.Output, "are already those of key"), Is.EqualTo(2), again.ToString());
        Assert.That(again.Output, Does.Not.Contain("miss for key").And.Not.Contain("stored key"));

        // The same text written again (a branch switched and back, a forced restore's nuget.g.props): the key holds, so
        // the outputs are stamped current and CoreCompile does not compile them again, as MSBuild's time stamps alone would.
        var assembly = Path.Combine(origin.Root, "src/Lib/obj/Debug/net10.0/Lib.dll");
        var before = File.ReadAllBytes(assembly);
        File.SetLastWriteTimeUtc(Path.Combine(origin.Root, "src/Lib/Code.cs"), DateTime.UtcNow);
        var touched = Build(origin.Root, cache).ShouldSucceed();
        Assert.That(touched.Output, Does.Contain("Lib.csproj's outputs are already those of key").And.Contain("outputs stamped current")
            .And.Not.Contain("bincore/csc").And.Not.Contain("miss for key"), touched.ToString());
        Assert.That(File.ReadAllBytes(assembly), Is.EqualTo(before));
        var after = Build(origin.Root, cache).ShouldSucceed();
        Assert.That(after.Output, Does.Not.Contain("outputs stamped current").And.Not.Contain("bincore/csc"), "stamped once, then current");

        // An input the key does not hold (one a build adds to CoreCompile's) written after the outputs: no stamp,
        // CoreCompile decides, and compiles.
        origin.Write("src/Lib/Lib.csproj", origin.Read("src/Lib/Lib.csproj").Replace("</Project>", "  <ItemGroup><CustomAdditionalCompileInputs Include=\"extra.txt\" /></ItemGroup>\n</Project>"));
        origin.Write("src/Lib/extra.txt", "read by the build\n");
        var unkeyed = Build(origin.Root, cache).ShouldSucceed();
        Assert.That(unkeyed.Output, Does.Contain("Lib.csproj's outputs are already those of key").And.Contain("extra.txt written after the outputs")
            .And.Contain("CoreCompile decides").And.Contain("bincore/csc").And.Not.Contain("outputs stamped current"), unkeyed.ToString());

        // A private method's body: Lib compiles, its reference assembly is the same, App's key does not change.
        origin.Write("src/Lib/Code.cs", origin.Read("src/Lib/Code.cs").Replace("\"hello\"", "\"hello again\""));
        var edited = Build(origin.Root, cache).ShouldSucceed();
        Assert.That(edited.Output, Does.Contain("Lib.csproj: miss for key").And.Contain("Lib.csproj: stored key"), edited.ToString());
        Assert.That(edited.Output, Does.Contain("App.csproj's outputs are already those of key"));
        Assert.That(DotnetRun.Run("dotnet", origin.Root, new[] { "src/App/bin/Debug/net10.0/App.dll" }).ShouldSucceed().Output.Trim(), Is.EqualTo("hello again 1.0.0.0"));

        // Back to the first text: both keys are in the cache again.
        origin.Write("src/Lib/Code.cs", origin.Read("src/Lib/Code.cs").Replace("\"hello again\"", "\"hello\""));
        var back = Build(origin.Root, cache).ShouldSucceed();
        Assert.That(back.Output, Does.Contain("Lib: compiled outputs from the cache"), back.ToString());
        Assert.That(DotnetRun.Run("dotnet", origin.Root, new[] { "src/App/bin/Debug/net10.0/App.dll" }).ShouldSucceed().Output.Trim(), Is.EqualTo("hello 1.0.0.0"));
    }

    [Test]
    public void A_read_only_cache_stores_nothing_and_a_damaged_artifact_is_a_warning_and_a_compile()
    {
        var origin = CreateOrigin();
        var cache = NewCache();
        var readOnly = Build(origin.Root, cache, ("SPICETIME_CACHE_WRITE", "false")).ShouldSucceed();
        Assert.That(readOnly.Output, Does.Contain("the cache is read-only"));
        Assert.That(Artifacts(cache), Is.Empty);

        Build(Clone(origin, "cache-fill"), cache).ShouldSucceed();
        foreach (var artifact in Artifacts(cache))
        {
            var bytes = File.ReadAllBytes(artifact);
            bytes[^10] ^= 0xff;
            File.WriteAllBytes(artifact, bytes);
        }

        var damaged = Build(Clone(origin, "cache-damaged"), cache);
        Assert.That(damaged.ExitCode, Is.EqualTo(0), damaged.ToString());
        Assert.That(damaged.Output, Does.Contain("warning SPT0900").And.Contain("damaged").And.Not.Contain("from the cache"));
    }

    private static string GeneratedVersion(ConsumerRepo repo, string project, string name)
    {
        var props = repo.Read($"{Path.GetDirectoryName(project)}/obj/spicetime.{Path.GetFileName(project)}.g.props");
        var start = props.IndexOf($"<{name}>", StringComparison.Ordinal) + name.Length + 2;
        return props[start..props.IndexOf($"</{name}>", start, StringComparison.Ordinal)];
    }

    [Test]
    public void A_new_commit_changes_no_key_because_a_cached_build_compiles_unstamped_and_pack_stamps()
    {
        var origin = CreateOrigin();
        var cache = NewCache();
        BuildAll(origin.Root, cache);
        var stamped = GeneratedVersion(origin, "forks/x/App/App.csproj", "_SpicetimeVersion");
        Assert.That(stamped, Does.Match(@"^1\.0\.0-feature-x\.[1-9]\d*$"), "the fork's version has a build number");
        var forkInfo = origin.Read("forks/x/App/obj/Debug/net10.0/App.AssemblyInfo.cs");
        Assert.That(forkInfo, Does.Contain("AssemblyInformationalVersionAttribute(\"1.0.0-feature-x.0\")")
            .And.Contain("AssemblyFileVersionAttribute(\"1.0.0.0\")").And.Not.Contain(stamped), forkInfo);

        // A commit that changes no project: every version moves on, no key does.
        origin.Write("notes.md", "a commit that changes no project\n");
        var commit = origin.Commit("notes");
        var next = BuildAll(origin.Root, cache);
        Assert.That(GeneratedVersion(origin, "forks/x/App/App.csproj", "_SpicetimeVersion"), Is.Not.EqualTo(stamped), "the build number moved");
        Assert.That(Count(next.Output, "are already those of key"), Is.EqualTo(3), next.ToString());
        Assert.That(next.Output, Does.Not.Contain("miss for key"));

        // dotnet pack stamps what it packs (its compile has a key of its own), and the package keeps its whole version.
        var feed = Path.Combine(origin.Root, "packed");
        var pack = DotnetRun.Run("dotnet", origin.Root, new[] { "pack", "-nodeReuse:false", "-v:n", "forks/x/App/App.csproj", "-o", feed },
            new Dictionary<string, string> { ["SPICETIME_CACHE"] = cache }).ShouldSucceed();
        Assert.That(pack.Output, Does.Contain("App.csproj: miss for key").And.Contain("App.csproj: stored key"), pack.ToString());
        var packedInfo = origin.Read("forks/x/App/obj/Release/net10.0/App.AssemblyInfo.cs");
        var version = GeneratedVersion(origin, "forks/x/App/App.csproj", "_SpicetimeVersion");
        Assert.That(packedInfo, Does.Contain($"AssemblyInformationalVersionAttribute(\"{version}+{commit}\")"), packedInfo);
        Assert.That(File.Exists(Path.Combine(feed, $"App.{version}.nupkg")), Is.True, string.Join(", ", Directory.GetFiles(feed)));
    }
}
