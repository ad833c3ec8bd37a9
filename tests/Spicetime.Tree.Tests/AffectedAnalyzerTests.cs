using Spicetime.Tree.Affected;

namespace Spicetime.Tree.Tests;

/// <summary>The rules of `spicetime affected`, on a repository written to disk (groundwork; the command comes next).</summary>
public class AffectedAnalyzerTests
{
    private const string Tree = """
        {"scopes": {"shared": {"packages": {"Newtonsoft.Json": "13.0.3"}, "paths": ["shared/**"], "projects": ["shared/Lib/Lib.csproj"]},
                    "api": {"contracts": {"orders": "contracts/orders.json"}}},
         "root": {"branch": "release", "path": "release", "scopes": ["shared"], "children": [
           {"branch": "alpha", "path": "forks/alpha", "scopes": ["api"]},
           {"branch": "beta", "path": "forks/beta", "overrides": [{"packages": {"Newtonsoft.Json": "13.0.1"}}]},
           {"branch": "gamma", "path": "forks/gamma", "inherits": []}]}}
        """;

    private string _root = null!;

    [SetUp]
    public void Write()
    {
        _root = Directory.CreateTempSubdirectory("spicetime-affected-").FullName;
        File.WriteAllText(Path.Combine(_root, "tree.json"), Tree);
        Project("shared/Lib/Lib.csproj");
        Project("release/App/App.csproj");
        Project("forks/alpha/A1/A1.csproj");
        Project("forks/alpha/A2/A2.csproj", "../A1/A1.csproj");
        Project("forks/beta/B1/B1.csproj");
        Project("forks/gamma/G1/G1.csproj");
        Project("forks/gamma/G2/G2.csproj", "..\\G1\\G1.csproj");
        Directory.CreateDirectory(Path.Combine(_root, "forks/gamma/G1/obj"));
        File.WriteAllText(Path.Combine(_root, "forks/gamma/G1/obj/Ignored.csproj"), "<Project />");
    }

    [TearDown]
    public void Remove() => Directory.Delete(_root, true);

    private void Project(string path, params string[] references)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, $"<Project Sdk=\"Spicetime.Sdk\"><ItemGroup>{string.Concat(references.Select(r => $"<ProjectReference Include=\"{r}\" />"))}</ItemGroup></Project>");
    }

    private AffectedResult Analyze(string? treeAfter, params string[] files)
    {
        var before = TreeFile.Parse(Tree, Path.Combine(_root, "tree.json")).Tree;
        var after = TreeFile.Parse(treeAfter ?? Tree, Path.Combine(_root, "tree.json")).Tree!;
        return AffectedAnalyzer.Analyze(before, after, files, ProjectGraph.Discover(_root));
    }

    [Test]
    public void Projects_are_read_as_XML_and_build_output_folders_skipped()
    {
        var projects = ProjectGraph.Discover(_root);
        Assert.That(projects.Select(p => p.RelativePath), Has.No.Member("forks/gamma/G1/obj/Ignored.csproj"));
        Assert.That(projects.Single(p => p.RelativePath == "forks/gamma/G2/G2.csproj").References, Is.EqualTo(new[] { "forks/gamma/G1/G1.csproj" }));
    }

    [Test]
    public void A_tree_change_affects_the_nodes_whose_state_changed_but_not_a_fork_that_overrides_the_entry()
    {
        var result = Analyze(Tree.Replace("\"13.0.3\"", "\"13.0.4\""), "tree.json");
        Assert.That(result.Branches.Select(b => b.Name), Is.EqualTo(new[] { "alpha", "release" }));
        // beta's own state is unchanged (it overrides the entry), but B1 references the shared Lib, which release builds.
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[]
        {
            "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj", "forks/beta/B1/B1.csproj", "release/App/App.csproj", "shared/Lib/Lib.csproj",
        }));
        Assert.That(result.Projects[2].Reasons.Single(), Does.EndWith("-> node release -> project shared/Lib/Lib.csproj -> referenced by forks/beta/B1/B1.csproj"));
        Assert.That(result.Projects[0].Reasons,
            Does.Contain("tree.json: packages.Newtonsoft.Json 13.0.3 -> 13.0.4 (release/shared) -> node alpha -> project forks/alpha/A1/A1.csproj"));
    }

    [Test]
    public void A_file_in_a_project_folder_affects_it_and_its_dependents_transitively()
    {
        var result = Analyze(null, "forks/gamma/G1/Code.cs");
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/G1/G1.csproj", "forks/gamma/G2/G2.csproj" }));
        Assert.That(result.Projects[1].Reasons.Single(), Does.EndWith("-> project forks/gamma/G1/G1.csproj -> referenced by forks/gamma/G2/G2.csproj"));
        Assert.That(result.Branches.Select(b => b.Name), Is.EqualTo(new[] { "gamma" }));
    }

    [Test]
    public void Scope_paths_and_contracts_affect_the_nodes_that_have_the_scope()
    {
        var paths = Analyze(null, "shared/Lib/Code.cs");
        Assert.That(paths.Branches.Select(b => b.Name), Is.EquivalentTo(new[] { "release", "alpha", "beta" }), "gamma inherits nothing");
        Assert.That(paths.Projects.Select(p => p.Name), Does.Not.Contain("forks/gamma/G1/G1.csproj"));
        Assert.That(paths.Projects.Select(p => p.Name), Does.Contain("forks/beta/B1/B1.csproj"));

        var contract = Analyze(null, "contracts/orders.json");
        Assert.That(contract.Branches.Select(b => b.Name), Is.EqualTo(new[] { "alpha" }));
    }

    [Test]
    public void A_build_file_affects_every_project_under_it()
    {
        var result = Analyze(null, "forks/Directory.Build.props");
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[]
        {
            "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj", "forks/beta/B1/B1.csproj", "forks/gamma/G1/G1.csproj", "forks/gamma/G2/G2.csproj",
        }));
    }
}
