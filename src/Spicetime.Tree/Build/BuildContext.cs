using System.Collections.Concurrent;
using Spicetime.Tree.Contracts;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Locking;
using Spicetime.Tree.Resolution;
using Spicetime.Tree.Versioning;

namespace Spicetime.Tree.Build;

/// <summary>
/// What one build shares: the resolved trees, git facts, contract comparisons and lock checks (through
/// <see cref="Caches"/>, which may outlive it), the diagnostics it has reported, and answers computed once per build
/// (<see cref="Once{T}"/>). The MSBuild tasks find theirs through the engine's registered task objects (one per build and
/// node); the CLI makes one per run; a test makes its own. Nothing of it is static: a process that runs many builds
/// (node reuse, the MSBuild server) starts each with a new context. Safe for parallel callers.
/// </summary>
public sealed class BuildContext
{
    private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<object>> _answers = new(StringComparer.Ordinal);

    /// <summary>A context with caches of its own.</summary>
    public BuildContext()
        : this(new BuildCaches())
    {
    }

    /// <summary>A context over <paramref name="caches"/> kept from earlier builds.</summary>
    public BuildContext(BuildCaches caches) => Caches = caches;

    public BuildCaches Caches { get; }

    /// <summary>True the first time this build is told of <paramref name="diagnostic"/> (a tree's warnings are the same for every project).</summary>
    public bool FirstReport(Diagnostic diagnostic) => _reported.TryAdd(diagnostic.Format(), true);

    /// <summary>The answer for <paramref name="key"/> in this build: <paramref name="compute"/>d by the first caller only.</summary>
    public T Once<T>(string key, Func<T> compute)
        where T : class =>
        (T)_answers.GetOrAdd(key, _ => new Lazy<object>(compute, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>tree.json at <paramref name="path"/>, loaded and resolved; <paramref name="parsed"/> is false when an earlier load of the same content served it.</summary>
    public TreeLoadResult LoadTree(string path, out bool parsed) => Caches.Trees.Load(path, out parsed);

    public TreeLoadResult LoadTree(string path) => Caches.Trees.Load(path, out _);

    /// <summary>
    /// What <paramref name="node"/> packs as (<see cref="NodeVersions.For(ResolvedTree, ResolvedNode, string?, string?, DiagnosticBag, GitFactsCache?)"/>):
    /// HEAD read once per build and tree, so every project of the build names the same commit; the history walked
    /// once per tree and HEAD (<see cref="BuildCaches.GitFacts"/>, kept across builds).
    /// </summary>
    public NodeVersion? Version(ResolvedTree tree, ResolvedNode node, string? rootVersion, string? buildNumber, DiagnosticBag diagnostics) =>
        NodeVersions.For(tree, node, rootVersion, buildNumber, diagnostics, Caches.GitFacts, this);

    /// <summary>What many nodes of <paramref name="tree"/> pack as (<see cref="NodeVersions.Reader"/>), git opened once for them all.</summary>
    public Func<ResolvedNode, DiagnosticBag, NodeVersion?> Versions(ResolvedTree tree) => NodeVersions.Reader(tree, Caches.GitFacts);

    /// <summary><paramref name="node"/>'s contracts against its parent's (<see cref="ContractCheck.ForNode"/>), each pair of files compared once.</summary>
    public ContractCheckResult CheckContracts(ResolvedTree tree, ResolvedNode node) => ContractCheck.ForNode(tree, node, Caches.Contracts);

    /// <summary>tree.lock.json against what sync would write (<see cref="TreeLockSync.Check"/>), once per content.</summary>
    public LockSyncResult CheckLock(string treeFile) => TreeLockSync.Check(treeFile, Caches.LockChecks);
}
