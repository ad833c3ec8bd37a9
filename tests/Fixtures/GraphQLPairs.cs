using System.Text.Json;

namespace Spicetime.Tests.Fixtures;

/// <summary>
/// The GraphQL contract corpus (tests/Fixtures/Contracts/graphql-pairs.json): a base schema and, per pair, the edits
/// that make the fork's schema (or a whole schema), with the changes Spicetime must report ("RULE message"). One
/// source for the comparer tests and the graphql-inspector comparison (benchmarks/contracts), compiled into both.
/// </summary>
internal static class GraphQLPairs
{
    public sealed record Pair(string Name, string Old, string New, IReadOnlyList<string> Changes);

    public static IReadOnlyList<Pair> Load(string corpusFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(corpusFile));
        var root = json.RootElement;
        var old = root.GetProperty("base").GetString()!;
        return root.GetProperty("pairs").EnumerateArray().Select(pair => new Pair(
            pair.GetProperty("name").GetString()!,
            old,
            pair.TryGetProperty("schema", out var schema) ? schema.GetString()! : Apply(old, pair.GetProperty("edits")),
            pair.TryGetProperty("changes", out var changes) ? changes.EnumerateArray().Select(c => c.GetString()!).ToList() : new List<string>()))
            .ToList();
    }

    /// <summary>Each edit replaces the first occurrence of its text; an edit whose text is missing is a broken corpus.</summary>
    private static string Apply(string text, JsonElement edits)
    {
        foreach (var edit in edits.EnumerateArray())
        {
            var from = edit.GetProperty("replace").GetString()!;
            var at = text.IndexOf(from, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new InvalidOperationException($"the corpus edit '{from}' is not in the schema");
            }

            text = text[..at] + edit.GetProperty("with").GetString() + text[(at + from.Length)..];
        }

        return text;
    }
}
