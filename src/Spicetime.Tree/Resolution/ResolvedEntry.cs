using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Model;

namespace Spicetime.Tree.Resolution;

/// <summary>
/// An entry as it is stored in a resolved scope. Entries written in a scope definition are built
/// once per definition and shared by every node that owns the scope, so <see cref="SetBy"/> is
/// null for them: the node is the scope's owner. Use <see cref="NodeEntry"/> for the public view.
/// </summary>
internal sealed class ResolvedEntry
{
    public ResolvedEntry(EntryKind kind, string key, string value, string? setBy, EntryOrigin origin,
        string? overrideLabel, SourcePosition position, ResolvedEntry? replaced, bool contested)
    {
        Contested = contested;
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

    /// <summary>True when the key is written with another value somewhere in the manifest, so two scopes could clash over it.</summary>
    public bool Contested { get; }

    public string NodeIn(ResolvedScope scope) => SetBy ?? scope.Owner;
}
