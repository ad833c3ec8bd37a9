namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// A changed file whose existence the evaluation of a project looked for (a nearer Directory.Build.props added or
/// removed, a file in an <c>Exists()</c> condition, an import that is not there) affects the project, unless it
/// imports the file (then the import rule says it).
/// </summary>
public sealed class ProbedFileRule : IProjectRule
{
    public void Apply(AffectedContext context, ProjectFiles files)
    {
        var project = files.Project;
        var path = project.RelativePath;
        foreach (var probe in project.Probes)
        {
            if ((files.ClaimOf(probe) & FileClaim.Probe) != 0)
            {
                context.AffectProject(path, Cause.File(probe, $"looked for by the evaluation of {path} (added or removed)"), Cause.Project(path));
            }
        }
    }
}
