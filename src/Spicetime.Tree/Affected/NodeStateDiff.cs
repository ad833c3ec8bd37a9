using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Affected;

/// <summary>One difference in a node's resolved state between two revisions of tree.json.</summary>
public sealed record StateChange(string What, string? Before, string? After, Provenance? Source)
{
    /// <summary>The change as a reason's first link carries it.</summary>
    public EntryChange ToEntryChange() => new(What, Before, After, Source?.Describe());

    /// <summary>"packages.Newtonsoft.Json 13.0.3 -> 13.0.4 (release/core)".</summary>
    public string Describe() => ToEntryChange().ToString();
}

/// <summary>A node whose own resolved state differs between two revisions, with every difference.</summary>
public sealed record NodeStateChange(string Branch, IReadOnlyList<StateChange> Changes);

/// <summary>
/// Compares each node's resolved state (scopes, packages, properties, projects, paths, contracts, version, path)
/// before and after a change of tree.json. A node is changed only when its own resolved state differs: a fork that
/// overrides the entry that changed upstream holds the same value, so it is not.
/// </summary>
public static class NodeStateDiff
{
    /// <summary>The <see cref="StateChange.What"/> of a node that did not exist before (or whose earlier state is unknown).</summary>
    public const string NewNode = "node";

    public static IReadOnlyList<NodeStateChange> Compare(ResolvedTree? before, ResolvedTree after)
    {
        var result = new List<NodeStateChange>();
        foreach (var node in after.Nodes)
        {
            var old = before?.Find(node.Branch);
            var changes = old is null
                ? new List<StateChange> { new(NewNode, null, node.Branch, null) }
                : Differences(old, node);
            if (changes.Count > 0)
            {
                result.Add(new NodeStateChange(node.Branch, changes));
            }
        }

        return result;
    }

    private static List<StateChange> Differences(ResolvedNode before, ResolvedNode after)
    {
        var changes = new List<StateChange>();
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
                    changes.Add(new StateChange($"{kind.JsonKey()}.{key}", null, entry.Value, entry.Source));
                }
                else if (previous.Value != entry.Value)
                {
                    changes.Add(new StateChange($"{kind.JsonKey()}.{key}", previous.Value, entry.Value, entry.Source));
                }
            }

            foreach (var (key, entry) in old)
            {
                if (!now.ContainsKey(key))
                {
                    changes.Add(new StateChange($"{kind.JsonKey()}.{key}", entry.Value, null, entry.Source));
                }
            }
        }

        return changes;
    }

    private static void Scalar(List<StateChange> changes, string what, string? before, string? after)
    {
        if (before != after)
        {
            changes.Add(new StateChange(what, before, after, null));
        }
    }
}
