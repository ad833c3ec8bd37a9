using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Affected;

/// <summary>A node whose own resolved state differs between two revisions, with every difference.</summary>
public sealed record NodeStateChange(string Branch, IReadOnlyList<EntryChange> Changes);

/// <summary>
/// Compares each node's resolved state (scopes, packages, properties, projects, paths, contracts, version, path)
/// before and after a change of tree.json. A node is changed only when its own resolved state differs: a fork that
/// overrides the entry that changed upstream holds the same value, so it is not.
/// </summary>
public static class NodeStateDiff
{
    /// <summary>The <see cref="EntryChange.Entry"/> of a node that did not exist before (or whose earlier state is unknown).</summary>
    public const string NewNode = "node";

    public static IReadOnlyList<NodeStateChange> Compare(ResolvedTree? before, ResolvedTree after)
    {
        var result = new List<NodeStateChange>();
        foreach (var node in after.Nodes)
        {
            var old = before?.Find(node.Branch);
            var changes = old is null
                ? new List<EntryChange> { new(NewNode, null, node.Branch, null) }
                : Differences(old, node);
            if (changes.Count > 0)
            {
                result.Add(new NodeStateChange(node.Branch, changes));
            }
        }

        return result;
    }

    private static List<EntryChange> Differences(ResolvedNode before, ResolvedNode after)
    {
        var changes = new List<EntryChange>();
        Scalar(changes, "scopes", string.Join(",", before.ScopeNames), string.Join(",", after.ScopeNames));
        Scalar(changes, "version", before.VersionPattern, after.VersionPattern);
        Scalar(changes, "path", before.Definition.Path?.Value, after.Definition.Path?.Value);
        Scalar(changes, "parent", before.Parent?.Branch, after.Parent?.Branch);

        foreach (var kind in EntryKinds.All)
        {
            var old = before.Entries(kind).ToDictionary(e => e.Key, kind.KeyComparer());
            var now = after.Entries(kind).ToDictionary(e => e.Key, kind.KeyComparer());
            foreach (var (key, entry) in now)
            {
                if (!old.TryGetValue(key, out var previous))
                {
                    changes.Add(new EntryChange($"{kind.JsonKey()}.{key}", null, entry.Value, entry.Source.Describe()));
                }
                else if (previous.Value != entry.Value)
                {
                    changes.Add(new EntryChange($"{kind.JsonKey()}.{key}", previous.Value, entry.Value, entry.Source.Describe()));
                }
            }

            foreach (var (key, entry) in old)
            {
                if (!now.ContainsKey(key))
                {
                    changes.Add(new EntryChange($"{kind.JsonKey()}.{key}", entry.Value, null, entry.Source.Describe()));
                }
            }
        }

        return changes;
    }

    private static void Scalar(List<EntryChange> changes, string what, string? before, string? after)
    {
        if (before != after)
        {
            changes.Add(new EntryChange(what, before, after, null));
        }
    }
}
