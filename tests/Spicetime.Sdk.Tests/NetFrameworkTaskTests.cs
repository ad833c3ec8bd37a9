using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Spicetime.Sdk.Tests;

/// <summary>
/// Visual Studio runs MSBuild on .NET Framework: the package carries a net472 build of the tasks beside the net10.0
/// one. These tests take tasks/net472/ out of the packed package and check that everything it loads is inside it or
/// comes with .NET Framework or MSBuild, and run it under Mono through a stand-in for MSBuild's task loader
/// (tests/Spicetime.NetFrameworkTaskHost): it must write byte for byte what the net10.0 task writes in a real
/// dotnet restore, report the same positioned errors, and compare contracts with the same verdicts.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class NetFrameworkTaskTests
{
    private static readonly Lazy<string> NetFrameworkTasks = new(() =>
    {
        var folder = Path.Combine(SdkPackage.WorkRoot, "package-tasks");
        using var zip = ZipFile.OpenRead(Path.Combine(SdkPackage.Feed, $"Spicetime.Sdk.{SdkPackage.Version}.nupkg"));
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("tasks/", StringComparison.Ordinal) && e.Name.Length > 0))
        {
            var target = Path.Combine(folder, entry.FullName.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
        }

        return Path.Combine(folder, "tasks", "net472");
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string TaskAssembly => Path.Combine(NetFrameworkTasks.Value, "Spicetime.Sdk.Tasks.dll");

    private static readonly string Host = typeof(NetFrameworkTaskTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SpicetimeNetFrameworkTaskHost").Value!;

    [Test]
    public void The_package_carries_a_net472_and_a_net10_task_assembly_and_everything_the_net472_one_loads()
    {
        Assert.That(File.Exists(Path.Combine(NetFrameworkTasks.Value, "..", "net10.0", "Spicetime.Sdk.Tasks.dll")), Is.True);
        Assert.That(TargetFramework(TaskAssembly), Is.EqualTo(".NETFramework,Version=v4.7.2"));
        Assert.That(TargetFramework(Path.Combine(NetFrameworkTasks.Value, "Spicetime.Tree.dll")), Is.EqualTo(".NETFramework,Version=v4.7.2"));

        // What .NET Framework 4.7.2 itself provides: its reference assemblies (and facades), as NuGet restored them.
        var framework = Directory.GetFiles(ReferenceAssemblies(), "*.dll", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var shipped = Directory.GetFiles(NetFrameworkTasks.Value, "*.dll").ToDictionary(f => Path.GetFileNameWithoutExtension(f)!, AssemblyName.GetAssemblyName, StringComparer.OrdinalIgnoreCase);
        Assert.That(shipped.Keys.Where(n => n.StartsWith("Microsoft.Build", StringComparison.OrdinalIgnoreCase)), Is.Empty,
            "MSBuild's own assemblies must come from the MSBuild that loads the task, never from the package");

        var missing = new List<string>();
        foreach (var file in shipped.Keys)
        {
            foreach (var reference in References(Path.Combine(NetFrameworkTasks.Value, file + ".dll")))
            {
                if (shipped.TryGetValue(reference.Name!, out var inside))
                {
                    if (inside.Version < reference.Version)
                    {
                        missing.Add($"{file} needs {reference.Name} {reference.Version}, the package has {inside.Version}");
                    }
                }
                else if (!framework.Contains(reference.Name!) && !reference.Name!.StartsWith("Microsoft.Build.", StringComparison.Ordinal))
                {
                    missing.Add($"{file} needs {reference.FullName}");
                }
            }
        }

        Assert.That(missing, Is.Empty);
    }

    [TestCase("net472")]
    [TestCase("net10.0")]
    public void Each_task_folder_ships_only_what_the_task_assembly_loads(string framework)
    {
        // The pack lists what the build resolved, never what a folder happens to hold: every DLL shipped is reached
        // from Spicetime.Sdk.Tasks through references (a stale one from an older dependency set would not be).
        var folder = Path.Combine(NetFrameworkTasks.Value, "..", framework);
        var shipped = Directory.GetFiles(folder, "*.dll").ToDictionary(f => Path.GetFileNameWithoutExtension(f)!, StringComparer.OrdinalIgnoreCase);
        var reached = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Spicetime.Sdk.Tasks" };
        var next = new Queue<string>(reached);
        while (next.TryDequeue(out var name))
        {
            foreach (var reference in References(shipped[name]).Select(r => r.Name!).Where(shipped.ContainsKey))
            {
                if (reached.Add(reference))
                {
                    next.Enqueue(reference);
                }
            }
        }

        Assert.That(shipped.Keys.Except(reached, StringComparer.OrdinalIgnoreCase), Is.Empty);
        Assert.That(reached, Does.Contain("Spicetime.Tree").And.Contain("NuGet.Versioning").And.Contain("System.IO.Hashing"));
    }

    [Test]
    public void Under_Mono_the_net472_task_writes_byte_for_byte_what_the_net10_task_writes_in_a_restore()
    {
        RequireMono();
        var repo = new ConsumerRepo("netfx-same")
            .Write("tree.json", """
                { "scopes": { "core": { "packages": { "Newtonsoft.Json": "13.0.3" }, "properties": { "Nullable": "enable" } } },
                  "root": { "branch": "release", "version": "2.1.0", "scopes": ["core"], "children": [
                    { "branch": "feature-A", "path": "forks/a",
                      "overrides": [ { "packages": { "Newtonsoft.Json": "13.0.4" } } ] } ] } }
                """)
            .Project("forks/a/Web/Web.csproj")
            .InitGit();
        repo.Commit("one");
        repo.Write("forks/a/Web/Notes.txt", "two").Commit("two");
        repo.Git("gc", "--quiet");                    // packed objects (with deltas) and packed refs
        repo.Write("forks/a/Web/Notes.txt", "three").Commit("three"); // and a loose commit on top

        const string project = "forks/a/Web/Web.csproj";
        var paths = repo.Evaluate(project, new[] { "SpicetimeGeneratedPropsFile", "_SpicetimeStampFile" }, Array.Empty<string>());
        var props = paths.Property("SpicetimeGeneratedPropsFile");

        // The folder of the nodes' shared files the targets pass (obj/spicetime/ beside tree.json).
        var mono = Generate(repo, project, props, paths.Property("_SpicetimeStampFile"), repo.PathOf("obj/spicetime/"));
        Assert.That(mono.ExitCode, Is.EqualTo(0), mono.ToString());
        Assert.That(mono.Output, Does.Contain("runtime Mono"));
        Assert.That(mono.Output, Does.Contain("output Version=2.1.0-feature-a.3\n"), "three commits on the line, read from packs and a loose object");
        Assert.That(mono.Output, Does.Contain("output PackageReferences=Newtonsoft.Json|SpicetimeNode=feature-A|SpicetimeScope=core|Version=13.0.4"));
        var fromMono = File.ReadAllBytes(props);
        var nodeFromMono = File.ReadAllBytes(repo.NodeFile("feature-A"));
        Assert.That(File.ReadAllText(props), Does.Contain("<_SpicetimeVersion>2.1.0-feature-a.3</_SpicetimeVersion>"));
        Assert.That(repo.Generated(Path.GetRelativePath(repo.Root, props)), Does.Contain("Include=\"Newtonsoft.Json\" Version=\"13.0.4\""));

        Directory.Delete(repo.PathOf("forks/a/Web/obj"), recursive: true);
        Directory.Delete(repo.PathOf("obj"), recursive: true);
        Directory.Delete(repo.PathOf(".git/spicetime"), recursive: true);   // the height cache Mono wrote: dotnet walks again
        repo.Dotnet("restore", project).ShouldSucceed();
        Assert.That(File.ReadAllBytes(props), Is.EqualTo(fromMono), "the project's generated props and version");
        Assert.That(File.ReadAllBytes(repo.NodeFile("feature-A")), Is.EqualTo(nodeFromMono), "the node's shared file");
    }

    [Test]
    public void Under_Mono_a_tree_json_mistake_is_the_same_positioned_error_as_in_dotnet_build()
    {
        RequireMono();
        var repo = new ConsumerRepo("netfx-error")
            .Write("tree.json", """
                { "scopes": { "core": { "packages": { "Newtonsoft.Json": "13.0.3" } } },
                  "root": { "branch": "release", "scopes": ["core"], "version": "two" } }
                """)
            .Project("src/App/App.csproj");
        var mono = GenerateIntoOut(repo, "src/App/App.csproj");
        Assert.That(mono.ExitCode, Is.EqualTo(1), mono.ToString());
        var error = mono.Output.Split('\n').Single(l => l.StartsWith("error SPT", StringComparison.Ordinal)).Trim();
        Assert.That(error, Does.Match(@"^error SPT\d{4} .*tree\.json\(2,\d+\): .*'two'"));
        Assert.That(Directory.Exists(repo.PathOf("out")), Is.False, "nothing written");

        var build = repo.Dotnet("build", "src/App/App.csproj");
        Assert.That(build.ExitCode, Is.Not.EqualTo(0));
        var code = error.Split(' ')[1];
        var position = error[(error.IndexOf("tree.json(", StringComparison.Ordinal) + "tree.json".Length)..error.IndexOf("):", StringComparison.Ordinal)] + ")";
        var message = error[(error.IndexOf("): ", StringComparison.Ordinal) + 3)..];
        Assert.That(build.Output, Does.Contain($"tree.json{position}: error {code}: {message}"));
    }

    [Test]
    public void Under_Mono_a_symbolic_link_out_of_the_repository_is_refused_and_one_that_stays_inside_is_followed()
    {
        RequireMono();
        var outside = Directory.CreateTempSubdirectory("spicetime-netfx-outside-").FullName;
        try
        {
            var repo = new ConsumerRepo("netfx-link")
                .Write("tree.json", """
                    { "scopes": { "s": { "paths": ["inside/alias/**"] } },
                      "root": { "branch": "main", "scopes": ["s"], "children": [ { "branch": "fork", "path": "inside/link" } ] } }
                    """)
                .Project("src/App/App.csproj");
            Directory.CreateDirectory(repo.PathOf("inside/real"));
            File.CreateSymbolicLink(repo.PathOf("inside/link"), outside);
            File.CreateSymbolicLink(repo.PathOf("inside/alias"), repo.PathOf("inside/real"));
            var mono = GenerateIntoOut(repo, "src/App/App.csproj");
            Assert.That(mono.ExitCode, Is.EqualTo(1), mono.ToString());
            var errors = mono.Output.Split('\n').Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToList();
            Assert.That(errors, Has.Count.EqualTo(1), mono.ToString());
            Assert.That(errors[0], Does.StartWith("error SPT0107 ").And.Contain("tree.json(2,90)").And.Contain("through the symbolic link 'inside/link'").And.Contain(outside));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Test]
    public void Under_Mono_contracts_are_read_and_compared_with_the_same_verdicts()
    {
        RequireMono();
        const string parent = """
            openapi: 3.1.0
            info: { title: Orders, version: "1" }
            paths:
              /invoices:
                get:
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: { type: object, required: [id, total], properties: { id: { type: string }, total: { type: number } } }
            """;
        var fork = parent.Replace("required: [id, total], properties: { id: { type: string }, total: { type: number } }", "required: [id], properties: { id: { type: string } }", StringComparison.Ordinal);
        Assert.That(fork, Is.Not.EqualTo(parent));
        var repo = new ConsumerRepo("netfx-contracts")
            .Write("contracts/orders.yaml", parent)
            .Write("contracts/schema.graphql", "type Query { invoice(id: ID!): Invoice }\ntype Invoice { id: ID! total: Float }\n")
            .Write("forks/a/orders.yaml", fork)
            .Write("forks/a/schema.graphql", "type Query { invoice(id: ID!): Invoice }\ntype Invoice { id: ID! }\n")
            .Write("tree.json", """
                { "scopes": { "api": { "contracts": { "orders-api": "contracts/orders.yaml", "orders-graph": "contracts/schema.graphql" } } },
                  "root": { "branch": "release", "scopes": ["api"], "children": [
                    { "branch": "feature-A", "path": "forks/a",
                      "overrides": [ { "contracts": { "orders-api": "forks/a/orders.yaml", "orders-graph": "forks/a/schema.graphql" } } ] } ] } }
                """)
            .Project("forks/a/Web/Web.csproj");
        var mono = RunTask(repo, "CheckSpicetimeContracts", $"TreeFile={repo.PathOf("tree.json")}", "Branch=feature-A");
        Assert.That(mono.ExitCode, Is.EqualTo(1), mono.ToString());
        var errors = mono.Output.Split('\n').Where(l => l.StartsWith("error SPT0701", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("): ", StringComparison.Ordinal) + 3)..].Trim()).ToList();
        Assert.That(errors, Has.Some.Contains("property 'total' removed [response-property-removed]"), mono.ToString());
        Assert.That(errors, Has.Some.Contains("Invoice.total: field removed [FIELD_REMOVED]"));

        var build = repo.Dotnet("build", "forks/a/Web/Web.csproj");
        Assert.That(build.ExitCode, Is.Not.EqualTo(0));
        foreach (var error in errors)
        {
            Assert.That(build.Output, Does.Contain(error), "the net10.0 task in dotnet build says the same");
        }
    }

    /// <summary>GenerateSpicetimeProps for <paramref name="project"/>, writing the given files (full paths).</summary>
    private static ProcessResult Generate(ConsumerRepo repo, string project, string props, string stamp, string? nodeFilesFolder = null) =>
        RunTask(repo, "GenerateSpicetimeProps", new[] { $"TreeFile={repo.PathOf("tree.json")}", $"ProjectFile={repo.PathOf(project)}",
            $"OutputFile={props}", $"StampFile={stamp}" }.Concat(nodeFilesFolder is null ? Array.Empty<string>() : new[] { $"NodeFilesFolder={nodeFilesFolder}" }).ToArray());

    /// <summary>The same, writing into the repository's out/ folder (which must stay absent when the task fails).</summary>
    private static ProcessResult GenerateIntoOut(ConsumerRepo repo, string project) =>
        Generate(repo, project, repo.PathOf("out/a.props"), repo.PathOf("out/stamp"));

    private static ProcessResult RunTask(ConsumerRepo repo, string task, params string[] parameters) =>
        DotnetRun.Run("mono", repo.Root, new[] { Host, TaskAssembly, "Spicetime.Sdk.Tasks." + task }.Concat(parameters));

    private static void RequireMono()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "mono")));
        if (!onPath)
        {
            Assert.Ignore("Mono is not installed (Debian: apt-get install mono-devel, which .ci/run does; mono-runtime alone lacks the class libraries and netstandard.dll that .NET Framework 4.7.2 has)");
        }

        Assert.That(File.Exists(Host), Is.True, $"the task host is built with the tests: {Host}");
    }

    private static string TargetFramework(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            var type = reader.GetTypeReference((TypeReferenceHandle)reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent);
            if (reader.GetString(type.Name) == "TargetFrameworkAttribute")
            {
                var blob = reader.GetBlobReader(attribute.Value);
                blob.ReadUInt16(); // prolog
                return blob.ReadSerializedString()!;
            }
        }

        return string.Empty;
    }

    private static IEnumerable<AssemblyName> References(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h).GetAssemblyName()).ToList();
    }

    private static string ReferenceAssemblies()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var folder = Directory.GetDirectories(Path.Combine(packages, "microsoft.netframework.referenceassemblies.net472"))
            .OrderByDescending(d => d, StringComparer.Ordinal).First();
        return Path.Combine(folder, "build", ".NETFramework", "v4.7.2");
    }
}
