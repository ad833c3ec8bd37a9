using Spicetime.Tree.Contracts;
using Spicetime.Tree.Locking;
using Spicetime.Tree.Versioning;

namespace Spicetime.Tree.Build;

/// <summary>
/// The answers a build may take from an earlier one because they are keyed by what they are computed from: a tree by the
/// bytes of tree.json and tree.lock.json, git facts by the tree and HEAD, a contract comparison by both files' content.
/// Each keeps only the most recent few (a long-lived MSBuild node sees many edits and commits). Diagnostics are not here:
/// what a build reports belongs to the build (<see cref="BuildContext"/>).
/// </summary>
public sealed class BuildCaches
{
    /// <summary>Resolved trees (the most recent 8 tree.json files).</summary>
    public TreeCache Trees { get; } = new();

    /// <summary>What git said for a tree at a HEAD: commit, time, heights (the most recent 16).</summary>
    public GitFactsCache GitFacts { get; } = new();

    /// <summary>Contract comparisons by content (the most recent 64 pairs).</summary>
    public ContractComparisons Contracts { get; } = new();

    /// <summary><c>SpicetimeLockedMode</c>'s comparison of tree.lock.json with what sync would write (the most recent 8 trees).</summary>
    public TreeContentCache<LockSyncResult> LockChecks { get; } = new();
}
