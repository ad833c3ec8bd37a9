using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Model;

namespace Spicetime.Tree.Resolution;

/// <summary>
/// SPT0115: two scopes of a node set the same entry to different values (the later scope wins, by
/// <see cref="TreeResolver.EffectiveEntries"/>; the warning asks for an explicit override). A pass of its own, run by
/// the resolver after each node. Only a scope the node owns can bring a new clash (inherited ones were checked at the
/// parent), and only keys written with two different values somewhere in the manifest can clash at all; the entries of
/// a table with such keys are found once per table (scope definitions' tables are shared by every owner).
/// </summary>
internal sealed class ScopeClashCheck
{
    private readonly DiagnosticBag _diagnostics;
    // Indexed by EntryKind: a dictionary keyed by an enum of this assembly is JIT-compiled on each MSBuild node's first call.
    private readonly HashSet<string>[] _contestedKeys;
    private readonly Dictionary<EntryTable, IReadOnlyList<ResolvedEntry>> _contestedEntries = new(ReferenceEqualityComparer.Instance);

    public ScopeClashCheck(TreeManifest manifest, DiagnosticBag diagnostics)
    {
        _diagnostics = diagnostics;
        _contestedKeys = ContestedKeys(manifest);
    }

    /// <summary>Warns for each owned scope (from <paramref name="ownedStart"/>) that sets a key an earlier scope sets differently.</summary>
    public void Check(NodeDefinition node, IReadOnlyList<ResolvedScope> scopes, int ownedStart)
    {
        for (var i = ownedStart; i < scopes.Count; i++)
        {
            foreach (var table in scopes[i].Tables)
            {
                foreach (var entry in Contested(table))
                {
                    for (var j = 0; j < i; j++)
                    {
                        if (scopes[j].Find(table.Kind, entry.Key) is { } other && other.Value != entry.Value)
                        {
                            var position = node.Scopes.First(s => s.Value == scopes[i].Name).Position;
                            _diagnostics.Report(DiagnosticCodes.ConflictingScopes, position,
                                $"{node.Branch.Value}: scope '{scopes[i].Name}' sets {table.Kind.ToString().ToLowerInvariant()} {entry.Key} to {entry.Value}, scope '{scopes[j].Name}' to {other.Value}; '{scopes[i].Name}' wins (the later scope). Add an override to make the choice explicit");
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The entries of <paramref name="table"/> whose key is contested: for an overlay, its base's (less the keys it
    /// replaced) and its own, so a fork that changes one entry of a large scope costs one lookup, not a copy.
    /// </summary>
    private IReadOnlyList<ResolvedEntry> Contested(EntryTable table)
    {
        var keys = _contestedKeys[(int)table.Kind];
        if (keys.Count == 0)
        {
            return Array.Empty<ResolvedEntry>();
        }

        if (table.Base is not null)
        {
            // An overlay belongs to one node and is checked once: computed, not kept.
            return Contested(table.Base).Where(e => !table.Owns(e.Key)).Concat(table.OwnEntries.Where(e => keys.Contains(e.Key))).ToList();
        }

        // A base table (a scope definition's) is shared by every node that owns the scope: found once.
        if (!_contestedEntries.TryGetValue(table, out var contested))
        {
            var found = table.OwnEntries.Where(e => keys.Contains(e.Key)).ToArray();
            _contestedEntries[table] = contested = found.Length == 0 ? Array.Empty<ResolvedEntry>() : found;
        }

        return contested;
    }

    /// <summary>The keys written with more than one value anywhere in the manifest: the only ones two scopes can clash over.</summary>
    private static HashSet<string>[] ContestedKeys(TreeManifest manifest)
    {
        var firstValue = new Dictionary<string, string>[EntryKinds.All.Length];
        var contested = new HashSet<string>[EntryKinds.All.Length];
        foreach (var kind in EntryKinds.All)
        {
            firstValue[(int)kind] = new Dictionary<string, string>(kind.KeyComparer());
            contested[(int)kind] = new HashSet<string>(kind.KeyComparer());
        }

        void See(ScopeContent content)
        {
            foreach (var kind in content.Kinds)
            {
                if (kind.IsList())
                {
                    continue;
                }

                foreach (var item in content.Get(kind))
                {
                    var first = firstValue[(int)kind];
                    if (!first.TryAdd(item.Key.Value, item.Value.Value) && first[item.Key.Value] != item.Value.Value)
                    {
                        contested[(int)kind].Add(item.Key.Value);
                    }
                }
            }
        }

        foreach (var definition in manifest.Scopes.Values)
        {
            See(definition.Content);
        }

        foreach (var node in manifest.Nodes)
        {
            foreach (var (_, content) in node.Extends)
            {
                See(content);
            }

            foreach (var @override in node.Overrides)
            {
                if (@override.Inline is { } inline)
                {
                    See(inline);
                }
            }
        }

        return contested;
    }
}
