using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using Spicetime.Tree.Affected;
using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Tests.Generative;

/// <summary>
/// Generative tests (CsCheck): valid manifests mutated at the text and the JSON level (types, keys, values, duplicate
/// keys, BOMs, huge numbers, control characters, deep nesting) never make loading, resolving, explaining (why) or
/// comparing node states (affected) throw, and every problem comes back as a coded diagnostic with a position. CsCheck
/// shrinks a failure to a minimal manifest and prints the seed that reproduces it.
/// </summary>
public class ManifestMutationTests
{
    private static readonly string Rich = ManifestMutations.Rich;

    private static readonly string[] Seeds = ManifestMutations.Seeds;

    private static readonly Gen<string> Mutated = ManifestMutations.Mutated;

    [Test]
    public void Mutated_manifests_never_throw_and_every_diagnostic_is_coded_and_positioned()
    {
        var original = Manifest.Load(Rich).Tree!;
        Mutated.Sample(text =>
        {
            var result = Manifest.Load(text);
            foreach (var d in result.Diagnostics)
            {
                if (!Regex.IsMatch(d.Code, "^SPT\\d{4}$") || !d.Position.IsKnown || d.Message.Length == 0)
                {
                    throw new InvalidOperationException($"unpositioned or uncoded: {d}");
                }
            }

            if (result.Succeeded != !result.Diagnostics.Any(d => d.IsError))
            {
                throw new InvalidOperationException("a result that failed without an error, or succeeded with one");
            }

            if (result.Tree is { } tree)
            {
                Exercise(tree);
                NodeStateDiff.Compare(original, tree);
                NodeStateDiff.Compare(null, tree);
            }
        }, iter: 10000, threads: 1);
    }

    [Test]
    public void Bytes_that_are_not_UTF_8_are_a_positioned_error_not_a_crash()
    {
        var invalid = new byte[][] { new byte[] { 0xFF }, new byte[] { 0xC0, 0x80 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF8 }, new byte[] { 0 } };
        Gen.Int[0, Seeds.Length - 1].SelectMany(seed => Gen.Int[0, 100_000].SelectMany(at => Gen.Int[0, invalid.Length - 1].Select(b => (seed, at, b)))).Sample(pick =>
        {
            var bytes = Encoding.UTF8.GetBytes(Seeds[pick.seed]).ToList();
            bytes.InsertRange(pick.at % (bytes.Count + 1), invalid[pick.b]);
            var result = TreeFile.Parse(bytes.ToArray(), Path.Combine(Manifest.Folder, "tree.json"));
            if (result.Diagnostics.Any(d => !d.Position.IsKnown || !d.Code.StartsWith("SPT", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
            }
        }, iter: 2000, threads: 1);
    }

    /// <summary>What show and why read of every node: each entry, its history and explanation, the version line.</summary>
    private static void Exercise(ResolvedTree tree)
    {
        foreach (var node in tree.Nodes)
        {
            _ = node.VersionPattern;
            foreach (var kind in EntryKinds.All)
            {
                foreach (var entry in node.Entries(kind))
                {
                    _ = entry.History().Count();
                    _ = EntryExplainer.Explain(node, entry);
                }
            }
        }
    }

    [Test]
    public void Resolving_the_same_input_twice_gives_the_same_state_provenance_included()
    {
        Mutated.Sample(text =>
        {
            var first = Manifest.Load(text);
            var second = Manifest.Load(text);
            if (Dump(first) != Dump(second))
            {
                throw new InvalidOperationException("two resolutions differ");
            }
        }, iter: 2000, threads: 1);
    }

    [Test]
    public void Resolving_does_not_depend_on_the_order_of_keys_in_objects()
    {
        // Every object's keys shuffled (arrays keep their order: scopes, inherits and overrides are ordered).
        Gen.Int[0, Seeds.Length - 1].SelectMany(seed => Gen.Int.Select(shuffle => (seed, shuffle))).Sample(pick =>
        {
            var text = Seeds[pick.seed];
            var shuffled = Shuffle(JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!, new Random(pick.shuffle))!.ToJsonString();
            var a = Manifest.Load(text);
            var b = Manifest.Load(shuffled);
            if (a.Tree is null || b.Tree is null || NodeStateDiff.Compare(a.Tree, b.Tree).Count > 0 || NodeStateDiff.Compare(b.Tree, a.Tree).Count > 0
                || !a.Diagnostics.Select(d => d.Code).Order().SequenceEqual(b.Diagnostics.Select(d => d.Code).Order()))
            {
                throw new InvalidOperationException($"key order changed the result:\n{shuffled}");
            }
        }, iter: 200, threads: 1);
    }

    private static JsonNode? Shuffle(JsonNode? node, Random random)
    {
        switch (node)
        {
            case JsonObject obj:
                var properties = obj.ToList();
                obj.Clear();
                foreach (var (key, value) in properties.OrderBy(_ => random.Next()))
                {
                    obj[key] = Shuffle(value, random);
                }

                return obj;
            case JsonArray array:
                var items = array.ToList();
                array.Clear();
                foreach (var item in items)
                {
                    array.Add(Shuffle(item, random));
                }

                return array;
            default:
                return node;
        }
    }

    /// <summary>Everything a resolution decided, provenance and positions included, as text.</summary>
    private static string Dump(TreeLoadResult result)
    {
        var text = new StringBuilder(string.Join("\n", result.Diagnostics)).Append('\n');
        foreach (var node in result.Tree?.Nodes ?? Array.Empty<ResolvedNode>())
        {
            text.Append(node.Branch).Append(':').Append(string.Join(",", node.ScopeNames)).Append(' ').Append(node.VersionPattern).Append('\n');
            foreach (var kind in EntryKinds.All)
            {
                foreach (var entry in node.Entries(kind))
                {
                    text.Append($"  {kind} {entry.Key}={entry.Value} {entry.Source.Describe()} {entry.Source.Position} replaced:{entry.Replaced?.Value} shadows:{string.Join("|", entry.Shadowed.Select(s => s.Value))}\n");
                }
            }
        }

        return text.ToString();
    }
}
