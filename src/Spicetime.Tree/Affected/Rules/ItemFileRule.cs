using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// A changed file (outside what the folder rule covers) that one of a project's items names (a linked <c>Compile</c>, a <c>None</c> or
/// <c>Content</c> copied to output, an <c>EmbeddedResource</c>, <c>AdditionalFiles</c>, a packed readme), written in
/// the project or in a file it imports, or that a property names (a key file, a rule set), affects the project.
/// </summary>
public sealed class ItemFileRule : IAffectedRule
{
    public void Apply(AffectedContext context)
    {
        foreach (var project in context.Graph.Projects)
        {
            foreach (var file in context.Changes.Files)
            {
                if (ProjectFolderRule.Covers(project, file))
                {
                    continue; // the folder rule says it
                }

                if (project.Items.FirstOrDefault(i => i.Files.Matches(file)) is { } item)
                {
                    var where = item.DefinedIn == project.RelativePath ? $"line {item.Line}" : $"{item.DefinedIn} line {item.Line}";
                    context.AffectProject(project.RelativePath, Cause.File(file, $"{item.ItemType} item of {project.RelativePath} ({where})"), Cause.Project(project.RelativePath));
                }
                else if (project.NamesFile(file) && !project.Imports.Any(i => i.Path == file))
                {
                    // A file the project imports is the import rule's (MSBuild names its own imports in properties,
                    // e.g. DirectoryPackagesPropsPath, and a versions-only change there must stay precise).
                    context.AffectProject(project.RelativePath, Cause.File(file, $"named by a property of {project.RelativePath}"), Cause.Project(project.RelativePath));
                }
            }
        }
    }
}
