using System.Text.Json;

namespace Spicetime.Sdk.Tests;

/// <summary>
/// A consumer repository on disk, as a user would write one: tree.json, global.json naming Spicetime.Sdk, a
/// NuGet.config with the test feed, projects. Runs the real dotnet in it and reads results back.
/// </summary>
public sealed class ConsumerRepo
{
    public ConsumerRepo(string name)
    {
        Root = Path.Combine(SdkPackage.WorkRoot, "repos", $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 60)]);
        Directory.CreateDirectory(Root);
        Write("global.json", $$"""{ "msbuild-sdks": { "Spicetime.Sdk": "{{SdkPackage.Version}}" } }""");
        Write("NuGet.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="spicetime-test-feed" value="{SdkPackage.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        // Stop MSBuild from looking above the repository for Directory.Build.* files.
        Write("Directory.Build.props", "<Project />");
        Write("Directory.Build.targets", "<Project />");
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public ConsumerRepo Write(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>
    /// What a project's generation wrote for it (<paramref name="propsFile"/>, its obj/spicetime.&lt;project&gt;.g.props): the
    /// file, and the node's shared file it imports when it does (docs/architecture.md, "What a restore writes").
    /// </summary>
    public string Generated(string propsFile)
    {
        var text = Read(propsFile);
        var import = System.Text.RegularExpressions.Regex.Match(text, "<Import Project=\"([^\"]+)\"");
        return import.Success ? text + File.ReadAllText(Uri.UnescapeDataString(import.Groups[1].Value)) : text;
    }

    /// <summary>The shared file of node <paramref name="branch"/> (obj/spicetime/ beside tree.json).</summary>
    public string NodeFile(string branch) => PathOf("obj/spicetime/" + Spicetime.Tree.Build.NodeFiles.FileName(branch));

    /// <summary>A project on Spicetime.Sdk; <paramref name="body"/> goes inside &lt;Project&gt;, and <paramref name="code"/> into a .cs file.</summary>
    public ConsumerRepo Project(string relativePath, string body = "", string? code = null, string sdk = "Spicetime.Sdk")
    {
        Write(relativePath, $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            {body}
            </Project>
            """);
        if (code is not null)
        {
            Write(Path.Combine(Path.GetDirectoryName(relativePath)!, "Code.cs"), code);
        }

        return this;
    }

    /// <summary>
    /// The body of an NUnit test project that runs under VSTest (NUnit 4.4.0, its adapter 6.3.1, Microsoft.NET.Test.Sdk
    /// 18.11.0), not packable, referencing <paramref name="projectReferences"/> (paths relative to the test project).
    /// </summary>
    public static string NUnitTestProjectBody(params string[] projectReferences) =>
        "  <PropertyGroup><IsPackable>false</IsPackable></PropertyGroup>\n  <ItemGroup>\n"
        + "    <PackageReference Include=\"NUnit\" Version=\"4.4.0\" />\n"
        + "    <PackageReference Include=\"NUnit3TestAdapter\" Version=\"6.3.1\" />\n"
        + "    <PackageReference Include=\"Microsoft.NET.Test.Sdk\" Version=\"18.11.0\" />\n"
        + string.Concat(projectReferences.Select(r => $"    <ProjectReference Include=\"{r}\" />\n"))
        + "  </ItemGroup>";

    public ProcessResult Dotnet(params string[] args) => Dotnet(null, args);

    public ProcessResult Dotnet(IDictionary<string, string>? environment, params string[] args) =>
        DotnetRun.Run("dotnet", Root, IsMSBuildVerb(args) ? args.Append("-nodeReuse:false") : args, environment);

    /// <summary>Starts dotnet and kills it (and its children) after <paramref name="after"/>, mid-way through whatever it does then.</summary>
    public ProcessResult DotnetKilledAfter(TimeSpan after, params string[] args) =>
        DotnetRun.Run("dotnet", Root, IsMSBuildVerb(args) ? args.Append("-nodeReuse:false") : args, null, after);

    public ProcessResult Git(params string[] args) => DotnetRun.Run("git", Root, args).ShouldSucceed();

    private GitWorkspace? _git;

    /// <summary>Makes the repository a git repository (build outputs ignored), so that versions have build numbers and a commit.</summary>
    public ConsumerRepo InitGit()
    {
        Write(".gitignore", "bin/\nobj/\nout*/\n");
        _git = new GitWorkspace(Root);
        return this;
    }

    /// <summary>Commits everything with a fixed date (one minute after the previous commit) and returns the commit id.</summary>
    public string Commit(string message) =>
        (_git ?? throw new InvalidOperationException("InitGit first")).Commit(message);

    /// <summary>The .nuspec inside a package the repository packed (a path relative to the repository).</summary>
    public System.Xml.Linq.XDocument Nuspec(string nupkg)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(PathOf(nupkg));
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/')).Open();
        return System.Xml.Linq.XDocument.Load(stream);
    }

    /// <summary>Evaluates a project (no target runs) and returns the requested properties and items as MSBuild prints them.</summary>
    public Evaluation Evaluate(string project, string[] properties, string[] items, params string[] extra)
    {
        var args = new List<string> { "msbuild", project };
        // With one property and no item MSBuild prints the bare value; ask for two to always get JSON.
        args.AddRange(properties.Append("MSBuildProjectName").Select(p => $"-getProperty:{p}"));
        args.AddRange(items.Select(i => $"-getItem:{i}"));
        args.AddRange(extra);
        var result = Dotnet(args.ToArray()).ShouldSucceed();
        var json = result.Output[result.Output.IndexOf('{')..];
        return new Evaluation(JsonDocument.Parse(json).RootElement.Clone());
    }

    /// <summary>
    /// Evaluates several projects (no target of theirs runs) in one `dotnet msbuild` process and returns each one's
    /// properties and items by its path, as <see cref="Evaluate(string, string[], string[], string[])"/> would one by one.
    /// </summary>
    public IReadOnlyDictionary<string, Evaluation> Evaluate(IReadOnlyList<string> projects, string[] properties, string[] items) =>
        EvaluationInOneProcess.Evaluate(this, projects, properties, items);

    /// <summary>The packages and versions NuGet restored for <paramref name="project"/> (from project.assets.json).</summary>
    public IReadOnlyDictionary<string, string> RestoredPackages(string project)
    {
        var assets = PathOf(Path.Combine(Path.GetDirectoryName(project)!, "obj", "project.assets.json"));
        using var doc = JsonDocument.Parse(File.ReadAllText(assets));
        return doc.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Value.GetProperty("type").GetString() == "package")
            .Select(l => l.Name.Split('/'))
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The direct dependencies the project declared to NuGet (name → version range), from project.assets.json.</summary>
    public IReadOnlyDictionary<string, string> DeclaredDependencies(string project)
    {
        var assets = PathOf(Path.Combine(Path.GetDirectoryName(project)!, "obj", "project.assets.json"));
        using var doc = JsonDocument.Parse(File.ReadAllText(assets));
        var frameworks = doc.RootElement.GetProperty("project").GetProperty("frameworks");
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var framework in frameworks.EnumerateObject())
        {
            if (framework.Value.TryGetProperty("dependencies", out var dependencies))
            {
                foreach (var dependency in dependencies.EnumerateObject())
                {
                    result[dependency.Name] = dependency.Value.GetProperty("version").GetString()!;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Verbs that run MSBuild and take its switches (MSBUILDDISABLENODEREUSE is set as well). Not dotnet test on
    /// Microsoft.Testing.Platform (--solution/--project): it hands switches it does not know to the test applications.
    /// </summary>
    private static bool IsMSBuildVerb(string[] args) =>
        args.Length > 0 && args[0] is "build" or "restore" or "pack" or "msbuild" or "test" or "publish" or "clean"
        && !(args[0] == "test" && (args.Contains("--solution") || args.Contains("--project")));
}

/// <summary>What `dotnet msbuild -getProperty/-getItem` printed.</summary>
public sealed class Evaluation
{
    private readonly JsonElement _json;

    public Evaluation(JsonElement json) => _json = json;

    public string Property(string name) => _json.GetProperty("Properties").GetProperty(name).GetString()!;

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Items(string type) =>
        _json.TryGetProperty("Items", out var all) && all.TryGetProperty(type, out var items)
            ? items.EnumerateArray().Select(i => (IReadOnlyDictionary<string, string>)i.EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty)).ToList()
            : new List<IReadOnlyDictionary<string, string>>();

    public IReadOnlyDictionary<string, string>? Item(string type, string identity) =>
        Items(type).FirstOrDefault(i => string.Equals(i["Identity"], identity, StringComparison.OrdinalIgnoreCase));
}
