using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>A project file that was deleted or renamed away: the projects that still reference it are affected.</summary>
public sealed class DeletedProjectRule : IAffectedRule
{
    public void Apply(AffectedContext context)
    {
        foreach (var file in context.Changes.Files.Where(f => ProjectScanner.IsProjectFile(f) && !context.Graph.Contains(f)))
        {
            foreach (var project in context.Graph.Projects.Where(p => p.References.Contains(file, StringComparer.Ordinal) || p.ReferencePatterns.Any(r => r.Matches(file))))
            {
                context.AffectProject(project.RelativePath, Cause.File(file, "removed"), Cause.ReferencedBy(project.RelativePath));
            }
        }
    }
}
