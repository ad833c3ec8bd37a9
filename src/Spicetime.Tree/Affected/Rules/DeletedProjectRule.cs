using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>A project file that was deleted or renamed away: the projects that still reference it are affected.</summary>
public sealed class DeletedProjectRule : IProjectRule
{
    public void Apply(AffectedContext context, ProjectFiles files)
    {
        var project = files.Project;
        foreach (var file in files.Changed.Where(f => ProjectScanner.IsProjectFile(f) && !context.Graph.Contains(f)))
        {
            if (project.References.Contains(file, StringComparer.Ordinal) || project.ReferencePatterns.Any(r => r.Matches(file)))
            {
                context.AffectProject(project.RelativePath, Cause.File(file, "removed"), Cause.ReferencedBy(project.RelativePath));
            }
        }
    }
}
