using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Locking;

/// <summary>
/// What `spicetime sync` records: every node's resolved state, and for each manual node the parent's scopes it builds
/// on. A manual node keeps the state the lock already recorded for it, unless the sync takes the parent's current state
/// for it (<c>--branch</c>, which also covers the manual nodes below it); a manual node the lock does not know yet is
/// recorded as its parent is now.
/// </summary>
public static class TreeLockBuilder
{
    /// <summary>
    /// Resolves <paramref name="manifest"/> the way the lock about to be written will make builds resolve it, and the lock.
    /// <paramref name="refresh"/> names the branches whose manual state is taken from the parent now (null: none).
    /// </summary>
    public static (ResolvedTree? Tree, TreeLock? Lock) Build(TreeManifest manifest, TreeLock? existing, IReadOnlyCollection<string>? refresh, DiagnosticBag diagnostics)
    {
        var kept = existing;
        if (existing is not null && refresh is { Count: > 0 })
        {
            var retake = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var branch in refresh)
            {
                if (manifest.FindNode(branch) is { } node)
                {
                    foreach (var n in SelfAndDescendants(node))
                    {
                        retake.Add(n.Branch.Value);
                    }
                }
            }

            kept = new TreeLock(existing.Nodes
                .Where(n => !retake.Contains(n.Key))
                .ToDictionary(n => n.Key, n => n.Value, StringComparer.OrdinalIgnoreCase));
        }

        // Manual nodes without a recorded state follow the parent here by design: no SPT0602 while recording them.
        var resolving = new DiagnosticBag(diagnostics.File);
        var tree = TreeFile.Resolve(manifest, kept, resolving).Tree;
        diagnostics.AddRange(resolving.Items.Where(d => d.Code != DiagnosticCodes.ManualNodeNotLocked.Code));
        if (tree is null || diagnostics.HasErrors)
        {
            return (tree, null);
        }

        return (tree, From(tree));
    }

    /// <summary>The lock of a resolved tree: each node as it resolved, and what each manual node inherited from.</summary>
    public static TreeLock From(ResolvedTree tree)
    {
        var nodes = new Dictionary<string, LockedNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in tree.Nodes)
        {
            var manual = node.Definition.Updates == UpdateMode.Manual && node.Parent is not null;
            nodes[node.Branch] = new LockedNode(
                node.Branch,
                node.VersionPattern,
                manual,
                node.ScopeNames.ToList(),
                EntryKinds.All.SelectMany(k => node.Entries(k)).Select(LockedEntry.Of).ToList(),
                manual ? node.InheritedFrom.Select(LockedScope.Of).ToList() : null);
        }

        return new TreeLock(nodes);
    }

    private static IEnumerable<NodeDefinition> SelfAndDescendants(NodeDefinition node)
    {
        yield return node;
        foreach (var child in node.Children)
        {
            foreach (var n in SelfAndDescendants(child))
            {
                yield return n;
            }
        }
    }
}
