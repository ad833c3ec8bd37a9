using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// A changed file in a project's folder (or below it) affects the project: the SDK's default items take every file
/// there (nested projects' folders included) except those in folders whose name starts with '.', which
/// <c>DefaultItemExcludes</c> leaves out (<c>**/.*/**</c>: <c>.template.config</c>, <c>.vscode</c>). The few other
/// files default items leave out are counted anyway (a deliberate over-approximation, cheap and never a miss); a file
/// an item names explicitly is the item rule's.
/// </summary>
public sealed class ProjectFolderRule : IAffectedRule
{
    public void Apply(AffectedContext context)
    {
        foreach (var project in context.Graph.Projects)
        {
            foreach (var file in context.Changes.Files)
            {
                if (Covers(project, file))
                {
                    context.AffectProject(project.RelativePath, Cause.File(file, $"in the folder of {project.RelativePath}"), Cause.Project(project.RelativePath));
                }
            }
        }
    }

    /// <summary>True when the file lies in the project's folder and outside the folders default items exclude.</summary>
    public static bool Covers(ProjectInfo project, string file)
    {
        // A project at the top would take every file; what it really reads is decided by the other rules.
        if (project.Directory == RepositoryPath.Root || !RepositoryPath.IsUnder(file, project.Directory) || file == project.Directory)
        {
            return false;
        }

        var inside = file[(project.Directory.Length + 1)..];
        var folders = inside.Split('/');
        return !folders.Take(folders.Length - 1).Any(f => f.StartsWith('.'));
    }
}
