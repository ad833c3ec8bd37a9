using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;
using Microsoft.Build.Framework;
using Spicetime.Tree.Affected;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;
using Task = Microsoft.Build.Utilities.Task;

namespace Spicetime.Sdk.Tasks;

/// <summary>
/// <c>-p:SpicetimeAffectedSince=REF</c>: decides whether this project builds. The answer comes from
/// <see cref="AffectedQuery"/>, the code behind `spicetime affected`, computed once per build in each MSBuild node and
/// shared by its projects. A project builds when it is affected, or when an affected project references it (it is
/// needed to build that one); every other project is skipped with one message saying so.
/// </summary>
public sealed class CheckSpicetimeAffected : Task
{
    [Required]
    public string TreeFile { get; set; } = string.Empty;

    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>The base revision ($(SpicetimeAffectedSince)).</summary>
    [Required]
    public string Since { get; set; } = string.Empty;

    /// <summary>Counts uncommitted changes too (the build compiles the working tree); default true.</summary>
    public bool IncludeUncommitted { get; set; } = true;

    /// <summary>
    /// True for a Microsoft.Testing.Platform test application built by dotnet test in that mode. dotnet test then chooses
    /// the applications to run by evaluating the projects, not from the build, and runs each one it finds, so such a
    /// project cannot be skipped: it builds, with warning SPT0402 saying how to test only the affected ones.
    /// </summary>
    public bool TestingPlatformRun { get; set; }

    /// <summary>False when the project is neither affected nor needed by an affected project.</summary>
    [Output]
    public bool Build { get; private set; } = true;

    [Output]
    public bool Affected { get; private set; }

    public override bool Execute()
    {
        var context = TaskBuildContext.Of(BuildEngine);
        var loaded = context.LoadTree(TreeFile);
        MSBuildDiagnostics.Report(Log, loaded.Diagnostics, context);
        if (!loaded.Succeeded)
        {
            return false;
        }

        var tree = loaded.Tree!;
        var answer = Answer(context, tree);
        if (!answer.Succeeded)
        {
            MSBuildDiagnostics.Report(Log, answer.Diagnostics, oncePerBuild: null);
            foreach (var d in answer.BaseTreeDiagnostics)
            {
                MSBuildDiagnostics.Log(Log, d with { File = TreeFile, Message = $"at {Since}: {d.Message}" });
            }

            return false;
        }

        var result = answer.Result!;
        var relative = RepositoryPath.Relative(tree.Manifest.Directory, Path.GetFullPath(ProjectFile));
        // Its place in the tree, not only its file name: forked copies of a service share the name.
        var name = relative.StartsWith("../", StringComparison.Ordinal) ? Path.GetFileName(ProjectFile) : relative;
        var since = answer.MergeBase is { } mergeBase ? $"{Since} (merge base {mergeBase[..Math.Min(12, mergeBase.Length)]})" : Since;
        if (result.Projects.FirstOrDefault(p => p.Name == relative) is { } affected)
        {
            Affected = true;
            Log.LogMessage(MessageImportance.High, $"Spicetime: {name} is affected by the changes since {since}: {affected.Reasons[0]}");
        }
        else if (result.Required.FirstOrDefault(p => p.Name == relative) is { } required)
        {
            Log.LogMessage(MessageImportance.High, $"Spicetime: {name} is not affected since {since}, but builds because it is {required.Reasons[0]}");
        }
        else if (relative.StartsWith("../", StringComparison.Ordinal))
        {
            Log.LogMessage(MessageImportance.High, $"Spicetime: {name} is outside the folder of {TreeFile}, so SpicetimeAffectedSince cannot skip it; building it");
        }
        else if (TestingPlatformRun)
        {
            // SPT0402: see docs/errors.md
            MSBuildDiagnostics.Log(Log, DiagnosticCodes.TestApplicationNotSkipped, ProjectFile, SourcePosition.None,
                $"{name} is not affected since {since}, but builds and runs: dotnet test on Microsoft.Testing.Platform runs every test application it finds. " +
                $"To test only the affected ones: spicetime affected --base {Since} --format slnf > affected.slnf, then dotnet test --solution affected.slnf");
        }
        else
        {
            Build = false;
            Log.LogMessage(MessageImportance.High, $"Spicetime: skipped {name}: not affected by the changes since {since} (spicetime affected --base {Since} says why for the affected ones)");
        }

        return true;
    }

    /// <summary>One answer per build and node: computed by the first project that asks, kept in the build's context.</summary>
    private AffectedAnswer Answer(BuildContext context, Spicetime.Tree.Resolution.ResolvedTree tree)
    {
        // A -p:SpicetimeBranch= reaches every project of the build; the environment variable, those that name none.
        var globalBranch = (BuildEngine as IBuildEngine6)?.GetGlobalProperties().GetValueOrDefault("SpicetimeBranch");
        var key = $"Spicetime.Affected|{TreeFile}|{Since}|{IncludeUncommitted}|{globalBranch}";
        return context.Once(key, () =>
        {
            var answer = AffectedQuery.Run(tree, new AffectedRequest
            {
                Base = Since,
                IncludeUncommitted = IncludeUncommitted,
                GlobalBranch = globalBranch,
                EnvironmentBranch = Environment.GetEnvironmentVariable("SpicetimeBranch"),
            });
            MSBuildDiagnostics.Report(Log, answer.Result?.Imprecisions ?? Array.Empty<Diagnostic>(), oncePerBuild: null); // SPT0403, once per build
            Log.LogMessage(MessageImportance.Normal,
                $"Spicetime: computed what changed since {Since}: {answer.Result?.Projects.Count ?? 0} affected project(s), {answer.Result?.Required.Count ?? 0} needed by them");
            return answer;
        });
    }
}
