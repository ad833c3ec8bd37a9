using System.Text.Json.Nodes;
using Spicetime.Tree.Graph;

namespace Spicetime.Tree.Tests.Graph;

/// <summary>The graph page's data: its parts, and each diagnostic placed on the node it concerns.</summary>
public class GraphPageDataTests
{
    private const string Tree = """
        {
          "scopes": {"core": {"packages": {"Serilog": "4.1.0"}}},
          "root": {
            "branch": "release", "scopes": ["core"],
            "children": [
              {"branch": "a", "path": "forks/a", "scopes": ["ghost"],
               "overrides": [{"packages": {"Serilog": "4.0.0"}}]},
              {"branch": "b", "path": "forks/b"}
            ]
          }
        }
        """;

    private static JsonNode Data(string folder)
    {
        var loaded = TreeFile.Load(Path.Combine(folder, "tree.json"));
        Assert.That(loaded.Succeeded, Is.True, string.Join("\n", loaded.Diagnostics));
        var answer = GraphPageData.Build(loaded.Tree!, new GraphPageRequest
        {
            TreeFile = "tree.json",
            Diagnostics = loaded.Diagnostics,
            PacksAs = _ => null,
            DisplayPath = path => Path.GetFileName(path),
        });
        Assert.That(answer.Succeeded, Is.True);
        return JsonNode.Parse(answer.Json!)!;
    }

    [Test]
    public void Each_diagnostic_is_placed_on_the_node_it_concerns_with_its_help_link()
    {
        var folder = Directory.CreateTempSubdirectory("spicetime-graph-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "tree.json"), Tree);
            var data = Data(folder);
            var diagnostics = data["diagnostics"]!.AsArray().ToDictionary(d => (string)d!["code"]!, d => d!);
            Assert.That(diagnostics.Keys, Is.EquivalentTo(new[] { "SPT0108", "SPT0504" }));
            Assert.That((string?)diagnostics["SPT0108"]["branch"], Is.EqualTo("a"), "the undefined scope a names (by position)");
            Assert.That((string?)diagnostics["SPT0504"]["branch"], Is.EqualTo("a"), "the stale override of a (by its message)");
            Assert.That((string?)diagnostics["SPT0504"]["helpLink"], Does.EndWith("docs/errors.md#spt0504"));
            Assert.That((string?)diagnostics["SPT0504"]["file"], Is.EqualTo("tree.json"));

            Assert.That(data["tree"]!["nodes"]!.AsArray().Select(n => (string)n!["branch"]!), Is.EqualTo(new[] { "release", "a", "b" }));
            Assert.That(data["projects"]!.AsArray(), Is.Empty);
            Assert.That(data["affected"], Is.Null);
            Assert.That(data["why"]!["b"]!["packages"]!["Serilog"]!.AsArray().Select(s => (string)s!["action"]!), Is.EqualTo(new[] { "set", "inherited" }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
