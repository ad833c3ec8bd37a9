using System.Globalization;
using Microsoft.Build.Framework;
using Spicetime.Tree.Cache;
using Spicetime.Tree.Cache.Keys;
using Spicetime.Tree.Diagnostics;
using Task = Microsoft.Build.Utilities.Task;

namespace Spicetime.Sdk.Tasks.Cache;

/// <summary>
/// After CoreCompile, when it compiled (the assembly was rewritten): stores the outputs under the key computed before it,
/// with how long the compile took, and records that the outputs are that key's. A compile that failed never gets here
/// (the build stops at its error), so no failed output is ever stored. A store that refuses is SPT0900.
/// </summary>
public sealed class StoreInSpicetimeCache : Task
{
    [Required] public string CacheLocation { get; set; } = string.Empty;
    public string? CacheWrite { get; set; }
    [Required] public string ProjectFile { get; set; } = string.Empty;
    [Required] public string TreeDirectory { get; set; } = string.Empty;
    [Required] public string Key { get; set; } = string.Empty;
    [Required] public string IntermediateDirectory { get; set; } = string.Empty;
    public ITaskItem[] Outputs { get; set; } = Array.Empty<ITaskItem>();
    public string? Started { get; set; }
    public string? OutputStamp { get; set; }

    public override bool Execute()
    {
        var name = Path.GetFileName(ProjectFile);
        var artifact = CompileArtifact.For(IntermediateDirectory, Outputs.Select(o => o.ItemSpec), out _);
        if (artifact is null || !artifact.AllPresent())
        {
            return true;
        }

        var assembly = artifact.Files[0].File;
        if (File.GetLastWriteTimeUtc(assembly).Ticks.ToString(CultureInfo.InvariantCulture) == OutputStamp)
        {
            // CoreCompile found its outputs up to date: nothing was compiled here that the cache does not already have
            // or that MSBuild's own check did not vouch for.
            return true;
        }

        CacheMarker.Write(artifact, Key);
        var duration = long.TryParse(Started, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? DateTime.UtcNow - new DateTime(ticks, DateTimeKind.Utc)
            : TimeSpan.Zero;
        using var cache = CacheTaskStore.Open(this, ProjectFile, CacheLocation, CacheWrite, TreeDirectory);
        if (cache.Store is not { } store)
        {
            MSBuildDiagnostics.Log(Log, DiagnosticCodes.CacheUnavailable, ProjectFile, SourcePosition.None, $"{cache.Problem}; {name}'s outputs are not stored");
            return true;
        }

        var write = store.Put(Key, artifact.Pack(), duration);
        if (write.Stored)
        {
            // The compile's time, by the project's path as affected names it, for CI shards' balancing; a store that took
            // nothing (read-only, refused, unreachable) is not asked twice.
            ProjectTimings.Record(store, Tree.Build.IntermediateFolderClaim.NameOf(TreeDirectory, ProjectFile), duration, test: null);
        }
        if (write.Warning is not null)
        {
            MSBuildDiagnostics.Log(Log, DiagnosticCodes.CacheUnavailable, ProjectFile, SourcePosition.None, $"{write.Warning}; {name}'s outputs are not stored");
        }
        else if (write.Stored)
        {
            Log.LogMessage(MessageImportance.Normal, $"Spicetime cache: {name}: stored key {Key} in {store.Describe()} (compiled in {duration.TotalSeconds:0.0} s)");
        }
        else
        {
            Log.LogMessage(MessageImportance.Normal, $"Spicetime cache: {name}: the cache is read-only; key {Key} not stored");
        }

        return true;
    }
}
