namespace Spicetime.Sdk.Tests;

/// <summary>
/// A node's content in one shared file (obj/spicetime/node.&lt;branch&gt;.g.props beside tree.json), imported by each of its
/// projects through its own small file: every guarantee of a project's own file holds across the projects that share it.
/// </summary>
public class NodeFileTests
{
    private const string Tree = """
        { "scopes": { "eu": { "properties": { "Company": "Shop EU" }, "packages": { "Serilog": "4.0.0" } } },
          "root": { "branch": "main", "version": "2.1.0",
            "children": [ { "branch": "eu", "path": "forks/eu", "scopes": ["eu"] } ] } }
        """;

    private const string Orders = "forks/eu/Orders/Orders.csproj";
    private const string Billing = "forks/eu/Billing/Billing.csproj";

    private static ConsumerRepo Create(string name)
    {
        var repo = new ConsumerRepo(name).Write("tree.json", Tree);
        repo.Project(Orders, code: "namespace Orders;\npublic static class Log\n{\n    public static void Write() => Serilog.Log.Information(\"orders\");\n}\n");
        repo.Project(Billing, code: "namespace Billing;\npublic static class Log\n{\n    public static void Write() => Serilog.Log.Information(\"billing\");\n}\n");
        repo.Dotnet("new", "sln", "-n", "All", "--format", "sln").ShouldSucceed();
        repo.Dotnet("sln", "All.sln", "add", Orders, Billing).ShouldSucceed();
        repo.InitGit().Commit("two projects in one fork");
        return repo;
    }

    /// <summary>Both projects built; then Serilog 4.2.0 in the node's scope, and Billing's build (restoring Billing only) regenerates the node's file.</summary>
    private static ConsumerRepo BillingRegeneratedTheNode(string name)
    {
        var repo = Create(name);
        repo.Dotnet("build", "All.sln").ShouldSucceed();
        repo.Write("tree.json", Tree.Replace("\"Serilog\": \"4.0.0\"", "\"Serilog\": \"4.2.0\""));
        repo.Dotnet("build", Billing).ShouldSucceed();
        return repo;
    }

    [Test]
    public void The_projects_of_a_node_import_its_content_from_one_file_written_once()
    {
        var repo = Create("node-file");
        var restore = repo.Dotnet("restore", "All.sln", "-m:1", "-v:n").ShouldSucceed();

        // The first project's generation writes the node's file (and the tree's node index, NodeIndexTests); the second,
        // evaluated after it on this one node, imports it through the index and needs no generation in the restore.
        Assert.That(restore.Output.Split('\n').Count(l => l.Contains("; wrote the node's")), Is.EqualTo(1), restore.Output);
        Assert.That(restore.Output.Split('\n').Count(l => l.Contains(" belongs to node ")), Is.EqualTo(1), restore.Output);
        var node = File.ReadAllText(repo.NodeFile("eu"));
        Assert.That(node, Does.Contain("<_SpicetimePackageReference Include=\"Serilog\" Version=\"4.0.0\"").And.Contain("<Company>Shop EU</Company>"));

        repo.Dotnet("build", "All.sln", "--no-restore").ShouldSucceed();
        foreach (var project in new[] { Orders, Billing })
        {
            var own = repo.Read($"{Path.GetDirectoryName(project)}/obj/spicetime.{Path.GetFileName(project)}.g.props");
            Assert.That(own, Does.Contain($"<Import Project=\"{repo.NodeFile("eu")}\"").And.Not.Contain("Serilog"), "the project's own file imports the node's");
            Assert.That(own, Does.Contain("<_SpicetimeVersion>2.1.0-eu.1</_SpicetimeVersion>"), "and carries the version");
            Assert.That(repo.RestoredPackages(project)["Serilog"], Is.EqualTo("4.0.0"));
        }

        var evaluated = repo.Evaluate(Billing, new[] { "Company", "Version" }, new[] { "PackageReference" });
        Assert.That(evaluated.Property("Company"), Is.EqualTo("Shop EU"));
        Assert.That(evaluated.Property("Version"), Is.EqualTo("2.1.0-eu.1"));
        Assert.That(evaluated.Item("PackageReference", "Serilog"), Is.Not.Null);
    }

    [Test]
    public void A_build_without_restore_after_another_project_of_the_node_regenerated_it_is_SPT0300()
    {
        // Orders imports the node's new content, but its project.assets.json was restored for the old.
        var repo = BillingRegeneratedTheNode("node-file-stale");
        Assert.That(repo.RestoredPackages(Billing)["Serilog"], Is.EqualTo("4.2.0"));
        Assert.That(File.ReadAllText(repo.NodeFile("eu")), Does.Contain("Include=\"Serilog\" Version=\"4.2.0\""));

        var stale = repo.Dotnet("build", Orders, "--no-restore");
        Assert.That(stale.ExitCode, Is.Not.EqualTo(0), stale.ToString());
        Assert.That(stale.Output, Does.Contain("error SPT0300: What Orders.csproj gets from node 'eu' changed since it was last restored (another project of the node regenerated the node's file)"));

        var still = repo.Dotnet("build", Orders, "--no-restore");
        Assert.That(still.ExitCode, Is.Not.EqualTo(0), "until a restore, not for one build only: " + still);
        Assert.That(still.Output, Does.Contain("error SPT0300"));

        repo.Dotnet("build", Orders).ShouldSucceed();
        Assert.That(repo.RestoredPackages(Orders)["Serilog"], Is.EqualTo("4.2.0"));
        var again = repo.Dotnet("build", Orders, "--no-restore", "-v:d").ShouldSucceed();
        Assert.That(again.Output, Does.Contain("Skipping target \"SpicetimeGenerate\" because all output files are up-to-date"));
    }

    [Test]
    public void A_restore_of_one_project_gives_it_the_content_another_project_of_the_node_generated()
    {
        var repo = BillingRegeneratedTheNode("node-file-restore");

        // Orders' restore evaluates it with the node's new file already: NuGet restores what it declares now, and the
        // generation records what Orders saw, so its next build without restore is up to date.
        var restore = repo.Dotnet("restore", Orders, "-v:n").ShouldSucceed();
        Assert.That(restore.Output, Does.Contain("Spicetime: Orders.csproj belongs to node 'eu'"), "the generation ran: the node's file changed since Orders' last");
        Assert.That(repo.RestoredPackages(Orders)["Serilog"], Is.EqualTo("4.2.0"));
        repo.Dotnet("build", Orders, "--no-restore").ShouldSucceed();
    }

    [Test]
    public void A_scope_project_of_its_own_node_keeps_a_whole_file_of_its_own()
    {
        var repo = ForkTree.Create("node-file-scope-project");
        repo.Dotnet("restore", ForkTree.Web).ShouldSucceed();
        var core = repo.Read("shared/Core/obj/spicetime.Core.csproj.g.props");
        Assert.That(core, Does.Contain("<_SpicetimePropsId>").And.Contain("Include=\"Newtonsoft.Json\"").And.Not.Contain("<Import "),
            "Core is in the root's scope core: the root gives it no reference to itself");
        Assert.That(core, Does.Not.Contain("_SpicetimeProjectReference"));
        Assert.That(repo.Read("forks/feature-a/Web/obj/spicetime.Web.csproj.g.props"), Does.Contain("<Import Project="));
        Assert.That(File.ReadAllText(repo.NodeFile("feature-A")), Does.Contain("_SpicetimeProjectReference"), "Web's node gives it Core");
    }

    [Test]
    public void A_node_file_removed_since_is_generated_again()
    {
        var repo = Create("node-file-removed");
        repo.Dotnet("build", "All.sln").ShouldSucceed();
        Directory.Delete(repo.PathOf("obj"), recursive: true);

        var build = repo.Dotnet("build", Orders, "-v:n").ShouldSucceed();
        Assert.That(build.Output, Does.Contain("; wrote the node's"));
        Assert.That(File.Exists(repo.NodeFile("eu")), Is.True);
        Assert.That(repo.RestoredPackages(Orders)["Serilog"], Is.EqualTo("4.0.0"));
    }

    [Test]
    public void Without_node_files_every_project_gets_a_whole_file()
    {
        var repo = Create("node-file-off");
        repo.Dotnet("restore", "All.sln", "-p:_SpicetimeNodeFiles=false").ShouldSucceed();
        Assert.That(File.Exists(repo.NodeFile("eu")), Is.False);
        Assert.That(repo.Read("forks/eu/Orders/obj/spicetime.Orders.csproj.g.props"), Does.Contain("Include=\"Serilog\"").And.Not.Contain("<Import "));
    }

    [Test]
    public void A_node_file_that_cannot_be_written_leaves_the_project_a_whole_file_of_its_own()
    {
        var repo = Create("node-file-unwritable");
        repo.Write("obj/spicetime", "a file where the nodes' folder would be");

        var restore = repo.Dotnet("restore", Orders, "-v:n").ShouldSucceed();
        Assert.That(restore.Output, Does.Contain("Orders.csproj gets a whole file of its own"));
        Assert.That(repo.Read("forks/eu/Orders/obj/spicetime.Orders.csproj.g.props"), Does.Contain("Include=\"Serilog\"").And.Not.Contain("<Import "));
        repo.Dotnet("build", Orders, "--no-restore").ShouldSucceed();
    }

    [Test]
    public void Two_trees_under_one_artifacts_path_keep_their_nodes_files_apart()
    {
        // Two products in one repository, each a tree whose root is "main", and one artifacts folder for both.
        var repo = new ConsumerRepo("node-file-two-trees")
            .Write("Directory.Build.props", "<Project><PropertyGroup><UseArtifactsOutput>true</UseArtifactsOutput><ArtifactsPath>$(MSBuildThisFileDirectory)artifacts</ArtifactsPath></PropertyGroup></Project>");
        foreach (var product in new[] { "shop", "billing" })
        {
            repo.Write($"{product}/tree.json", $$"""{ "scopes": { "brand": { "properties": { "Company": "{{product}} inc" } } }, "root": { "branch": "main", "version": "1.0.0", "scopes": ["brand"] } }""");
            repo.Project($"{product}/src/{product}/{product}.csproj");
        }

        repo.InitGit().Commit("two trees");
        repo.Dotnet("build", "shop/src/shop/shop.csproj").ShouldSucceed();
        repo.Dotnet("build", "billing/src/billing/billing.csproj").ShouldSucceed();

        Assert.That(repo.Evaluate("shop/src/shop/shop.csproj", new[] { "Company" }, Array.Empty<string>()).Property("Company"), Is.EqualTo("shop inc"));
        Assert.That(repo.Evaluate("billing/src/billing/billing.csproj", new[] { "Company" }, Array.Empty<string>()).Property("Company"), Is.EqualTo("billing inc"));
        Assert.That(Directory.GetFiles(repo.PathOf("artifacts/obj/spicetime"), "node.main.g.props", SearchOption.AllDirectories), Has.Length.EqualTo(2));
        repo.Dotnet("build", "shop/src/shop/shop.csproj", "--no-restore").ShouldSucceed();
    }
}
