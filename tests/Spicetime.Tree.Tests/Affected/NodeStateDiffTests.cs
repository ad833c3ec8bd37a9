using Spicetime.Tree.Affected;

namespace Spicetime.Tree.Tests.Affected;

/// <summary>Which nodes' own resolved state a tree.json change alters (the base of `spicetime affected`).</summary>
public class NodeStateDiffTests
{
    private const string Before = """
        {"scopes": {"shared": {"packages": {"Newtonsoft.Json": "13.0.3", "Serilog": "4.0.0"}}, "web": {"properties": {"Theme": "light"}}},
         "root": {"branch": "release", "scopes": ["shared"], "children": [
           {"branch": "alpha"},
           {"branch": "beta", "overrides": [{"packages": {"Newtonsoft.Json": "13.0.1"}}]},
           {"branch": "gamma", "inherits": [], "scopes": ["web"]}]}}
        """;

    private static IReadOnlyList<NodeStateChange> Diff(string after) =>
        NodeStateDiff.Compare(Manifest.Load(Before).Tree!, Manifest.Load(after).Tree!);

    [Test]
    public void An_upstream_package_change_affects_the_nodes_that_get_it_but_not_a_fork_that_overrides_it()
    {
        var changes = Diff(Before.Replace("\"Newtonsoft.Json\": \"13.0.3\"", "\"Newtonsoft.Json\": \"13.0.4\""));
        Assert.That(changes.Select(c => c.Branch), Is.EqualTo(new[] { "release", "alpha" }));
        Assert.That(changes[1].Changes.Single().ToString(), Is.EqualTo("packages.Newtonsoft.Json 13.0.3 -> 13.0.4 (release/shared)"));
    }

    [Test]
    public void A_change_to_a_scope_only_one_fork_has_affects_only_that_fork()
    {
        var changes = Diff(Before.Replace("\"Theme\": \"light\"", "\"Theme\": \"dark\""));
        Assert.That(changes.Select(c => c.Branch), Is.EqualTo(new[] { "gamma" }));
    }

    [Test]
    public void Added_nodes_and_changed_scopes_are_reported()
    {
        var changes = Diff(Before.Replace("{\"branch\": \"alpha\"}", "{\"branch\": \"alpha\", \"inherits\": []}, {\"branch\": \"delta\"}"));
        Assert.That(changes.Select(c => c.Branch), Is.EqualTo(new[] { "alpha", "delta" }));
        Assert.That(changes[0].Changes.Select(c => c.Entry), Does.Contain("scopes").And.Contain("packages.Serilog"));
    }

    [Test]
    public void Reformatting_the_file_affects_nothing()
    {
        Assert.That(Diff(Before.Replace("\n", "\n\n  ")), Is.Empty);
    }
}
