using System.Text.RegularExpressions;
using System.Xml.Linq;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Mapping;

namespace Spicetime.Tree.Tests.Build;

/// <summary>
/// The tree's node index: the node-by-path rule as MSBuild conditions, read here the way MSBuild reads them, and the node
/// files written with it. (NodeIndexTests in Spicetime.Sdk.Tests evaluates it with MSBuild in real restores.)
/// </summary>
public class NodeIndexTests : BuildFolderTests
{
    private const string PathTree = """
        {"scopes": {"core": {"packages": {"A": "1.0.0"}, "projects": ["shared/Core/Core.csproj"]},
                    "web": {"packages": {"B": "2.0.0"}, "projects": ["forks/a/Ui/Ui.csproj"]}},
         "root": {"branch": "release", "path": ".", "scopes": ["core"], "children": [
           {"branch": "feature-A", "path": "forks/a", "scopes": ["web"], "children": [{"branch": "deep", "path": "forks/a/deep"}]},
           {"branch": "feature-B"}]}}
        """;

    private Spicetime.Tree.Resolution.ResolvedTree PathTreeLoaded()
    {
        var result = TreeFile.Load(Write("tree.json", PathTree));
        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        return result.Tree!;
    }

    private string Folder => Path.Combine(_root, "obj", "spicetime");

    private NodeIndex.Files Index(Spicetime.Tree.Resolution.ResolvedTree tree, long? lockTicks = null) =>
        NodeIndex.Write(tree, Path.Combine(_root, "tree.json"), 638000000000000000, lockTicks, Folder, "/sdk/Sdk/")!;

    /// <summary>The node file the index's conditions give a project, evaluated in document order as MSBuild does.</summary>
    private static string Evaluate(string indexText, string projectFile)
    {
        var folder = Path.GetDirectoryName(projectFile)! + Path.DirectorySeparatorChar;
        var value = string.Empty;
        var properties = XDocument.Parse(indexText).Root!.Elements("PropertyGroup").Single().Elements(NodeIndex.NodeFileProperty);
        foreach (var property in properties)
        {
            var condition = property.Attribute("Condition")!.Value;
            var prefix = Regex.Match(condition, @"^'\$\(_SpicetimeIndexNodeFile\)' == '' and \$\(_SpicetimeIndexProjectFolder\.StartsWith\('(.*)', StringComparison\.Ordinal\)\)$");
            var project = Regex.Match(condition, @"^'\$\(MSBuildProjectFullPath\)' == '(.*)'$");
            Assert.That(prefix.Success || project.Success, Is.True, "a condition of one of the two forms: " + condition);
            if ((prefix.Success && value.Length == 0 && folder.StartsWith(prefix.Groups[1].Value, StringComparison.Ordinal))
                || (project.Success && string.Equals(project.Groups[1].Value, projectFile, StringComparison.OrdinalIgnoreCase)))
            {
                value = property.Value;
            }
        }

        return value;
    }

    [TestCase("forks/a/App/App.csproj", "feature-A")]
    [TestCase("forks/a/deep/Lib/Lib.csproj", "deep")]
    [TestCase("forks/a/deep/x/y/Lib/Lib.csproj", "deep")]
    [TestCase("forks/ab/App/App.csproj", "release")]
    [TestCase("tools/Tool/Tool.csproj", "release")]
    [TestCase("forks/a/Ui/Ui.csproj", null)]
    [TestCase("shared/Core/Core.csproj", null)]
    public void The_index_gives_a_project_the_node_file_of_the_node_its_path_maps_it_to(string project, string? branch)
    {
        var tree = PathTreeLoaded();
        var index = Index(tree);
        var file = Path.Combine(_root, project);

        Assert.That(Evaluate(index.Text, file), Is.EqualTo(branch is null ? string.Empty : NodeFiles.PathIn(Folder, branch)));
        var mapping = ProjectNodeMapper.Map(tree, Path.GetDirectoryName(file)!, null, new DiagnosticBag(null), NoCi)!;
        Assert.That(mapping.Rule, Is.EqualTo(NodeMappingRule.Path));
        if (branch is null)
        {
            Assert.That(ProjectInjection.For(tree, mapping, file).IsScopeProject, Is.True, "only a scope project of its own node is left to the generation");
        }
        else
        {
            Assert.That(mapping.Node.Branch, Is.EqualTo(branch), "the same node as the generation's mapping");
        }
    }

    [Test]
    public void The_node_files_written_with_the_index_hold_what_each_node_s_projects_get()
    {
        var tree = PathTreeLoaded();
        var index = Index(tree);

        Assert.That(index.Nodes.Select(n => Path.GetFileName(n.Path)), Is.EquivalentTo(new[] { "node.release.g.props", "node.feature-A.g.props", "node.deep.g.props" }),
            "every node with a path; feature-B has none");
        var app = Path.Combine(_root, "forks/a/App/App.csproj");
        var expected = GeneratedPropsWriter.WriteNode(ProjectInjection.For(tree, ProjectNodeMapper.Map(tree, Path.GetDirectoryName(app)!, null, new DiagnosticBag(null), NoCi)!, app));
        Assert.That(index.Nodes.Single(n => n.Path == NodeFiles.PathIn(Folder, "feature-A")).Node.Text, Is.EqualTo(expected.Text));
        Assert.That(index.Text, Does.Contain($"<{GeneratedPropsNames.IndexNodeId} Condition=\"'$({GeneratedPropsNames.IndexNodeFile})' == '{NodeFiles.PathIn(Folder, "feature-A")}'\">{expected.ContentId}</"),
            "an import counts only with the content the index was written with");
    }

    [Test]
    public void The_index_holds_while_tree_json_tree_lock_json_and_the_sdk_are_those_it_recorded()
    {
        var tree = PathTreeLoaded();
        var treeFile = Path.Combine(_root, "tree.json");
        var lockFile = Path.Combine(_root, "tree.lock.json");
        var fresh = XDocument.Parse(Index(tree).Text).Root!.Elements("PropertyGroup").Single().Attribute("Condition")!.Value;

        Assert.That(fresh, Does.Contain($"'$(SpicetimeTreeFile)' == '{treeFile}'"));
        Assert.That(fresh, Does.Contain("'$(_SpicetimeSdkDirectory)' == '/sdk/Sdk/'"));
        Assert.That(fresh, Does.Contain($"'$([System.IO.File]::GetLastWriteTime(`{treeFile}`).Ticks)' == '638000000000000000'"));
        Assert.That(fresh, Does.Contain($"!Exists('{lockFile}')"));
        var locked = XDocument.Parse(Index(tree, lockTicks: 42).Text).Root!.Elements("PropertyGroup").Single().Attribute("Condition")!.Value;
        Assert.That(locked, Does.Contain($"'$([System.IO.File]::GetLastWriteTime(`{lockFile}`).Ticks)' == '42'"));
    }

    [Test]
    public void A_node_s_version_holds_for_its_projects_on_the_recorded_line_while_git_s_files_keep_their_time_stamps()
    {
        var tree = PathTreeLoaded();
        var head = Write(".git/HEAD", "ref: refs/heads/release\n");
        var packedRef = Path.Combine(_root, ".git", "refs", "heads", "release");
        var version = new Spicetime.Tree.Versioning.NodeVersion("feature-A", NuGet.Versioning.NuGetVersion.Parse("1.4.0-feature-a.3"), 3, Array.Empty<string>(),
            "abc", 1_700_000_000, new[] { "release", "feature-A" }, new[] { head }) { HeadRefFile = packedRef };
        var index = NodeIndex.Write(tree, Path.Combine(_root, "tree.json"), 1, null, Folder, "/sdk/",
            node => node.Branch == "feature-A" ? version : null, GeneratedPropsWriter.VersionInputs("1.0.0", null))!;

        var groups = XDocument.Parse(index.Text).Root!.Elements("PropertyGroup").Where(g => g.Element(GeneratedPropsNames.Version) is not null).ToList();
        Assert.That(groups, Has.Count.EqualTo(1), "the nodes whose version was told");
        Assert.That(groups[0].Element(GeneratedPropsNames.Version)!.Value, Is.EqualTo("1.4.0-feature-a.3"));
        Assert.That(groups[0].Element(GeneratedPropsNames.IndexVersion)!.Value, Is.EqualTo("true"));
        var condition = groups[0].Attribute("Condition")!.Value;
        Assert.That(condition, Does.StartWith($"'$({GeneratedPropsNames.IndexNodeFile})' == '{NodeFiles.PathIn(Folder, "feature-A")}'"));
        Assert.That(condition, Does.Contain("'$(_SpicetimeRootVersion)|$(SpicetimeBuildNumber)' == '1.0.0|'"));
        Assert.That(condition, Does.Contain($"'$([System.IO.File]::GetLastWriteTime(`{head}`).Ticks)' == '{File.GetLastWriteTime(head).Ticks}'"));
        Assert.That(condition, Does.EndWith($"!Exists('{packedRef}')"), "the branch's ref packed: its loose file appearing is a new commit");
    }

    [TestCase("forks/a$b")]
    [TestCase("forks/a;b")]
    [TestCase("forks/a'b")]
    [TestCase("forks/a(b)")]
    public void A_path_MSBuild_would_read_as_its_own_syntax_gets_no_index(string path)
    {
        var result = TreeFile.Load(Write("tree.json", PathTree.Replace("\"path\": \"forks/a\"", $"\"path\": \"{path}\"").Replace("forks/a/deep", path + "/deep")));
        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        Assert.That(NodeIndex.Write(result.Tree!, Path.Combine(_root, "tree.json"), 1, null, Folder, "/sdk/"), Is.Null);
        Assert.That(NodeIndex.Write(PathTreeLoaded(), Path.Combine(_root, "tree.json"), 1, null, Folder, "/sdk/"), Is.Not.Null, "the same tree without it has one");
    }

    [TestCase("/home/o'brien/.nuget/packages/spicetime.sdk/0.1.0/Sdk/")]
    [TestCase("/packages/$(x)/Sdk/")]
    public void An_sdk_folder_MSBuild_would_read_as_its_own_syntax_gets_no_index(string sdkDirectory)
    {
        Assert.That(NodeIndex.Write(PathTreeLoaded(), Path.Combine(_root, "tree.json"), 1, null, Folder, sdkDirectory), Is.Null);
    }
}
