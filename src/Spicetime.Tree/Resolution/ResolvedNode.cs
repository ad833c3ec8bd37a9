using Spicetime.Tree.Model;

namespace Spicetime.Tree.Resolution;

/// <summary>A node with everything it gets: effective scopes and their entries, each with provenance.</summary>
public sealed class ResolvedNode
{
    private readonly Dictionary<EntryKind, EntryTable>? _nodeEntries;
    private readonly IReadOnlyList<NodeEntry>?[] _flattened = new IReadOnlyList<NodeEntry>?[EntryKinds.All.Length];

    internal ResolvedNode(NodeDefinition definition, ResolvedNode? parent, IReadOnlyList<ResolvedScope> scopes,
        Dictionary<EntryKind, EntryTable>? nodeEntries)
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
        // Computed on first use; a race computes the same immutable list twice, harmlessly.
        return _flattened[(int)kind] ??= Flatten(kind);
    }

    private IReadOnlyList<NodeEntry> Flatten(EntryKind kind)
    {
        // First pass: the winning entry per key (later scopes win) and the values it shadows.
        var winners = new Dictionary<string, int>(kind.KeyComparer());
        var taken = new List<(ResolvedEntry Entry, string Scope, string Owner, List<(ResolvedEntry, string, string)>? Shadowed)>();

        void Take(ResolvedEntry entry, string scope, string owner)
        {
            if (winners.TryGetValue(entry.Key, out var index))
            {
                var previous = taken[index];
                var shadowed = previous.Shadowed;
                if (previous.Entry.Value != entry.Value)
                {
                    shadowed ??= new List<(ResolvedEntry, string, string)>();
                    shadowed.Add((previous.Entry, previous.Scope, previous.Owner));
                }

                taken[index] = (entry, scope, owner, shadowed);
            }
            else
            {
                winners[entry.Key] = taken.Count;
                taken.Add((entry, scope, owner, null));
            }
        }

        foreach (var scope in Scopes)
        {
            if (scope.Table(kind) is { } table)
            {
                foreach (var entry in table.Entries)
                {
                    Take(entry, scope.Name, scope.Owner);
                }
            }
        }

        if (_nodeEntries is not null && _nodeEntries.TryGetValue(kind, out var own))
        {
            foreach (var entry in own.Entries)
            {
                Take(entry, entry.Override!, Branch);
            }
        }

        // Second pass: build the public entries once.
        var result = new List<NodeEntry>(taken.Count);
        foreach (var (entry, scope, owner, shadowed) in taken)
        {
            var shadows = shadowed is null
                ? (IReadOnlyList<NodeEntry>)Array.Empty<NodeEntry>()
                : shadowed.Select(s => ToNodeEntry(s.Item1, s.Item2, s.Item3)).ToList();
            result.Add(ToNodeEntry(entry, scope, owner, shadows));
        }

        if (!kind.IsList())
        {
            // Keys are unique ignoring case (NuGet ids, MSBuild properties) or ordinal (contracts): one comparer orders them fully.
            var comparer = kind.KeyComparer();
            result.Sort((a, b) => comparer.Compare(a.Key, b.Key));
        }

        return result;
    }

    private static NodeEntry ToNodeEntry(ResolvedEntry entry, string scope, string owner, IReadOnlyList<NodeEntry>? shadowed = null) => new(
        entry.Kind,
        entry.Key,
        entry.Value,
        new Provenance(entry.SetBy ?? owner, scope, entry.Origin, entry.Override, entry.Position),
        entry.Replaced is null ? null : ToNodeEntry(entry.Replaced, scope, owner),
        shadowed ?? Array.Empty<NodeEntry>());

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
