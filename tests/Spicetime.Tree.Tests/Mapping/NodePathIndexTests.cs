using Spicetime.Tree.Mapping;

namespace Spicetime.Tree.Tests.Mapping;

/// <summary>The node-by-path rule: the longest path prefix wins, "." holds the rest, nothing outside the tree's folder.</summary>
public class NodePathIndexTests
{
    private static readonly Spicetime.Tree.Resolution.ResolvedTree Tree = TreeFile.Parse("""
        {"root": {"branch": "top", "path": ".", "children": [
          {"branch": "a", "path": "forks/a", "children": [{"branch": "sub", "path": "forks/a/sub"}]}]}}
        """, Path.Combine(Path.GetTempPath(), "tree.json")).Tree!;

    [TestCase("forks/a/App", "a")]
    [TestCase("forks/a", "a")]
    [TestCase("forks/a/deep/er/App", "a")]
    [TestCase("forks/a/sub/App", "sub")]
    [TestCase("forks/ab/App", "top")]
    [TestCase("forks", "top")]
    [TestCase(".", "top")]
    [TestCase("elsewhere/App", "top")]
    [TestCase("../outside/App", null)]
    [TestCase("..", null)]
    [TestCase("/abs/forks/a", null)]
    public void A_folder_maps_to_the_node_with_the_longest_path_prefix(string folder, string? expected) =>
        Assert.That(NodePathIndex.For(Tree).Find(folder)?.Branch, Is.EqualTo(expected));

    [Test]
    public void One_index_per_resolved_tree() =>
        Assert.That(NodePathIndex.For(Tree), Is.SameAs(NodePathIndex.For(Tree)));
}
