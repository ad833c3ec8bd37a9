using Microsoft.Build.Framework;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Locking;
using Task = Microsoft.Build.Utilities.Task;

namespace Spicetime.Sdk.Tasks;

/// <summary>
/// <c>-p:SpicetimeLockedMode=true</c>, the CI guard: fails the build when tree.lock.json is not what `spicetime sync`
/// would write for this project's node (or does not exist), with the same SPT0600 `spicetime sync --check` reports.
/// The comparison is Spicetime.Tree's (<see cref="TreeLockSync"/>), once per MSBuild node for the same content.
/// </summary>
public sealed class CheckSpicetimeLock : Task
{
    [Required]
    public string TreeFile { get; set; } = string.Empty;

    /// <summary>The project's node: only what drifted in it fails this project.</summary>
    [Required]
    public string Branch { get; set; } = string.Empty;

    public override bool Execute()
    {
        var context = TaskBuildContext.Of(BuildEngine);
        var result = context.CheckLock(TreeFile);
        // Problems reading tree.json or the lock, then what drifted in this project's node (or the whole lock, missing).
        var relevant = result.Diagnostics.Where(d => d.Code != DiagnosticCodes.LockFileStale.Code)
            .Concat(result.Drift
                .Where(c => c.Node == LockSyncResult.WholeTree || string.Equals(c.Node, Branch, StringComparison.OrdinalIgnoreCase))
                .Select(result.DriftDiagnostic))
            .ToList();
        MSBuildDiagnostics.Report(Log, relevant, context);
        return !Log.HasLoggedErrors;
    }
}
