using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// A changed file in a project's folder (or below it) affects the project. The SDK's default items take nearly every
/// file there; the few they leave out are counted anyway (a deliberate over-approximation, cheap and never a miss).
/// </summary>
public sealed class ProjectFolderRule : IAffectedRule
{
    public void Apply(AffectedContext context)
    {
        foreach (var project in context.Graph.Projects)
        {
            if (project.Directory == RepositoryPath.Root)
            {
                continue; // a project at the top would take every file; what it really reads is decided by the other rules
            }

            foreach (var file in context.Changes.Files)
            {
                if (RepositoryPath.IsUnder(file, project.Directory))
                {
                    context.AffectProject(project.RelativePath, Cause.File(file, $"in the folder of {project.RelativePath}"), Cause.Project(project.RelativePath));
                }
            }
        }
    }
}
