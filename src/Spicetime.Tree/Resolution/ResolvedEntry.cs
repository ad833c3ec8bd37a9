using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Model;

namespace Spicetime.Tree.Resolution;

/// <summary>
/// An entry as it is stored in a resolved scope. Entries written in a scope definition are built
/// once per definition and shared by every node that owns the scope, so <see cref="SetBy"/> is
/// null for them: the node is the scope's owner. <see cref="NodeEntry"/> is the public view, with the owner filled in
/// and the replaced chain and shadowed values resolved (<see cref="TreeResolver.EffectiveEntries"/>); the two differ on
/// purpose: this one is shared between nodes, that one belongs to one node.
/// </summary>
internal sealed class ResolvedEntry
{
    public ResolvedEntry(EntryKind kind, string key, string value, string? setBy, EntryOrigin origin,
        string? overrideLabel, SourcePosition position, ResolvedEntry? replaced)
    {
        Kind = kind;
        Key = key;
        Value = value;
        SetBy = setBy;
        Origin = origin;
        Override = overrideLabel;
        Position = position;
        Replaced = replaced;
    }

    public EntryKind Kind { get; }

    public string Key { get; }

    public string Value { get; }

    /// <summary>The node that set the entry; null: the owner of the scope that holds it.</summary>
    public string? SetBy { get; }

    public EntryOrigin Origin { get; }

    public string? Override { get; }

    public SourcePosition Position { get; }

    /// <summary>The entry this one replaced (an extends or override of an existing key).</summary>
    public ResolvedEntry? Replaced { get; }

    public string NodeIn(ResolvedScope scope) => SetBy ?? scope.Owner;

    /// <summary>True when the entry was read from tree.lock.json (a manual node's recorded inheritance), not from tree.json.</summary>
    public bool FromLock { get; init; }
}
