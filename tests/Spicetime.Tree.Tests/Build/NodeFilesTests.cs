using System.Xml.Linq;
using Spicetime.Tree.Build;

namespace Spicetime.Tree.Tests.Build;

/// <summary>
/// A node's shared file and the small file of each project that imports it: the shared file holds nothing of any one
/// project, every project that imports it carries its id as content id, and a scope project of its node keeps a whole file.
/// </summary>
public class NodeFilesTests : BuildFolderTests
{
    private const string Version = "  <PropertyGroup Label=\"Spicetime version\">\n    <SpicetimeCommit>aaa</SpicetimeCommit>\n  </PropertyGroup>\n";

    [Test]
    public void Every_project_of_a_node_writes_the_same_shared_file()
    {
        var app = GeneratedPropsWriter.WriteNode(Injection("forks/a/App/App.csproj"));
        var api = GeneratedPropsWriter.WriteNode(Injection("forks/a/Api/Api.csproj"));
        var named = GeneratedPropsWriter.WriteNode(Injection("elsewhere/Tool/Tool.csproj", "feature-A"));

        Assert.That(api.Text, Is.EqualTo(app.Text));
        Assert.That(named.Text, Is.EqualTo(app.Text), "mapped by another rule, the same node");
        Assert.That(app.ContentId, Is.EqualTo(GeneratedPropsWriter.IdOf(app.Text)));
        Assert.That(app.Text, Does.Not.Contain("App").And.Not.Contain(GeneratedPropsNames.ProjectFile).And.Not.Contain(GeneratedPropsNames.MappedBy)
            .And.Not.Contain(GeneratedPropsNames.GeneratedBranchInput), "nothing of any one project");
        Assert.That(app.Text, Does.Contain("<_SpicetimePackageReference Include=\"A\" Version=\"1.0.0\""));
        Assert.That(app.Text, Does.Contain($"<_SpicetimeProjectReference Include=\"{Path.Combine(_root, "shared", "Core", "Core.csproj")}\""));
        Assert.That(GeneratedPropsWriter.WriteNode(Injection("forks/a/deep/Lib/Lib.csproj")).ContentId, Is.Not.EqualTo(app.ContentId), "another node, another id");
    }

    [Test]
    public void A_projects_file_names_the_node_content_it_saw_and_imports_the_shared_file()
    {
        var injection = Injection("forks/a/App/App.csproj");
        var node = GeneratedPropsWriter.WriteNode(injection);
        var nodeFile = NodeFiles.PathIn(Path.Combine(_root, "obj", "spicetime"), "feature-A");
        var pointer = GeneratedPropsWriter.WritePointer(injection, null, node, nodeFile, Version);

        Assert.That(pointer.ContentId, Is.EqualTo(node.ContentId), "what restore needs is the node's content");
        Assert.That(pointer.Text, Does.Contain($"<{GeneratedPropsNames.NodeId}>{node.ContentId}</{GeneratedPropsNames.NodeId}>"));
        Assert.That(pointer.Text, Does.Contain("<_SpicetimeProjectFile>forks/a/App/App.csproj</_SpicetimeProjectFile>"));
        Assert.That(pointer.Text, Does.EndWith(Version + "</Project>\n"));
        var import = XDocument.Parse(pointer.Text).Root!.Elements("Import").Single();
        Assert.That(import.Attribute("Project")!.Value, Is.EqualTo(nodeFile));
        Assert.That(import.Attribute("Condition")!.Value, Is.EqualTo($"Exists('{nodeFile}')"), "a node file removed since is generated again, not MSB4019");
        Assert.That(GeneratedPropsWriter.IdOf(pointer.Text), Is.Empty, "the content id is the shared file's");
        Assert.That(pointer.VersionChangedFrom(pointer.Text), Is.False);
        Assert.That(pointer.VersionChangedFrom(GeneratedPropsWriter.WritePointer(injection, null, node, nodeFile).Text), Is.True);
    }

    [Test]
    public void A_scope_project_of_its_own_node_keeps_a_whole_file()
    {
        Assert.That(Injection("shared/Core/Core.csproj").IsScopeProject, Is.True, "the root's scope lists it");
        Assert.That(Injection("shared/Core/Core.csproj").Projects, Is.Empty);
        Assert.That(Injection("forks/a/App/App.csproj").IsScopeProject, Is.False);
        Assert.That(Injection("forks/a/App/App.csproj").Projects, Has.Count.EqualTo(1));
    }

    [TestCase("feature-A", "node.feature-A.g.props")]
    [TestCase("release/1.x", "node.release~2F1~2Ex.g.props")]
    [TestCase("a_b", "node.a_b.g.props")]
    [TestCase("ä$@;'%", "node.~C3~A4~24~40~3B~27~25.g.props")]
    [TestCase("con", "node.con.g.props")]
    public void A_node_file_name_is_the_branch_with_every_other_character_in_hex(string branch, string expected) =>
        Assert.That(NodeFiles.FileName(branch), Is.EqualTo(expected));

    [Test]
    public void Paths_are_escaped_for_msbuild()
    {
        Assert.That(NodeFiles.MSBuildEscape("/r/it's $x @y;z 100%*?"), Is.EqualTo("/r/it%27s %24x %40y%3Bz 100%25%2A%3F"));
        Assert.That(NodeFiles.MSBuildEscape("/repo/obj/spicetime/node.a.g.props"), Is.EqualTo("/repo/obj/spicetime/node.a.g.props"));
    }

    [Test]
    public void The_folder_beside_tree_json_is_the_trees_own_and_a_shared_one_gets_a_folder_per_tree()
    {
        var own = Path.Combine(_root, "obj", "spicetime");
        Assert.That(NodeFiles.FolderFor(own + Path.DirectorySeparatorChar, _root), Is.EqualTo(own + Path.DirectorySeparatorChar));

        var artifacts = Path.Combine(_root, "artifacts", "obj", "spicetime");
        var shop = NodeFiles.FolderFor(artifacts, Path.Combine(_root, "shop"));
        var billing = NodeFiles.FolderFor(artifacts, Path.Combine(_root, "billing"));
        Assert.That(Path.GetDirectoryName(shop), Is.EqualTo(artifacts));
        Assert.That(Path.GetFileName(shop), Does.Match("^shop-[0-9a-f]{8}$"));
        Assert.That(billing, Is.Not.EqualTo(shop));
        Assert.That(Path.GetFileName(NodeFiles.FolderFor(Path.Combine(_root, "clone2", "artifacts", "obj", "spicetime"), Path.Combine(_root, "clone2", "shop"))),
            Is.EqualTo(Path.GetFileName(shop)), "the same layout in another clone: the same name, so build cache keys do not move");
    }

    [Test]
    public void A_whole_file_of_a_project_that_could_import_its_nodes_file_names_the_nodes_content_id()
    {
        // Node files off, or their folder not writable: switching to the node's file later is no new content for restore.
        var injection = Injection("forks/a/App/App.csproj");
        var node = GeneratedPropsWriter.WriteNode(injection);
        var whole = GeneratedPropsWriter.Write(injection, null, Version, node.ContentId);
        Assert.That(whole.ContentId, Is.EqualTo(node.ContentId));
        Assert.That(GeneratedPropsWriter.IdOf(whole.Text), Is.EqualTo(node.ContentId));
        Assert.That(GeneratedPropsWriter.Write(injection, null, Version).ContentId, Is.Not.EqualTo(node.ContentId), "without it, its own content's id");
    }

    [Test]
    public void A_projects_file_may_record_the_node_content_its_last_restore_saw()
    {
        var injection = Injection("forks/a/App/App.csproj");
        var node = GeneratedPropsWriter.WriteNode(injection);
        var nodeFile = NodeFiles.PathIn(Path.Combine(_root, "obj", "spicetime"), "feature-A");
        var kept = GeneratedPropsWriter.WritePointer(injection, null, node, nodeFile, Version, recordedNodeId: "0123456789abcdef");
        Assert.That(kept.Text, Does.Contain($"<{GeneratedPropsNames.NodeId}>0123456789abcdef</{GeneratedPropsNames.NodeId}>"));
        Assert.That(kept.ContentId, Is.EqualTo(node.ContentId), "what restore needs is still the node's content");
    }
}
