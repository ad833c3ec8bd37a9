namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// A changed file in a project's folder (or below it) affects the project: its own project file, and, for a project
/// on an SDK with default items, what they take, which is every file there (nested projects' folders included) except what
/// <c>DefaultItemExcludes</c> leaves out: folders whose name starts with '.' (<c>**/.*/**</c>: <c>.template.config</c>,
/// <c>.vscode</c>), other project files (<c>**/*.*proj</c>: a nested project's), solutions and user files
/// (<c>**/*.sln</c>, <c>*.slnx</c>, <c>*.user</c>, <c>*.vssscc</c>). Anything else default items leave out is counted
/// anyway (a deliberate over-approximation, cheap and never a miss); a file an item names explicitly is the item rule's.
/// Which files these are: <see cref="ProjectFiles.InProjectFolder"/>.
/// </summary>
public sealed class ProjectFolderRule : IProjectRule
{
    public void Apply(AffectedContext context, ProjectFiles files)
    {
        var project = files.Project;
        var path = project.RelativePath;
        for (var i = 0; i < files.Changed.Count; i++)
        {
            if ((files.ClaimAt(i) & FileClaim.ProjectFolder) != 0)
            {
                context.AffectProject(path, Cause.File(files.Changed[i], $"in the folder of {path}"), Cause.Project(path));
            }
        }
    }
}
