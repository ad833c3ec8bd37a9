using Microsoft.Build.Framework;
using Spicetime.Tree.Build;
using Spicetime.Tree.Cache.Keys;
using Spicetime.Tree.Cache.Tests;
using Spicetime.Tree.Diagnostics;
using Task = Microsoft.Build.Utilities.Task;

namespace Spicetime.Sdk.Tasks.Cache;

/// <summary>
/// Before VSTest: the test run's key (<see cref="TestRunKey"/>); when the cache holds a passing run for it, prints that
/// run's summary (and each test at normal verbosity), marked as the cache's, and tells the targets to skip the run.
/// Otherwise hands the targets a TRX file to have the run write, which <see cref="RecordSpicetimeTestRun"/> reads after it.
/// </summary>
public sealed class CheckSpicetimeTestCache : Task
{
    [Required] public string CacheLocation { get; set; } = string.Empty;
    public string? CacheWrite { get; set; }
    [Required] public string ProjectFile { get; set; } = string.Empty;
    [Required] public string TreeDirectory { get; set; } = string.Empty;
    [Required] public string IntermediateDirectory { get; set; } = string.Empty;
    [Required] public string OutputDirectory { get; set; } = string.Empty;
    public string? PackagesDirectory { get; set; }
    public string? DotnetDirectory { get; set; }
    public string TargetPath { get; set; } = string.Empty;
    public string TargetFramework { get; set; } = string.Empty;
    public ITaskItem[] Settings { get; set; } = Array.Empty<ITaskItem>();
    public string? RunSettingsFile { get; set; }
    public string? EnvironmentNames { get; set; }

    /// <summary>Why this run cannot be served from or stored in the cache (a logger or collector asked for: their files would be missing).</summary>
    public string? NotCacheable { get; set; }

    [Output] public string Key { get; set; } = string.Empty;
    [Output] public bool Hit { get; set; }

    public override bool Execute()
    {
        var name = Path.GetFileName(ProjectFile);
        if (!string.IsNullOrWhiteSpace(NotCacheable))
        {
            Log.LogMessage(MessageImportance.Normal, $"Spicetime cache: {name}'s tests run without the cache: {NotCacheable}");
            return true;
        }

        var roots = new PathRoots(IntermediateDirectory, TreeDirectory, PackagesDirectory, DotnetDirectory);
        var environment = (EnvironmentNames ?? "").Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .Select(n => new KeyValuePair<string, string?>(n, Environment.GetEnvironmentVariable(n)));
        var key = TestRunKey.Compute(Settings.Select(s => new KeyValuePair<string, string>(s.ItemSpec, s.GetMetadata("Value"))),
            OutputDirectory, Path.GetDirectoryName(ProjectFile)!, new[] { RunSettingsFile ?? "" }.Where(File.Exists), environment, roots, new FileHashes());
        Key = key.Key;
        GeneratedFile.WriteIfChanged(Path.Combine(IntermediateDirectory, KeyExplanation.TestFileName),
            KeyExplanation.Write(TestRunKey.Format, key.Key, key.Inputs, IntermediateFolderClaim.NameOf(TreeDirectory, ProjectFile)));

        using var cache = CacheTaskStore.Open(this, ProjectFile, CacheLocation, CacheWrite, TreeDirectory);
        if (cache.Store is not { } store)
        {
            MSBuildDiagnostics.Log(Log, DiagnosticCodes.CacheUnavailable, ProjectFile, SourcePosition.None, $"{cache.Problem}; {name}'s tests run");
            return true;
        }

        var lookup = store.Get(Key);
        if (lookup.Warning is not null)
        {
            MSBuildDiagnostics.Log(Log, DiagnosticCodes.CacheUnavailable, ProjectFile, SourcePosition.None, $"{lookup.Warning}; {name}'s tests run");
        }

        var record = lookup.Hit ? TestRunRecord.FromBytes(lookup.Artifact!) : null;
        if (record is null)
        {
            Log.LogMessage(MessageImportance.Normal, $"Spicetime cache: {name}: no passing run recorded for test key {Key}; the tests run");
            return true;
        }

        Hit = true;
        foreach (var result in record.Results)
        {
            Log.LogMessage(MessageImportance.Normal, $"  {(result.Outcome == "NotExecuted" ? "Skipped" : result.Outcome)} {result.Name} [{result.Duration.TotalMilliseconds:0} ms] (from the cache)");
        }

        Log.LogMessage(MessageImportance.High, record.Summary());
        return true;
    }
}
