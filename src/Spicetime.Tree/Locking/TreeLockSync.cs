using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Loading;

namespace Spicetime.Tree.Locking;

/// <summary>What `spicetime sync` did or found: the lock it made, what differs from the one on disk, whether it wrote it.</summary>
public sealed record LockSyncResult(
    string LockFile,
    TreeLock? Lock,
    IReadOnlyList<LockChange> Drift,
    bool Written,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Lock is not null && !Diagnostics.Any(d => d.IsError);

    /// <summary>True when the lock on disk is what sync would write.</summary>
    public bool UpToDate => Succeeded && Drift.Count == 0;

    /// <summary>The node a missing lock is reported for: every node's state is missing.</summary>
    public const string WholeTree = "(tree)";

    /// <summary>SPT0600 for one difference (`sync --check` and <c>SpicetimeLockedMode</c> say the same).</summary>
    public Diagnostic DriftDiagnostic(LockChange change) => DiagnosticCodes.LockFileStale.Create(
        change.Node == WholeTree
            ? $"{TreeLock.FileName} does not exist; run spicetime sync and commit it"
            : $"{TreeLock.FileName} is out of date: {change.Describe()}; run spicetime sync and commit it",
        LockFile, SourcePosition.None);
}

/// <summary>
/// `spicetime sync [--check] [--branch B]` and <c>SpicetimeLockedMode</c>: makes the lock (<see cref="TreeLockBuilder"/>),
/// compares it with the one on disk (<see cref="LockDrift"/>), and writes it atomically and only when it changed.
/// </summary>
public static class TreeLockSync
{
    /// <summary>
    /// <c>SpicetimeLockedMode</c>: <see cref="Run"/> with check, once for the same tree.json and lock content in
    /// <paramref name="checks"/> (a build's, <see cref="BuildCaches.LockChecks"/>: a build of many projects compares once).
    /// </summary>
    public static LockSyncResult Check(string treeFile, TreeContentCache<LockSyncResult> checks)
    {
        var full = Path.GetFullPath(treeFile);
        return checks.Get(full, _ => Run(full, Array.Empty<string>(), check: true), out _);
    }

    /// <param name="branches">Branches whose manual state is taken from the parent now (and their descendants'); none: keep every recorded state.</param>
    /// <param name="check">Only compare: nothing is written, and each difference is an SPT0600 error.</param>
    public static LockSyncResult Run(string treeFile, IReadOnlyCollection<string> branches, bool check)
    {
        var full = Path.GetFullPath(treeFile);
        var lockFile = TreeLock.PathFor(full);
        var diagnostics = new DiagnosticBag(full);
        if (!File.Exists(full))
        {
            diagnostics.Report(DiagnosticCodes.TreeFileNotFound, SourcePosition.None, $"'{treeFile}' does not exist");
            return new LockSyncResult(lockFile, null, Array.Empty<LockChange>(), false, diagnostics.Items);
        }

        var manifest = TreeManifestLoader.LoadFile(full, diagnostics);
        var existing = TreeLockFile.ReadBeside(full, diagnostics);
        if (manifest is null || diagnostics.HasErrors)
        {
            return new LockSyncResult(lockFile, null, Array.Empty<LockChange>(), false, diagnostics.Items);
        }

        foreach (var branch in branches.Where(b => manifest.FindNode(b) is null))
        {
            diagnostics.Report(DiagnosticCodes.UnknownBranch, SourcePosition.None,
                Mapping.UnknownBranch.Message("--branch", branch, manifest.Nodes.Select(n => n.Branch.Value)));
        }

        if (diagnostics.HasErrors)
        {
            return new LockSyncResult(lockFile, null, Array.Empty<LockChange>(), false, diagnostics.Items);
        }

        var (tree, made) = TreeLockBuilder.Build(manifest, existing, branches, diagnostics);
        if (tree is null || made is null)
        {
            return new LockSyncResult(lockFile, null, Array.Empty<LockChange>(), false, diagnostics.Items);
        }

        var drift = existing is null ? Array.Empty<LockChange>() : LockDrift.Compare(existing, made, tree);
        if (check)
        {
            var checkedResult = new LockSyncResult(lockFile, made,
                existing is null ? new[] { new LockChange(LockSyncResult.WholeTree, TreeLock.FileName, null, "written", null) } : drift, false, diagnostics.Items);
            foreach (var change in checkedResult.Drift)
            {
                diagnostics.Add(checkedResult.DriftDiagnostic(change));
            }

            return checkedResult with { Diagnostics = diagnostics.Items };
        }

        var written = GeneratedFile.WriteIfChanged(lockFile, TreeLockFile.Write(made));
        return new LockSyncResult(lockFile, made, drift, written, diagnostics.Items);
    }
}
