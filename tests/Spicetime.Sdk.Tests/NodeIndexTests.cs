namespace Spicetime.Sdk.Tests;

/// <summary>
/// The tree's node index (obj/spicetime/index.g.props): a project with no generated file of its own imports its node's file
/// at evaluation, so a restore runs no generation task for it; the build then writes the project's own file, and every
/// guarantee holds from there (the version, SPT0300).
/// </summary>
public class NodeIndexTests
{
    private const string Tree = """
        { "scopes": { "eu": { "properties": { "Company": "Shop EU" }, "packages": { "Serilog": "4.0.0" } } },
          "root": { "branch": "main", "version": "2.1.0",
            "children": [ { "branch": "eu", "path": "forks/eu", "scopes": ["eu"] } ] } }
        """;

    private static readonly string[] Projects = { "forks/eu/Orders/Orders.csproj", "forks/eu/Billing/Billing.csproj", "forks/eu/Stock/Stock.csproj" };

    private static ConsumerRepo Create(string name)
    {
        var repo = new ConsumerRepo(name).Write("tree.json", Tree);
        foreach (var project in Projects)
        {
            var id = Path.GetFileNameWithoutExtension(project);
            repo.Project(project, code: $"namespace {id};\npublic static class Log\n{{\n    public static void Write() => Serilog.Log.Information(\"{id}\");\n}}\n");
        }

        repo.Dotnet("new", "sln", "-n", "All", "--format", "sln").ShouldSucceed();
        repo.Dotnet(new[] { "sln", "All.sln", "add" }.Concat(Projects).ToArray()).ShouldSucceed();
        repo.InitGit().Commit("three projects in one fork");
        return repo;
    }

    private static string OwnFile(string project) => $"{Path.GetDirectoryName(project)}/obj/spicetime.{Path.GetFileName(project)}.g.props";

    private static int Generations(ProcessResult result) => result.Output.Split('\n').Count(l => l.Contains("Spicetime: ") && l.Contains(" belongs to node "));

    /// <summary>A fresh restore with the index and the node's file in place (obj/spicetime beside tree.json kept, every project's obj/ gone).</summary>
    private static ConsumerRepo RestoredThroughTheIndex(string name, out ProcessResult restore)
    {
        var repo = Create(name);
        repo.Dotnet("restore", "All.sln").ShouldSucceed();
        foreach (var project in Projects)
        {
            Directory.Delete(repo.PathOf(Path.GetDirectoryName(project) + "/obj"), recursive: true);
        }

        restore = repo.Dotnet("restore", "All.sln", "-v:n").ShouldSucceed();
        return repo;
    }

    [Test]
    public void A_restore_of_projects_without_their_own_file_runs_no_generation_and_restores_the_node_s_packages()
    {
        var repo = RestoredThroughTheIndex("node-index", out var restore);

        Assert.That(Generations(restore), Is.EqualTo(0), restore.Output);
        Assert.That(File.ReadAllText(repo.PathOf("obj/spicetime/index.g.props")), Does.Contain(repo.NodeFile("eu")));
        foreach (var project in Projects)
        {
            Assert.That(File.Exists(repo.PathOf(OwnFile(project))), Is.False, "the restore wrote no file for " + project);
            Assert.That(repo.RestoredPackages(project)["Serilog"], Is.EqualTo("4.0.0"));
        }

        var evaluated = repo.Evaluate(Projects[1], new[] { "Version", "SpicetimeCommit", "_SpicetimeMappedBy" }, Array.Empty<string>());
        Assert.That(evaluated.Property("Version"), Is.EqualTo("2.1.0-eu.1"), "the index carries the node's version for this commit");
        Assert.That(evaluated.Property("SpicetimeCommit"), Has.Length.EqualTo(40));
        Assert.That(evaluated.Property("_SpicetimeMappedBy"), Is.EqualTo("Path"));

        // The build writes each project's own file.
        var build = repo.Dotnet("build", "All.sln", "--no-restore", "-v:n").ShouldSucceed();
        Assert.That(Generations(build), Is.EqualTo(Projects.Length));
        Assert.That(build.Output, Does.Not.Contain("SPT0300"));
        foreach (var project in Projects)
        {
            Assert.That(repo.Read(OwnFile(project)), Does.Contain("<_SpicetimeVersion>2.1.0-eu.1</_SpicetimeVersion>"));
        }

        var pack = repo.Dotnet("pack", Projects[0], "--no-restore", "--no-build", "-c", "Debug", "-o", repo.PathOf("out")).ShouldSucceed();
        Assert.That(File.Exists(repo.PathOf("out/Orders.2.1.0-eu.1.nupkg")), Is.True, pack.Output);
        var again = repo.Dotnet("build", "All.sln", "--no-restore", "-v:n").ShouldSucceed();
        Assert.That(Generations(again), Is.EqualTo(0), "up to date: each project imports its own file now");
    }

    [Test]
    public void A_pack_after_a_restore_through_the_index_and_a_new_commit_packs_the_new_version_in_its_first_build()
    {
        var repo = RestoredThroughTheIndex("node-index-pack", out _);
        repo.Write("forks/eu/Billing/Note.txt", "a second commit");
        var commit = repo.Commit("a second commit");
        var evaluated = repo.Evaluate(Projects[1], new[] { "Version", "_SpicetimeVersionPending" }, Array.Empty<string>());
        Assert.That(evaluated.Property("Version"), Is.EqualTo("1.0.0"), "the index's version is the first commit's, and does not apply");
        Assert.That(evaluated.Property("_SpicetimeVersionPending"), Is.EqualTo("true"));

        repo.Dotnet("pack", Projects[1], "--no-restore", "-o", repo.PathOf("out")).ShouldSucceed();
        var nuspec = repo.Nuspec("out/Billing.2.1.0-eu.2.nupkg").Root!;
        var ns = nuspec.Name.Namespace;
        var metadata = nuspec.Element(ns + "metadata")!;
        Assert.That(metadata.Element(ns + "tags")?.Value, Does.Contain("spicetime-lineage:main/eu"));
        Assert.That(metadata.Element(ns + "repository")?.Attribute("commit")?.Value, Is.EqualTo(commit));
        Assert.That(metadata.Element(ns + "repository")?.Attribute("branch")?.Value, Is.EqualTo("eu"));
    }

    [Test]
    public void A_build_without_restore_after_tree_json_changed_a_node_restored_through_the_index_is_SPT0300()
    {
        var repo = RestoredThroughTheIndex("node-index-stale", out _);
        repo.Write("tree.json", Tree.Replace("\"Serilog\": \"4.0.0\"", "\"Serilog\": \"4.2.0\""));

        var stale = repo.Dotnet("build", Projects[0], "--no-restore");
        Assert.That(stale.ExitCode, Is.Not.EqualTo(0), stale.ToString());
        Assert.That(stale.Output, Does.Contain("error SPT0300: What Orders.csproj gets from node 'eu' changed since it was last restored"));
        Assert.That(repo.Dotnet("build", Projects[0], "--no-restore").Output, Does.Contain("error SPT0300"), "until a restore");

        repo.Dotnet("build", Projects[0]).ShouldSucceed();
        Assert.That(repo.RestoredPackages(Projects[0])["Serilog"], Is.EqualTo("4.2.0"));
    }

    [Test]
    public void A_build_after_another_project_of_the_node_regenerated_it_restores_and_builds_without_SPT0300()
    {
        // A property only: NuGet finds every restore up to date and rewrites no project.assets.json.
        var repo = RestoredThroughTheIndex("node-index-noop", out _);
        repo.Write("tree.json", Tree.Replace("\"Shop EU\"", "\"Shop Europe\""));
        repo.Dotnet("build", Projects[1]).ShouldSucceed();

        var build = repo.Dotnet("build", Projects[0], "-v:n").ShouldSucceed();
        Assert.That(build.Output, Does.Contain("Spicetime: Orders.csproj belongs to node 'eu'"), "its restore ran the generation: the node's file is newer than its assets");
        Assert.That(build.Output, Does.Not.Contain("SPT0300"));
        Assert.That(repo.Evaluate(Projects[0], new[] { "Company" }, Array.Empty<string>()).Property("Company"), Is.EqualTo("Shop Europe"));
        repo.Dotnet("build", Projects[0], "--no-restore").ShouldSucceed();
    }

    [Test]
    public void A_project_moved_to_another_node_after_a_restore_through_the_index_is_SPT0300_until_a_restore()
    {
        // Node us's file is older than Orders' restore, and does not change when Orders moves to it.
        var tree = """
            { "scopes": { "eu": { "packages": { "Serilog": "4.0.0" } }, "us": { "packages": { "Serilog": "4.2.0" } } },
              "root": { "branch": "main", "version": "2.1.0", "children": [
                { "branch": "eu", "path": "forks/eu", "scopes": ["eu"] }, { "branch": "us", "path": "forks/us", "scopes": ["us"] } ] } }
            """;
        var repo = new ConsumerRepo("node-index-moved").Write("tree.json", tree);
        repo.Project(Projects[0], code: "namespace Orders;\npublic static class Log\n{\n    public static void Write() => Serilog.Log.Information(\"o\");\n}\n");
        repo.InitGit().Commit("two forks");
        repo.Dotnet("restore", Projects[0]).ShouldSucceed();
        Directory.Delete(repo.PathOf("forks/eu/Orders/obj"), recursive: true);
        repo.Dotnet("restore", Projects[0]).ShouldSucceed();
        Assert.That(File.Exists(repo.PathOf(OwnFile(Projects[0]))), Is.False, "restored through the index");
        Assert.That(repo.RestoredPackages(Projects[0])["Serilog"], Is.EqualTo("4.0.0"));
        var usFile = File.GetLastWriteTimeUtc(repo.NodeFile("us"));

        repo.Write("tree.json", tree.Replace("\"path\": \"forks/us\"", "\"path\": \"forks/eu/Orders\""));
        var moved = repo.Dotnet("build", Projects[0], "--no-restore");
        Assert.That(moved.Output, Does.Contain("error SPT0300: What Orders.csproj gets from node 'us' changed since it was last restored"), moved.ToString());
        Assert.That(File.GetLastWriteTimeUtc(repo.NodeFile("us")), Is.EqualTo(usFile), "the node's file is older than the restore");
        Assert.That(repo.Dotnet("build", Projects[0], "--no-restore").Output, Does.Contain("error SPT0300"), "until a restore");

        repo.Dotnet("build", Projects[0]).ShouldSucceed();
        Assert.That(repo.RestoredPackages(Projects[0])["Serilog"], Is.EqualTo("4.2.0"));
    }

    [Test]
    public void A_project_that_turns_Spicetime_off_in_its_body_takes_nothing_from_the_index_once_restored()
    {
        var repo = Create("node-index-off");
        repo.Project("forks/eu/Tool/Tool.csproj", "<PropertyGroup><SpicetimeEnabled>false</SpicetimeEnabled></PropertyGroup>");
        repo.Dotnet("restore", Projects[0]).ShouldSucceed();
        Assert.That(File.Exists(repo.PathOf("obj/spicetime/index.g.props")), Is.True);

        repo.Dotnet("build", "forks/eu/Tool/Tool.csproj").ShouldSucceed();
        var tool = repo.Evaluate("forks/eu/Tool/Tool.csproj", new[] { "Company", "_SpicetimeIndexedImport" }, new[] { "PackageReference" });
        Assert.That(tool.Property("Company"), Is.EqualTo("Tool"), "the SDK's default, not the scope's");
        Assert.That(tool.Property("_SpicetimeIndexedImport"), Is.Empty);
        Assert.That(tool.Items("PackageReference"), Is.Empty);
    }

    [Test]
    public void An_index_older_than_tree_json_maps_no_project()
    {
        var repo = Create("node-index-old");
        repo.Dotnet("restore", "All.sln").ShouldSucceed();
        var index = File.ReadAllText(repo.PathOf("obj/spicetime/index.g.props"));
        foreach (var project in Projects)
        {
            Directory.Delete(repo.PathOf(Path.GetDirectoryName(project) + "/obj"), recursive: true);
        }

        // tree.json edited (Serilog 4.2.0): the index and node file on disk are the old ones until a generation runs.
        repo.Write("tree.json", Tree.Replace("\"Serilog\": \"4.0.0\"", "\"Serilog\": \"4.2.0\""));
        var evaluated = repo.Evaluate(Projects[2], new[] { "Company", "_SpicetimeIndexedImport" }, new[] { "PackageReference" });
        Assert.That(evaluated.Property("_SpicetimeIndexedImport"), Is.Empty, "the index recorded another tree.json");
        Assert.That(evaluated.Item("PackageReference", "Serilog"), Is.Null);

        var restore = repo.Dotnet("restore", "All.sln", "-m:1", "-v:n").ShouldSucceed();
        Assert.That(Generations(restore), Is.GreaterThanOrEqualTo(1));
        Assert.That(File.ReadAllText(repo.PathOf("obj/spicetime/index.g.props")), Is.Not.EqualTo(index));
        foreach (var project in Projects)
        {
            Assert.That(repo.RestoredPackages(project)["Serilog"], Is.EqualTo("4.2.0"), project);
        }
    }

    /// <summary>The eu node with a scope project under its own path (forks/eu/Shared) and one other project, committed.</summary>
    private static ConsumerRepo WithScopeProject(string name)
    {
        var repo = new ConsumerRepo(name).Write("tree.json", Tree.Replace(
            "\"packages\": { \"Serilog\": \"4.0.0\" } }", "\"packages\": { \"Serilog\": \"4.0.0\" }, \"projects\": [\"forks/eu/Shared/Shared.csproj\"] }"));
        repo.Project("forks/eu/Shared/Shared.csproj");
        repo.Project(Projects[0]);
        repo.InitGit().Commit("a scope project under its node's path");
        return repo;
    }

    [Test]
    public void A_scope_project_s_generation_writes_the_index_for_the_projects_restored_after_it()
    {
        var repo = WithScopeProject("node-index-scope-first");

        // A scope project of its node gets a whole file of its own, and its generation still writes the index and node files.
        var shared = repo.Dotnet("restore", "forks/eu/Shared/Shared.csproj", "-v:n").ShouldSucceed();
        Assert.That(Generations(shared), Is.EqualTo(1), shared.Output);
        Assert.That(File.ReadAllText(repo.PathOf("obj/spicetime/index.g.props")), Does.Contain(repo.NodeFile("eu")));

        var orders = repo.Dotnet("restore", Projects[0], "-v:n").ShouldSucceed();
        Assert.That(Generations(orders), Is.EqualTo(0), "the project restored after it goes through the index\n" + orders.Output);
        Assert.That(File.Exists(repo.PathOf(OwnFile(Projects[0]))), Is.False);
        Assert.That(repo.RestoredPackages(Projects[0])["Serilog"], Is.EqualTo("4.0.0"));
    }

    [Test]
    public void A_scope_project_of_the_node_and_a_project_naming_its_branch_take_the_generation_s_path()
    {
        var repo = WithScopeProject("node-index-scope-project");
        repo.Dotnet("restore", Projects[0]).ShouldSucceed();
        var index = File.ReadAllText(repo.PathOf("obj/spicetime/index.g.props"));
        Assert.That(index, Does.Contain($"'$(MSBuildProjectFullPath)' == '{repo.PathOf("forks/eu/Shared/Shared.csproj")}'"));

        Directory.Delete(repo.PathOf("forks/eu/Shared/obj"), recursive: true);
        Directory.Delete(repo.PathOf("forks/eu/Orders/obj"), recursive: true);
        var shared = repo.Evaluate("forks/eu/Shared/Shared.csproj", new[] { "_SpicetimeIndexedImport" }, new[] { "ProjectReference" });
        Assert.That(shared.Property("_SpicetimeIndexedImport"), Is.Empty, "a scope project of its node gets other content: no reference to itself");
        Assert.That(shared.Items("ProjectReference"), Is.Empty);

        var orders = repo.Evaluate(Projects[0], new[] { "_SpicetimeIndexedImport" }, new[] { "ProjectReference" });
        Assert.That(orders.Property("_SpicetimeIndexedImport"), Is.EqualTo("true"));
        Assert.That(orders.Items("ProjectReference"), Has.Count.EqualTo(1));
        var named = repo.Evaluate(Projects[0], new[] { "_SpicetimeIndexedImport" }, Array.Empty<string>(), "-p:SpicetimeBranch=eu");
        Assert.That(named.Property("_SpicetimeIndexedImport"), Is.Empty, "a branch named before the body is the generation's");
    }
}
