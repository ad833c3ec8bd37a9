using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Locking;

/// <summary>
/// One difference between two recorded states: which node, which entry ("packages/Newtonsoft.Json", "version",
/// "scopes", "inherited core/packages/Serilog"), the old and new value with their provenance, and the node whose edit
/// made it (the upstream node that changed it).
/// </summary>
public sealed record LockChange(string Node, string Entry, string? Old, string? New, string? ChangedBy)
{
    /// <summary>"feature-A: packages/Newtonsoft.Json 13.0.1 (release/core) → 13.0.3 (release/core), changed by release".</summary>
    public string Describe() =>
        $"{Node}: {Entry} {Old ?? "(none)"} → {New ?? "(none)"}{(ChangedBy is null ? string.Empty : $", changed by {ChangedBy}")}";

    public override string ToString() => Describe();
}

/// <summary>
/// Compares recorded states: the lock on disk with the one `spicetime sync` would write now (<see cref="Compare"/>:
/// `sync --check`, <c>SpicetimeLockedMode</c>), and a manual node's recorded inheritance with its parent's current state
/// (<see cref="Outdated"/>: `spicetime outdated`). Each change names the node, the entry, old → new, and who changed it.
/// </summary>
public static class LockDrift
{
    /// <summary>Everything that differs between <paramref name="recorded"/> (on disk) and <paramref name="current"/> (what sync would write), node by node.</summary>
    public static IReadOnlyList<LockChange> Compare(TreeLock recorded, TreeLock current, ResolvedTree tree)
    {
        var changes = new List<LockChange>();
        foreach (var branch in recorded.Nodes.Keys.Union(current.Nodes.Keys, StringComparer.OrdinalIgnoreCase).OrderBy(b => b, StringComparer.Ordinal))
        {
            var before = recorded.Find(branch);
            var after = current.Find(branch);
            if (before is null)
            {
                changes.Add(new LockChange(after!.Branch, "node", null, "added to tree.json", null));
                continue;
            }

            if (after is null)
            {
                changes.Add(new LockChange(before.Branch, "node", "recorded", "removed from tree.json", null));
                continue;
            }

            if (before.Version != after.Version)
            {
                changes.Add(new LockChange(after.Branch, "version", before.Version, after.Version, VersionSetter(tree.Find(branch))));
            }

            if (!before.Scopes.SequenceEqual(after.Scopes, StringComparer.Ordinal))
            {
                changes.Add(new LockChange(after.Branch, "scopes", string.Join(", ", before.Scopes), string.Join(", ", after.Scopes), after.Branch));
            }

            if (before.Manual != after.Manual)
            {
                changes.Add(new LockChange(after.Branch, "updates", before.Manual ? "manual" : "live", after.Manual ? "manual" : "live", after.Branch));
            }

            changes.AddRange(Entries(after.Branch, string.Empty, before.Entries, after.Entries));
            changes.AddRange(Inherited(after.Branch, before.Inherited ?? Array.Empty<LockedScope>(), after.Inherited ?? Array.Empty<LockedScope>()));
        }

        return changes;
    }

    /// <summary>For each manual node built on a recorded state: what its parent changed since (old → new, and who changed it).</summary>
    public static IReadOnlyList<LockChange> Outdated(ResolvedTree tree)
    {
        var changes = new List<LockChange>();
        foreach (var node in tree.Nodes.Where(n => n.InheritsFromLock))
        {
            var recorded = node.InheritedFrom.Select(LockedScope.Of).ToList();
            var now = node.Parent!.Scopes.Select(LockedScope.Of).ToList();
            changes.AddRange(Inherited(node.Branch, recorded, now, prefix: string.Empty));
        }

        return changes;
    }

    private static IEnumerable<LockChange> Inherited(string branch, IReadOnlyList<LockedScope> before, IReadOnlyList<LockedScope> after, string prefix = "inherited ")
    {
        foreach (var name in before.Select(s => s.Name).Union(after.Select(s => s.Name), StringComparer.Ordinal))
        {
            var old = before.FirstOrDefault(s => s.Name == name);
            var @new = after.FirstOrDefault(s => s.Name == name);
            if (old is null || @new is null)
            {
                yield return new LockChange(branch, $"{prefix}scope {name}", old is null ? null : "present", @new is null ? null : "present", (@new ?? old)!.Owner);
                continue;
            }

            foreach (var change in Entries(branch, $"{prefix}{name}/", old.Entries, @new.Entries))
            {
                yield return change;
            }
        }
    }

    private static IEnumerable<LockChange> Entries(string branch, string prefix, IReadOnlyList<LockedEntry> before, IReadOnlyList<LockedEntry> after)
    {
        foreach (var kind in EntryKinds.All)
        {
            var old = before.Where(e => e.Kind == kind).ToDictionary(e => e.Key, kind.KeyComparer());
            var now = after.Where(e => e.Kind == kind).ToDictionary(e => e.Key, kind.KeyComparer());
            foreach (var key in old.Keys.Union(now.Keys, kind.KeyComparer()).OrderBy(k => k, StringComparer.Ordinal))
            {
                old.TryGetValue(key, out var was);
                now.TryGetValue(key, out var @is);
                if (was is not null && @is is not null && was.Value == @is.Value && was.From == @is.From)
                {
                    continue;
                }

                yield return new LockChange(branch, $"{prefix}{kind.JsonKey()}/{key}", Show(was), Show(@is), (@is ?? was)!.Node);
            }
        }
    }

    private static string? Show(LockedEntry? entry) => entry is null ? null : $"{entry.Value} ({entry.From})";

    /// <summary>The node whose <c>version</c> gives <paramref name="node"/>'s line (itself, or the nearest ancestor with one; the root).</summary>
    private static string? VersionSetter(ResolvedNode? node)
    {
        for (var n = node; n is not null; n = n.Parent)
        {
            if (n.Version is not null || n.Parent is null)
            {
                return n.Branch;
            }
        }

        return null;
    }
}
