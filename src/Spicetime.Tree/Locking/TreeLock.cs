using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Locking;

/// <summary>
/// tree.lock.json, in memory: every node's resolved state as `spicetime sync` last recorded it, and, for nodes with
/// <c>"updates": "manual"</c>, the parent's scopes as the node last took them (what it keeps building on until
/// <c>spicetime sync --branch</c>). The file's format is <see cref="TreeLockFile"/>'s; making one from a tree is
/// <see cref="TreeLockBuilder"/>'s; comparing two is <see cref="LockDrift"/>'s.
/// </summary>
public sealed record TreeLock(IReadOnlyDictionary<string, LockedNode> Nodes)
{
    /// <summary>The lock file's name, beside tree.json.</summary>
    public const string FileName = "tree.lock.json";

    /// <summary>The current format.</summary>
    public const int FormatVersion = 1;

    public LockedNode? Find(string branch) => Nodes.TryGetValue(branch, out var node) ? node : null;

    /// <summary>The lock file beside <paramref name="treeFile"/>.</summary>
    public static string PathFor(string treeFile) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(treeFile))!, FileName);
}

/// <summary>One node of the lock: its version pattern, effective scopes, resolved entries, and for a manual node what it inherited.</summary>
public sealed record LockedNode(
    string Branch,
    string Version,
    bool Manual,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<LockedEntry> Entries,
    IReadOnlyList<LockedScope>? Inherited);

/// <summary>One scope of the parent's, as a manual node last took it.</summary>
public sealed record LockedScope(string Name, string Owner, bool Defined, IReadOnlyList<LockedEntry> Entries)
{
    /// <summary>A resolved scope as the lock records it: every entry with the node that set it.</summary>
    internal static LockedScope Of(ResolvedScope scope) => new(
        scope.Name,
        scope.Owner,
        scope.IsDefined,
        EntryKinds.All.SelectMany(k => scope.Table(k)?.Entries ?? Array.Empty<ResolvedEntry>())
            .Select(e => new LockedEntry(e.Kind, e.Key, e.Value, e.NodeIn(scope), scope.Name, e.Origin, e.Override))
            .ToList());
}

/// <summary>An entry with its provenance: who set it (node), in which scope, and how.</summary>
public sealed record LockedEntry(EntryKind Kind, string Key, string Value, string Node, string Scope, EntryOrigin Origin, string? Override)
{
    /// <summary>"release/core", "feature-A extends core", "feature-A override 'frontend-theme'" (as <see cref="Provenance.Describe"/>).</summary>
    public string From => new Provenance(Node, Scope, Origin, Override, Diagnostics.SourcePosition.None).Describe();

    public static LockedEntry Of(NodeEntry entry) =>
        new(entry.Kind, entry.Key, entry.Value, entry.Source.Node, entry.Source.Scope, entry.Source.Origin, entry.Source.Override);
}
