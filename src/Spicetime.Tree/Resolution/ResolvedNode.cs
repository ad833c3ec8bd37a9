using Spicetime.Tree.Model;

namespace Spicetime.Tree.Resolution;

/// <summary>A node with everything it gets: effective scopes and their entries, each with provenance.</summary>
public sealed class ResolvedNode
{
    private readonly Dictionary<EntryKind, EntryTable> _nodeEntries;
    private readonly Dictionary<EntryKind, IReadOnlyList<NodeEntry>> _flattened = new();

    internal ResolvedNode(NodeDefinition definition, ResolvedNode? parent, IReadOnlyList<ResolvedScope> scopes,
        Dictionary<EntryKind, EntryTable> nodeEntries)
    {
        Definition = definition;
        Parent = parent;
        Scopes = scopes;
        _nodeEntries = nodeEntries;
    }

    public NodeDefinition Definition { get; }

    public string Branch => Definition.Branch.Value;

    public ResolvedNode? Parent { get; }

    /// <summary>The effective scopes: inherited ones (in the parent's order), then owned ones.</summary>
    public IReadOnlyList<ResolvedScope> Scopes { get; }

    public IEnumerable<string> ScopeNames => Scopes.Select(s => s.Name);

    /// <summary>True when the scope was inherited from the parent (as the parent resolved it, possibly extended or overridden here).</summary>
    public bool Inherits(ResolvedScope scope) => Parent is not null && Parent.Scopes.Any(s => s.Name == scope.Name);

    /// <summary>True when this node changed the scope (extends or overrides) rather than taking it as it came.</summary>
    public bool Modified(ResolvedScope scope) =>
        Parent?.Scopes.FirstOrDefault(s => s.Name == scope.Name) is { } inherited && !ReferenceEquals(inherited, scope);

    /// <summary>The node's own version, or null when it derives one from its parent's line.</summary>
    public string? Version => Definition.Version?.Value;

    /// <summary>The version a pack of this node writes: its own, or "{parent version}-{label}.{build}".</summary>
    public string VersionPattern =>
        Version ?? (Parent is null ? "$(Version)" : $"{Parent.VersionPattern}-{ForkVersion.Label(Branch)}.{{build}}");

    public IReadOnlyList<NodeEntry> Packages => Entries(EntryKind.Package);

    public IReadOnlyList<NodeEntry> Properties => Entries(EntryKind.Property);

    public IReadOnlyList<NodeEntry> Projects => Entries(EntryKind.Project);

    public IReadOnlyList<NodeEntry> Paths => Entries(EntryKind.Path);

    public IReadOnlyList<NodeEntry> Contracts => Entries(EntryKind.Contract);

    public NodeEntry? Find(EntryKind kind, string key) =>
        Entries(kind).FirstOrDefault(e => kind.KeyComparer().Equals(e.Key, key));

    /// <summary>
    /// The node's entries of one kind, flattened over its scopes: when two scopes set the same key,
    /// the later scope wins (owned after inherited) and the other value is kept in <see cref="NodeEntry.Shadowed"/>;
    /// entries an override added outside any scope come last. Sorted by key for maps, in order for lists.
    /// </summary>
    public IReadOnlyList<NodeEntry> Entries(EntryKind kind)
    {
        lock (_flattened)
        {
            if (!_flattened.TryGetValue(kind, out var entries))
            {
                entries = Flatten(kind);
                _flattened[kind] = entries;
            }

            return entries;
        }
    }

    private IReadOnlyList<NodeEntry> Flatten(EntryKind kind)
    {
        var order = new List<string>();
        var winners = new Dictionary<string, NodeEntry>(kind.KeyComparer());
        var shadowed = new Dictionary<string, List<NodeEntry>>(kind.KeyComparer());

        void Take(NodeEntry entry)
        {
            if (winners.TryGetValue(entry.Key, out var previous))
            {
                if (previous.Value != entry.Value)
                {
                    if (!shadowed.TryGetValue(entry.Key, out var list))
                    {
                        shadowed[entry.Key] = list = new List<NodeEntry>();
                    }

                    list.Add(previous);
                }
            }
            else
            {
                order.Add(entry.Key);
            }

            winners[entry.Key] = entry;
        }

        foreach (var scope in Scopes)
        {
            if (scope.Table(kind) is { } table)
            {
                foreach (var entry in table.Entries)
                {
                    Take(ToNodeEntry(entry, scope.Name, scope.Owner));
                }
            }
        }

        if (_nodeEntries.TryGetValue(kind, out var own))
        {
            foreach (var entry in own.Entries)
            {
                Take(ToNodeEntry(entry, entry.Override!, Branch));
            }
        }

        var result = order.Select(key => winners[key] with
        {
            Shadowed = shadowed.TryGetValue(key, out var list) ? list : Array.Empty<NodeEntry>(),
        });
        return kind.IsList()
            ? result.ToList()
            : result.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
    }

    private static NodeEntry ToNodeEntry(ResolvedEntry entry, string scope, string owner) => new(
        entry.Kind,
        entry.Key,
        entry.Value,
        new Provenance(entry.SetBy ?? owner, scope, entry.Origin, entry.Override, entry.Position),
        entry.Replaced is null ? null : ToNodeEntry(entry.Replaced, scope, owner),
        Array.Empty<NodeEntry>());

    /// <summary>The nodes from the root down to this one.</summary>
    public IReadOnlyList<ResolvedNode> PathFromRoot()
    {
        var path = new List<ResolvedNode>();
        for (var node = this; node is not null; node = node.Parent)
        {
            path.Add(node);
        }

        path.Reverse();
        return path;
    }

    public override string ToString() => Branch;
}
