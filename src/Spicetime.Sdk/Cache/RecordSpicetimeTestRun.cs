using Microsoft.Build.Framework;
using Spicetime.Tree.Cache;
using Spicetime.Tree.Cache.Tests;
using Spicetime.Tree.Diagnostics;
using Task = Microsoft.Build.Utilities.Task;

namespace Spicetime.Sdk.Tasks.Cache;

/// <summary>
/// After VSTest ran and passed (a failing run fails the target, and this never runs): reads the run's TRX file and stores
/// the record under the test key. A TRX that says anything but a pass stores nothing.
/// </summary>
public sealed class RecordSpicetimeTestRun : Task
{
    [Required] public string CacheLocation { get; set; } = string.Empty;
    public string? CacheWrite { get; set; }
    [Required] public string ProjectFile { get; set; } = string.Empty;
    [Required] public string TreeDirectory { get; set; } = string.Empty;
    [Required] public string Key { get; set; } = string.Empty;
    [Required] public string TrxFile { get; set; } = string.Empty;
    public string TargetPath { get; set; } = string.Empty;
    public string TargetFramework { get; set; } = string.Empty;

    public override bool Execute()
    {
        var name = Path.GetFileName(ProjectFile);
        if (!File.Exists(TrxFile))
        {
            Log.LogMessage(MessageImportance.Normal, $"Spicetime cache: {name}: the run wrote no {TrxFile}; nothing recorded");
            return true;
        }

        var record = TestRunRecord.FromTrx(File.ReadAllText(TrxFile), Path.GetFileName(TargetPath), TargetFramework, out var why);
        File.Delete(TrxFile);
        if (record is null)
        {
            Log.LogMessage(MessageImportance.Normal, $"Spicetime cache: {name}: {why}; nothing recorded");
            return true;
        }

        using var cache = CacheTaskStore.Open(this, ProjectFile, CacheLocation, CacheWrite, TreeDirectory);
        if (cache.Store is not { } store)
        {
            MSBuildDiagnostics.Log(Log, DiagnosticCodes.CacheUnavailable, ProjectFile, SourcePosition.None, $"{cache.Problem}; {name}'s passing run is not recorded");
            return true;
        }

        var write = store.Put(Key, record.ToBytes(), record.Duration);
        if (write.Stored)
        {
            // The run's time, for CI shards' balancing; a store that took nothing (read-only, refused) is not asked twice.
            ProjectTimings.Record(store, Tree.Build.IntermediateFolderClaim.NameOf(TreeDirectory, ProjectFile), build: null, record.Duration);
        }
        if (write.Warning is not null)
        {
            MSBuildDiagnostics.Log(Log, DiagnosticCodes.CacheUnavailable, ProjectFile, SourcePosition.None, $"{write.Warning}; {name}'s passing run is not recorded");
        }
        else
        {
            Log.LogMessage(MessageImportance.Normal, write.Stored
                ? $"Spicetime cache: {name}: recorded a passing run ({record.Passed} passed, {record.Skipped} skipped) under test key {Key}"
                : $"Spicetime cache: {name}: the cache is read-only; the passing run is not recorded");
        }

        return true;
    }
}
