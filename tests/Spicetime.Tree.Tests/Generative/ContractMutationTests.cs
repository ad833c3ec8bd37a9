using CsCheck;
using Spicetime.Tree.Contracts.GraphQL;
using Spicetime.Tree.Contracts.OpenApi;

namespace Spicetime.Tree.Tests.Generative;

/// <summary>
/// Generative tests (CsCheck) for contracts: a parent's description against a randomly edited copy (lines dropped,
/// duplicated, swapped, words replaced by others of the file, characters inserted) either fails to parse with a
/// positioned error or compares without throwing, in both directions, and a description compared with itself reports
/// nothing. A fork's broken file must be an SPT error, never a stack trace in its build.
/// </summary>
public class ContractMutationTests
{
    private static readonly string OpenApi = File.ReadAllText(Path.Combine(FixtureFiles.RepositoryRoot, "samples", "fork-tree", "contracts", "orders.openapi.yaml"));

    /// <summary>feature-A's copy in the sample: allOf, renamed components, more references to break.</summary>
    private static readonly string ForkOpenApi = File.ReadAllText(Path.Combine(FixtureFiles.RepositoryRoot, "samples", "fork-tree", "forks", "feature-a", "contracts", "orders.openapi.yaml"));

    private static readonly string GraphQL = GraphQLPairs.Load(Path.Combine(FixtureFiles.RepositoryRoot, "tests", "Fixtures", "Contracts", "graphql-pairs.json"))[0].Old;

    /// <summary>Text edits at the line and word level, the kinds a person makes, and stray characters.</summary>
    private static Gen<string> Edited(string text)
    {
        var lines = text.Split('\n');
        var words = text.Split(new[] { ' ', '\n', ',', '{', '}', '[', ']', ':' }, StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
        var edit = Gen.OneOf(
            Gen.Int[0, lines.Length - 1].Select(i => (Func<List<string>, List<string>>)(l => { if (l.Count > 1) { l.RemoveAt(Math.Min(i, l.Count - 1)); } return l; })),
            Gen.Int[0, lines.Length - 1].Select(i => (Func<List<string>, List<string>>)(l => { l.Insert(Math.Min(i, l.Count), l[Math.Min(i, l.Count - 1)]); return l; })),
            Gen.Select(Gen.Int[0, lines.Length - 1], Gen.Int[0, lines.Length - 1]).Select(t => (Func<List<string>, List<string>>)(l =>
            {
                var (a, b) = (Math.Min(t.Item1, l.Count - 1), Math.Min(t.Item2, l.Count - 1));
                (l[a], l[b]) = (l[b], l[a]);
                return l;
            })),
            Gen.Select(Gen.Int[0, lines.Length - 1], Gen.Int[0, words.Length - 1], Gen.Int[0, words.Length - 1]).Select(t => (Func<List<string>, List<string>>)(l =>
            {
                var i = Math.Min(t.Item1, l.Count - 1);
                l[i] = l[i].Replace(words[t.Item2], words[t.Item3], StringComparison.Ordinal);
                return l;
            })),
            Gen.Select(Gen.Int[0, lines.Length - 1], Gen.Char["\0\t\"'{}[]:-#&*!|>%@`\\\u00e9\ud83d"]).Select(t => (Func<List<string>, List<string>>)(l =>
            {
                var i = Math.Min(t.Item1, l.Count - 1);
                l[i] = l[i].Insert(l[i].Length / 2, t.Item2.ToString());
                return l;
            })));
        return edit.Array[1, 6].Select(edits => string.Join('\n', edits.Aggregate(lines.ToList(), (l, e) => e(l))));
    }

    [Test]
    public void Edited_OpenAPI_descriptions_parse_with_a_positioned_error_or_compare_without_throwing()
    {
        var parent = OpenApiContract.Parse(OpenApi, "orders.yaml", out _)!;
        Assert.That(OpenApiComparer.Compare(parent, parent), Is.Empty);
        int parsed = 0, refused = 0, changed = 0;
        Edited(OpenApi).Sample(text =>
        {
            var fork = OpenApiContract.Parse(text, "orders.yaml", out var error);
            if (fork is null)
            {
                Interlocked.Increment(ref refused);
                return error is { Line: >= 1, Column: >= 1 } e && e.Message.Length > 0;
            }

            Interlocked.Increment(ref parsed);
            if (OpenApiComparer.Compare(parent, fork).Count > 0)
            {
                Interlocked.Increment(ref changed);
            }

            _ = OpenApiComparer.Compare(fork, parent);
            return OpenApiComparer.Compare(fork, fork).Count == 0;
        }, iter: 1000);
        TestContext.Progress.WriteLine($"OpenAPI edits: {parsed} parsed, {refused} refused, {changed} changed the API");
        Assert.That(parsed, Is.GreaterThan(5), "edits that still parse");
        Assert.That(refused, Is.GreaterThan(5), "edits that do not");
        Assert.That(changed, Is.GreaterThan(2), "edits that change the API");
    }

    [Test]
    public void Edited_copies_with_allOf_and_references_compare_without_throwing()
    {
        var parent = OpenApiContract.Parse(OpenApi, "orders.yaml", out _)!;
        Edited(ForkOpenApi).Sample(text =>
        {
            if (OpenApiContract.Parse(text, "orders.yaml", out _) is { } fork)
            {
                _ = OpenApiComparer.Compare(parent, fork);
                _ = OpenApiComparer.Compare(fork, parent);
            }
        }, iter: 1000);
    }

    [Test]
    public void Edited_GraphQL_schemas_parse_with_a_positioned_error_or_compare_without_throwing()
    {
        var parent = GraphQLSchema.Parse(GraphQL, out _)!;
        Edited(GraphQL).Sample(text =>
        {
            var fork = GraphQLSchema.Parse(text, out var error);
            if (fork is null)
            {
                return error is { Line: >= 1, Column: >= 1 };
            }

            _ = GraphQLComparer.Compare(parent, fork);
            _ = GraphQLComparer.Compare(fork, parent);
            return GraphQLComparer.Compare(fork, fork).Count == 0;
        }, iter: 500);
    }
}
