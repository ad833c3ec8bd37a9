using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Cli.Output;

/// <summary>Writes resolved nodes for people: one block a node, entries aligned, each with where it came from.</summary>
public static class TextTreeWriter
{
    /// <param name="packsAs">The version a node packs as at the checked-out commit (null when it cannot be told).</param>
    public static void Write(TextWriter output, IReadOnlyList<ResolvedNode> nodes, Func<ResolvedNode, string?> packsAs)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (i > 0)
            {
                output.WriteLine();
            }

            WriteNode(output, nodes[i], packsAs(nodes[i]));
        }
    }

    private static void WriteNode(TextWriter output, ResolvedNode node, string? packsAs)
    {
        var facts = new List<string> { node.Parent is null ? "root" : $"child of {node.Parent.Branch}" };
        if (node.Definition.Path is { } path)
        {
            facts.Add($"path {path.Value}");
        }

        facts.Add($"version {node.VersionPattern}");
        if (packsAs is not null && packsAs != node.VersionPattern)
        {
            facts.Add($"packs as {packsAs}");
        }

        if (node.Definition.Updates == UpdateMode.Manual)
        {
            facts.Add(node.InheritsFromLock ? "updates manual: built on tree.lock.json" : "updates manual: not synced yet");
        }

        output.WriteLine($"{node.Branch}  ({string.Join(", ", facts)})");
        var scopes = node.Scopes.Select(s => s.Name + " (" + Origin(node, s) + ")").ToList();
        output.WriteLine($"  scopes: {(scopes.Count == 0 ? "(none)" : string.Join(", ", scopes))}");

        foreach (var kind in EntryKinds.All)
        {
            var entries = node.Entries(kind);
            if (entries.Count == 0)
            {
                continue;
            }

            output.WriteLine($"  {kind.JsonKey()}:");
            var rows = entries.Select(e => kind.IsList()
                ? new[] { e.Key, string.Empty, Describe(e) }
                : new[] { e.Key, e.Value, Describe(e) }).ToList();
            var keyWidth = rows.Max(r => r[0].Length);
            var valueWidth = rows.Max(r => r[1].Length);
            foreach (var row in rows)
            {
                var value = valueWidth == 0 ? string.Empty : row[1].PadRight(valueWidth) + "  ";
                output.WriteLine($"    {row[0].PadRight(keyWidth)}  {value}{row[2]}".TrimEnd());
            }
        }
    }

    private static string Origin(ResolvedNode node, ResolvedScope scope)
    {
        if (!node.Inherits(scope))
        {
            return scope.IsDefined ? "own" : "own, undefined";
        }

        return node.Modified(scope) ? $"from {node.Parent!.Branch}, changed here" : $"from {node.Parent!.Branch}";
    }

    /// <summary>"release/core", "feature-A extends core (replaced 13.0.3 from release/core)".</summary>
    internal static string Describe(NodeEntry entry)
    {
        var text = entry.Source.DescribeWithLock();
        if (entry.Replaced is { } replaced)
        {
            text += $" (replaced {(entry.Kind.IsList() ? replaced.Key : replaced.Value)} from {replaced.Source.Describe()})";
        }

        foreach (var shadowed in entry.Shadowed)
        {
            text += $" (shadows {shadowed.Value} from {shadowed.Source.Describe()})";
        }

        return text;
    }
}
