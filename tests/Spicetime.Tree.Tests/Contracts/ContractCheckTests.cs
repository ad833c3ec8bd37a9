using Spicetime.Tree.Affected;
using Spicetime.Tree.Contracts;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Tests.Contracts;

/// <summary>
/// The contract rule per fork on real files: only contracts whose file differs are compared; breaking changes fail
/// unless accepted (by message or by rule and path, inherited by descendants) or the override is "breaking"; stale
/// acceptances warn; unreadable and mismatched files are SPT0700; a comparison is computed once per content; and
/// `affected` leaves a fork whose override shadows a changed contract alone.
/// </summary>
public class ContractCheckTests
{
    private const string Schema = """
        type Query { product(id: ID!): Product }
        type Product { id: ID! name: String! }
        """;

    private string _root = null!;

    [SetUp]
    public void Write()
    {
        _root = Directory.CreateTempSubdirectory("spicetime-contracts-").FullName;
        File("contracts/catalog.graphql", Schema);
        File("forks/a/catalog.graphql", Schema.Replace("name: String!", "name: String", StringComparison.Ordinal) + "type Extra { x: Int }\n");
    }

    [TearDown]
    public void Remove() => Directory.Delete(_root, true);

    private void File(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, text);
    }

    private Spicetime.Tree.Resolution.ResolvedTree Tree(string overrideExtra = "", string scopes = "", string grandchild = "")
    {
        File("tree.json", $$"""
            { "scopes": { "api": { "contracts": { "catalog": "contracts/catalog.graphql" } } {{scopes}} },
              "root": { "branch": "release", "scopes": ["api"], "children": [
                { "branch": "feature-A", "path": "forks/a",
                  "overrides": [ { "contracts": { "catalog": "forks/a/catalog.graphql" } {{overrideExtra}} } ]
                  {{grandchild}} },
                { "branch": "feature-B", "path": "forks/b" } ] } }
            """);
        var result = TreeFile.Load(Path.Combine(_root, "tree.json"));
        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        return result.Tree!;
    }

    [Test]
    public void A_breaking_change_fails_and_an_addition_is_listed_as_safe()
    {
        var tree = Tree();
        var result = ContractCheck.ForNode(tree, tree.Find("feature-A")!);
        var comparison = result.Comparisons.Single();
        Assert.That(comparison.Changes.Select(c => $"{c.Level} {c.Message}"), Is.EquivalentTo(new[]
        {
            "Breaking Product.name: String! -> String",
            "Safe Extra: object type added",
        }));
        var error = result.Diagnostics.Single(d => d.IsError);
        Assert.That(error.Code, Is.EqualTo("SPT0701"));
        Assert.That(error.Message, Does.Contain("feature-A's contract 'catalog' (forks/a/catalog.graphql) breaks release's (contracts/catalog.graphql): Product.name: String! -> String [FIELD_CHANGED_KIND]"));
        Assert.That(ContractCheck.ForNode(tree, tree.Find("feature-B")!).Comparisons, Is.Empty, "the parent's own file: nothing to compare");
        Assert.That(ContractCheck.ForNode(tree, tree.Find("release")!).Comparisons, Is.Empty);
    }

    [TestCase("\"Product.name: String! -> String\"")]
    [TestCase("\"FIELD_CHANGED_KIND Product.name\"")]
    public void An_accepted_change_passes_by_message_or_by_rule_and_path(string accept)
    {
        var tree = Tree($", \"accept\": [{accept}]");
        var result = ContractCheck.ForNode(tree, tree.Find("feature-A")!);
        Assert.That(result.Failed, Is.False, string.Join("\n", result.Diagnostics));
        Assert.That(result.Comparisons.Single().Accepted.Single().Rule, Is.EqualTo("FIELD_CHANGED_KIND"));
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void A_breaking_named_override_passes_and_a_descendant_inherits_its_parents_acceptances()
    {
        var tree = Tree(scopes: """, "catalog-v2": { "contracts": { "catalog": "forks/a/catalog.graphql" }, "breaking": true }""");
        File("tree.json", System.IO.File.ReadAllText(Path.Combine(_root, "tree.json")).Replace(
            "\"overrides\": [ { \"contracts\": { \"catalog\": \"forks/a/catalog.graphql\" }  } ]", "\"overrides\": [\"catalog-v2\"]", StringComparison.Ordinal));
        var named = TreeFile.Load(Path.Combine(_root, "tree.json")).Tree!;
        Assert.That(named.Find("feature-A")!.Definition.Overrides.Single().ScopeName, Is.EqualTo("catalog-v2"));
        var result = ContractCheck.ForNode(named, named.Find("feature-A")!);
        Assert.That(result.Comparisons.Single().BreakingAllowed, Is.True);
        Assert.That(result.Failed, Is.False);

        // A grandchild that changes the contract again: feature-A's acceptance of its own change serves it too.
        File("forks/a/hotfix/catalog.graphql", System.IO.File.ReadAllText(Path.Combine(_root, "forks/a/catalog.graphql")).Replace("x: Int", "x: Int y: Int", StringComparison.Ordinal));
        var chained = Tree(", \"accept\": [\"FIELD_CHANGED_KIND Product.name\"]",
            grandchild: """, "children": [ { "branch": "hotfix", "overrides": [ { "contracts": { "catalog": "forks/a/hotfix/catalog.graphql" } } ] } ]""");
        var hotfix = ContractCheck.ForNode(chained, chained.Find("hotfix")!);
        Assert.That(hotfix.Comparisons.Single().Changes.Select(c => c.Message), Is.EqualTo(new[] { "Extra.y: field added (Int)" }));
        Assert.That(hotfix.Diagnostics, Is.Empty, "hotfix compares with feature-A's contract; feature-A's acceptance is not stale for it");
    }

    [Test]
    public void A_stale_acceptance_warns_at_its_place_in_tree_json()
    {
        var tree = Tree(", \"accept\": [\"FIELD_CHANGED_KIND Product.name\", \"TYPE_REMOVED Gone\"]");
        var result = ContractCheck.ForNode(tree, tree.Find("feature-A")!);
        var warning = result.Diagnostics.Single();
        Assert.That(warning.Code, Is.EqualTo("SPT0703"));
        Assert.That(warning.Message, Does.Contain("'TYPE_REMOVED Gone'"));
        Assert.That(warning.Position, Is.EqualTo(Manifest.At(System.IO.File.ReadAllText(Path.Combine(_root, "tree.json")), "\"TYPE_REMOVED Gone\"")));
    }

    [Test]
    public void An_unreadable_contract_is_SPT0700_at_its_line_and_a_changed_kind_too()
    {
        File("forks/a/catalog.graphql", "type Query {\n  name: \n}");
        var tree = Tree();
        var error = ContractCheck.ForNode(tree, tree.Find("feature-A")!).Diagnostics.Single();
        Assert.That(error.Code, Is.EqualTo("SPT0700"));
        Assert.That(error.File, Is.EqualTo(Path.GetFullPath(Path.Combine(_root, "forks/a/catalog.graphql"))));
        Assert.That(error.Position.Line, Is.EqualTo(3));

        File("tree.json", System.IO.File.ReadAllText(Path.Combine(_root, "tree.json")).Replace("forks/a/catalog.graphql", "forks/a/catalog.yaml", StringComparison.Ordinal));
        File("forks/a/catalog.yaml", "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths: {}\n");
        var mismatched = TreeFile.Load(Path.Combine(_root, "tree.json")).Tree!;
        Assert.That(ContractCheck.ForNode(mismatched, mismatched.Find("feature-A")!).Diagnostics.Single().Message, Does.Contain("a contract keeps its kind"));
    }

    [Test]
    public void The_same_files_are_compared_once_per_cache()
    {
        File("forks/a/catalog.graphql", Schema + "type Once { id: ID }\n");
        var tree = Tree();
        var cache = new ContractComparisons();
        for (var i = 0; i < 5; i++)
        {
            Assert.That(ContractCheck.ForNode(tree, tree.Find("feature-A")!, cache).Comparisons.Single().Changes, Has.Count.EqualTo(1));
        }

        Assert.That(cache.Computed, Is.EqualTo(1));
    }

    [Test]
    public void Affected_leaves_a_fork_whose_override_shadows_the_changed_contract_alone()
    {
        var tree = Tree();
        File("forks/a/A/A.csproj", "<Project Sdk=\"Spicetime.Sdk\" />");
        File("forks/b/B/B.csproj", "<Project Sdk=\"Spicetime.Sdk\" />");
        var parentChanged = AffectedAnalyzer.Analyze(tree, tree, new[] { "contracts/catalog.graphql" }, ProjectScanner.Discover(_root));
        Assert.That(parentChanged.Branches.Select(b => b.Name), Is.EquivalentTo(new[] { "release", "feature-B" }), "feature-A builds on its own file");
        var forkChanged = AffectedAnalyzer.Analyze(tree, tree, new[] { "forks/a/catalog.graphql" }, ProjectScanner.Discover(_root));
        Assert.That(forkChanged.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/a/A/A.csproj" }));
    }
}
