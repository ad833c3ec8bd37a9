namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// A changed file whose existence the evaluation of a project looked for (a nearer Directory.Build.props, a file in an
/// <c>Exists()</c> condition, an import that is not there, a file <c>GetDirectoryNameOfFileAbove</c> searches for)
/// affects the project when it was added or removed, unless the project imports it (then the import rule says it).
/// A modified file changes nothing here: evaluation asked only whether it is there, not what it holds. Without a base
/// revision to compare with, a file that exists now may have been added, so it counts, and the reason says so.
/// </summary>
public sealed class ProbedFileRule : IProjectRule
{
    public void Apply(AffectedContext context, ProjectFiles files)
    {
        if (!files.ClaimsAny)
        {
            return; // no rule claims a changed file of this project (most projects): its probes need not be walked
        }

        var project = files.Project;
        var path = project.RelativePath;
        foreach (var probe in project.Probes)
        {
            if ((files.ClaimOf(probe) & FileClaim.Probe) == 0)
            {
                continue;
            }

            var how = context.Changes.ExistenceOf(probe) switch
            {
                FileExistence.Added => "added",
                FileExistence.Removed => "removed",
                FileExistence.ExistsNow => "may have been added: no base revision to compare with",
                _ => null, // modified (its content is not read by evaluation), or at neither revision
            };
            if (how is not null)
            {
                context.AffectProject(path, Cause.File(probe, $"looked for by the evaluation of {path} ({how})"), Cause.Project(path));
            }
        }
    }
}
