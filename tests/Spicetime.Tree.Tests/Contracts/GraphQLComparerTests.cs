using Spicetime.Tree.Contracts;
using Spicetime.Tree.Contracts.GraphQL;

namespace Spicetime.Tree.Tests.Contracts;

/// <summary>
/// GraphQL comparisons, table-driven on the corpus tests/Fixtures/Contracts/graphql-pairs.json (shared with the
/// graphql-inspector comparison): each pair names the changes it must report (rule id and message), and the rewrite
/// that keeps the meaning reports nothing.
/// </summary>
public class GraphQLComparerTests
{
    private static readonly string Corpus = Path.Combine(FixtureFiles.RepositoryRoot, "tests", "Fixtures", "Contracts", "graphql-pairs.json");

    private static IEnumerable<TestCaseData> Pairs() =>
        GraphQLPairs.Load(Corpus).Select(p => new TestCaseData(p.Old, p.New, p.Changes).SetName(p.Name));

    [TestCaseSource(nameof(Pairs))]
    public void Each_pair_reports_its_changes_with_their_rules_and_rewrites_report_nothing(string before, string after, IReadOnlyList<string> expected)
    {
        var old = GraphQLSchema.Parse(before, out var e1) ?? throw new InvalidOperationException(e1.ToString());
        var now = GraphQLSchema.Parse(after, out var e2) ?? throw new InvalidOperationException(e2.ToString());
        var changes = GraphQLComparer.Compare(old, now);
        Assert.That(changes.Select(c => $"{c.Rule} {c.Message}"), Is.EquivalentTo(expected));
        foreach (var change in changes)
        {
            Assert.That(GraphQLComparer.Rules.Single(r => r.Id == change.Rule).Level, Is.EqualTo(change.Level));
        }
    }

    [Test]
    public void A_syntax_error_says_where()
    {
        Assert.That(GraphQLSchema.Parse("type Query {\n  name: \n}", out var error), Is.Null);
        Assert.That(error!.Value.Line, Is.EqualTo(3));
        Assert.That(error.Value.Column, Is.EqualTo(1));
    }
}
