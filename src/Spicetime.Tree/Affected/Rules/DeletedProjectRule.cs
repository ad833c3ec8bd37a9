using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>A project file that was deleted or renamed away: the projects that still reference it are affected.</summary>
public sealed class DeletedProjectRule : IProjectRule
{
    public void Apply(AffectedContext context, ProjectFiles files)
    {
        var project = files.Project;
        foreach (var file in context.DeletedProjectFiles)
        {
            if (project.References.Contains(file, StringComparer.Ordinal) || project.ReferencePatterns.Any(r => r.Matches(file)))
            {
                context.AffectProject(project.RelativePath, Cause.File(file, "removed"), Cause.ReferencedBy(project.RelativePath));
            }
        }
    }

    /// <summary>The changed project files that are not projects now (picked once per analysis, not once per project).</summary>
    internal static IReadOnlyList<string> Among(IReadOnlyList<string> changed, ProjectGraph graph) =>
        changed.Where(f => ProjectScanner.IsProjectFile(f) && !graph.Contains(f)).ToList();
}
