using Microsoft.Build.Framework;
using Spicetime.Tree.Build;
using Spicetime.Tree.Contracts;
using Task = Microsoft.Build.Utilities.Task;

namespace Spicetime.Sdk.Tasks;

/// <summary>
/// A fork's build fails when its API contracts break its parent's (SPT0701, unless accepted or "breaking": true); the
/// rule and the comparison are Spicetime.Tree's (<see cref="ContractCheck"/>), computed once per MSBuild node for the
/// same contract files, however many projects the fork has (<see cref="BuildCaches.Contracts"/>).
/// </summary>
public sealed class CheckSpicetimeContracts : Task
{
    [Required]
    public string TreeFile { get; set; } = string.Empty;

    /// <summary>The project's node.</summary>
    [Required]
    public string Branch { get; set; } = string.Empty;

    /// <summary>Touched when the contracts pass, so that an unchanged fork is not checked again.</summary>
    public string? StampFile { get; set; }

    public override bool Execute()
    {
        var context = TaskBuildContext.Of(BuildEngine);
        var loaded = context.LoadTree(TreeFile);
        var node = loaded.Tree?.Find(Branch);
        if (loaded.Tree is null || node is null)
        {
            return true; // tree.json's own problems are reported by SpicetimeGenerate
        }

        var result = context.CheckContracts(loaded.Tree, node);
        MSBuildDiagnostics.Report(Log, result.Diagnostics, context);
        if (result.Comparisons.Count > 0)
        {
            Log.LogMessage(MessageImportance.Normal, $"Spicetime: {Branch}'s contracts against its parent's: " +
                string.Join("; ", result.Comparisons.Select(c => $"'{c.Contract}' {c.Changes.Count} change(s), {c.Failing.Count()} failing")));
        }

        if (!Log.HasLoggedErrors && !string.IsNullOrEmpty(StampFile))
        {
            GeneratedFile.Touch(StampFile);
        }

        return !Log.HasLoggedErrors;
    }
}
