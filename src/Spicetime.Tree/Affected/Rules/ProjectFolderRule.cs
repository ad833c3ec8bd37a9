using Spicetime.Tree.Framework;
using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// A changed file in a project's folder (or below it) affects the project: its own project file, and, for a project
/// on an SDK with default items, what they take, which is every file there (nested projects' folders included) except what
/// <c>DefaultItemExcludes</c> leaves out: folders whose name starts with '.' (<c>**/.*/**</c>: <c>.template.config</c>,
/// <c>.vscode</c>), other project files (<c>**/*.*proj</c>: a nested project's), solutions and user files
/// (<c>**/*.sln</c>, <c>*.slnx</c>, <c>*.user</c>, <c>*.vssscc</c>). Anything else default items leave out is counted
/// anyway (a deliberate over-approximation, cheap and never a miss); a file an item names explicitly is the item rule's.
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

    private static readonly NameSet ExcludedExtensions = new(StringComparer.OrdinalIgnoreCase, new[] { ".sln", ".slnx", ".user", ".vssscc" });

    /// <summary>True when the file lies in the project's folder and outside the folders default items exclude.</summary>
    public static bool Covers(ProjectInfo project, string file)
    {
        // A project at the top would take every file; what it really reads is decided by the other rules.
        if (project.Directory == RepositoryPath.Root || !RepositoryPath.IsUnder(file, project.Directory) || file == project.Directory)
        {
            return false;
        }

        if (file == project.RelativePath)
        {
            return true;
        }

        if (!project.HasDefaultItems)
        {
            return false; // a project on no SDK (a build.proj) takes no file of its folder by default: its items say which
        }

        var inside = file[(project.Directory.Length + 1)..];
        var folders = inside.Split('/');
        var extension = Path.GetExtension(folders[^1]);
        return !folders.Take(folders.Length - 1).Any(f => f.StartsWith('.'))
            && !extension.EndsWith("proj", StringComparison.OrdinalIgnoreCase)
            && !ExcludedExtensions.Contains(extension);
    }
}
