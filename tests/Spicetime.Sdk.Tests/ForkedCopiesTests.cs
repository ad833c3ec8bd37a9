namespace Spicetime.Sdk.Tests;

/// <summary>A service copied into a fork: two projects of one name build side by side, in one solution, with and without UseArtifactsOutput.</summary>
public class ForkedCopiesTests
{
    private const string Tree = """
        {
          "scopes": { "core": { "properties": { "SpicetimeCopyMarker": "core" } } },
          "root": { "branch": "release", "version": "2.0.0", "scopes": ["core"], "children": [ { "branch": "feature-b", "path": "forks/b" } ] }
        }
        """;

    private const string Solution = """
        <Solution>
          <Folder Name="/release/">
            <Project Path="src/Api/Api.csproj" />
          </Folder>
          <Folder Name="/shared/">
            <Project Path="src/Lib/Lib.csproj" />
          </Folder>
          <Folder Name="/feature-b/">
            <Project Path="forks/b/Api/Api.csproj" />
          </Folder>
        </Solution>
        """;

    private static ConsumerRepo Create(string name, bool noProjectEdits, string artifacts)
    {
        var repo = new ConsumerRepo(name).Write("tree.json", Tree).Write("All.slnx", Solution);
        // The lines spicetime init writes (with their conditions, so a project that names Spicetime.Sdk itself imports nothing twice).
        var import = noProjectEdits ? Spicetime.Tree.Adoption.AdoptionImports.PropsLine : "";
        repo.Write("Directory.Build.props", $"<Project>\n  {import}\n  <PropertyGroup>{artifacts}</PropertyGroup>\n</Project>\n");
        if (noProjectEdits)
        {
            repo.Write("Directory.Build.targets", $"<Project>{Spicetime.Tree.Adoption.AdoptionImports.TargetsLine}</Project>");
        }

        // A library that names Spicetime.Sdk itself (under the no-project-edits lines too: no MSB4011).
        repo.Project("src/Lib/Lib.csproj");

        foreach (var (folder, greeting) in new[] { ("src/Api", "release"), ("forks/b/Api", "fork") })
        {
            repo.Project($"{folder}/Api.csproj", "<PropertyGroup><OutputType>Exe</OutputType></PropertyGroup>",
                $$"""System.Console.WriteLine("{{greeting}} " + typeof(Program).Assembly.GetName().Version);""",
                sdk: noProjectEdits ? "Microsoft.NET.Sdk.Web" : "Spicetime.Sdk");
        }

        repo.InitGit();
        repo.Write(".gitignore", "bin/\nobj/\nartifacts/\n");
        repo.Commit("a service and its forked copy");
        return repo;
    }

    private const string UseArtifactsOutput = "<UseArtifactsOutput>true</UseArtifactsOutput>";

    // ArtifactsPath alone turns artifacts output on too (the .NET SDK sets UseArtifactsOutput from it, after Directory.Build.props).
    private const string ArtifactsPathOnly = "<ArtifactsPath>$(MSBuildThisFileDirectory)artifacts</ArtifactsPath>";

    [TestCase(false, UseArtifactsOutput, TestName = "Forked copies under UseArtifactsOutput keep their artifacts apart (Sdk=\"Spicetime.Sdk\")")]
    [TestCase(true, UseArtifactsOutput, TestName = "Forked copies under UseArtifactsOutput keep their artifacts apart (no project edits)")]
    [TestCase(false, ArtifactsPathOnly, TestName = "Forked copies under an ArtifactsPath alone keep their artifacts apart (Sdk=\"Spicetime.Sdk\")")]
    [TestCase(true, ArtifactsPathOnly, TestName = "Forked copies under an ArtifactsPath alone keep their artifacts apart (no project edits)")]
    public void Forked_copies_keep_their_artifacts_apart(bool noProjectEdits, string artifacts)
    {
        var repo = Create($"copies-{noProjectEdits}-{(artifacts == UseArtifactsOutput ? "use" : "path")}", noProjectEdits, artifacts);
        var build = repo.Dotnet("build", "All.slnx").ShouldSucceed();
        Assert.That(build.Output, Does.Not.Contain("NU1").And.Not.Contain("MSB4011"));

        var release = repo.Dotnet("artifacts/bin/src/Api/debug/Api.dll").ShouldSucceed();
        var fork = repo.Dotnet("artifacts/bin/forks/b/Api/debug/Api.dll").ShouldSucceed();
        Assert.That(release.Output.Trim(), Is.EqualTo("release 2.0.0.0"));
        Assert.That(fork.Output.Trim(), Does.Match(@"^fork 2\.0\.0\.0$"));
        var forkVersion = repo.Evaluate("forks/b/Api/Api.csproj", new[] { "Version", "ArtifactsProjectName" }, Array.Empty<string>());
        Assert.That(forkVersion.Property("Version"), Does.StartWith("2.0.0-feature-b."));
        Assert.That(forkVersion.Property("ArtifactsProjectName"), Is.EqualTo("forks/b/Api"));
        Assert.That(File.Exists(repo.PathOf("artifacts/obj/src/Api/spicetime.Api.csproj.g.props")), Is.True);
        Assert.That(File.Exists(repo.PathOf("artifacts/obj/forks/b/Api/spicetime.Api.csproj.g.props")), Is.True);
        Assert.That(Directory.GetFiles(repo.PathOf("artifacts/obj/spicetime"), "node.*.g.props", SearchOption.AllDirectories), Is.Not.Empty, "the nodes' shared files go under the artifacts path too, in a folder of the tree's own");
        Assert.That(Directory.Exists(repo.PathOf("obj")), Is.False, "no obj/ beside tree.json under artifacts output");

        // A second build changes nothing: neither copy's restore overwrote the other's.
        var again = repo.Dotnet("build", "All.slnx", "-v:n").ShouldSucceed();
        Assert.That(again.Output, Does.Not.Contain("wrote"), "no generated props rewritten");
    }

    [Test]
    public void Forked_copies_without_artifacts_output_build_side_by_side_in_one_solution()
    {
        var repo = Create("copies-plain", noProjectEdits: false, artifacts: "");
        repo.Dotnet("build", "All.slnx").ShouldSucceed();
        Assert.That(repo.Dotnet("src/Api/bin/Debug/net10.0/Api.dll").ShouldSucceed().Output.Trim(), Is.EqualTo("release 2.0.0.0"));
        Assert.That(repo.Dotnet("forks/b/Api/bin/Debug/net10.0/Api.dll").ShouldSucceed().Output.Trim(), Is.EqualTo("fork 2.0.0.0"));
    }

    [Test]
    public void Two_projects_that_still_share_an_intermediate_folder_are_an_error_naming_both()
    {
        var repo = Create("copies-shared", noProjectEdits: true,
            "<UseArtifactsOutput>true</UseArtifactsOutput><ArtifactsProjectName>$(MSBuildProjectName)</ArtifactsProjectName>");
        var build = repo.Dotnet("build", "All.slnx");
        Assert.That(build.ExitCode, Is.Not.EqualTo(0), build.ToString());
        Assert.That(build.Output, Does.Contain("error SPT0303").And.Contain("src/Api/Api.csproj and forks/b/Api/Api.csproj")
            .Or.Contain("forks/b/Api/Api.csproj and src/Api/Api.csproj"));
    }

    [Test]
    public void A_project_built_after_the_one_it_shares_an_intermediate_folder_with_is_an_error_too()
    {
        // One after the other: the second restore evaluates the second project with the first one's generated props
        // already in the folder, newer than every input.
        var repo = Create("copies-shared-serial", noProjectEdits: true,
            "<UseArtifactsOutput>true</UseArtifactsOutput><ArtifactsProjectName>$(MSBuildProjectName)</ArtifactsProjectName>");
        repo.Dotnet("build", "src/Api/Api.csproj").ShouldSucceed();
        var second = repo.Dotnet("build", "forks/b/Api/Api.csproj");
        Assert.That(second.ExitCode, Is.Not.EqualTo(0), second.ToString());
        Assert.That(second.Output, Does.Contain("error SPT0303").And.Contain("forks/b/Api/Api.csproj and src/Api/Api.csproj"));
        Assert.That(repo.Read("artifacts/obj/Api/spicetime.Api.csproj.g.props"), Does.Contain("<_SpicetimeProjectFile>src/Api/Api.csproj<"), "left as it was");
    }
}
