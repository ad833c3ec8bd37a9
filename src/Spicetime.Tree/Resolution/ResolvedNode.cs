using Spicetime.Tree.Model;

namespace Spicetime.Tree.Resolution;

/// <summary>A node with everything it gets: effective scopes and their entries, each with provenance.</summary>
public sealed class ResolvedNode
{
    private readonly Dictionary<EntryKind, EntryTable>? _nodeEntries;
    private readonly IReadOnlyList<NodeEntry>?[] _flattened = new IReadOnlyList<NodeEntry>?[EntryKinds.All.Length];

    internal ResolvedNode(NodeDefinition definition, ResolvedNode? parent, IReadOnlyList<ResolvedScope> scopes,
        Dictionary<EntryKind, EntryTable>? nodeEntries, IReadOnlyList<ResolvedScope> inheritedFrom, bool inheritsFromLock)
    {
        Definition = definition;
        Parent = parent;
        Scopes = scopes;
        _nodeEntries = nodeEntries;
        InheritedFrom = inheritedFrom;
        InheritsFromLock = inheritsFromLock;
    }

    /// <summary>The parent's scopes this node inherited from: as the parent resolved them, or as tree.lock.json recorded them (<see cref="InheritsFromLock"/>).</summary>
    public IReadOnlyList<ResolvedScope> InheritedFrom { get; }

    /// <summary>True for a manual node (<c>"updates": "manual"</c>) built on the parent's state recorded in tree.lock.json.</summary>
    public bool InheritsFromLock { get; }

    public NodeDefinition Definition { get; }

    public string Branch => Definition.Branch.Value;

    public ResolvedNode? Parent { get; }

    /// <summary>The effective scopes: inherited ones (in the parent's order), then owned ones.</summary>
    public IReadOnlyList<ResolvedScope> Scopes { get; }

    public IEnumerable<string> ScopeNames => Scopes.Select(s => s.Name);

    /// <summary>True when the scope was inherited from the parent (as the parent resolved it, possibly extended or overridden here).</summary>
    public bool Inherits(ResolvedScope scope) => InheritedFrom.Any(s => s.Name == scope.Name);

    /// <summary>True when this node changed the scope (extends or overrides) rather than taking it as it came.</summary>
    public bool Modified(ResolvedScope scope) =>
        InheritedFrom.FirstOrDefault(s => s.Name == scope.Name) is { } inherited && !ReferenceEquals(inherited, scope);

    /// <summary>The node's own version, or null when it derives one from its parent's line.</summary>
    public string? Version => Definition.Version?.Value;

    /// <summary>The version this node's packs get, by <see cref="Versioning.ForkVersions"/>: its own, or its parent's line, its label and "{build}".</summary>
    public string VersionPattern => Versioning.ForkVersions.Pattern(this);

    public IReadOnlyList<NodeEntry> Packages => Entries(EntryKind.Package);

    public IReadOnlyList<NodeEntry> Properties => Entries(EntryKind.Property);

    public IReadOnlyList<NodeEntry> Projects => Entries(EntryKind.Project);

    public IReadOnlyList<NodeEntry> Paths => Entries(EntryKind.Path);

    public IReadOnlyList<NodeEntry> Contracts => Entries(EntryKind.Contract);

    public NodeEntry? Find(EntryKind kind, string key) =>
        Entries(kind).FirstOrDefault(e => kind.KeyComparer().Equals(e.Key, key));

    /// <summary>
    /// The node's entries of one kind, each key once with the value that wins and the values it shadows, by
    /// <see cref="TreeResolver.EffectiveEntries"/> (where precedence is decided). Computed on first use per kind.
    /// </summary>
    public IReadOnlyList<NodeEntry> Entries(EntryKind kind)
    {
        // A race computes the same immutable list twice, harmlessly.
        return _flattened[(int)kind] ??= TreeResolver.EffectiveEntries(this, kind);
    }

    /// <summary>Entries an override set that no scope of the node has (they belong to the node itself).</summary>
    internal EntryTable? OwnEntries(EntryKind kind) =>
        _nodeEntries is not null && _nodeEntries.TryGetValue(kind, out var table) ? table : null;

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
