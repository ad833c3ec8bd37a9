namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// A changed file (outside what the folder rule covers) that one of a project's items names (a linked <c>Compile</c>, a <c>None</c> or
/// <c>Content</c> copied to output, an <c>EmbeddedResource</c>, <c>AdditionalFiles</c>, a packed readme), written in
/// the project or in a file it imports, or that a property names (a key file, a rule set), affects the project.
/// </summary>
public sealed class ItemFileRule : IProjectRule
{
    public void Apply(AffectedContext context, ProjectFiles files)
    {
        var project = files.Project;
        var path = project.RelativePath;
        for (var i = 0; i < files.Changed.Count; i++)
        {
            var file = files.Changed[i];
            var claim = files.ClaimAt(i);
            if ((claim & FileClaim.Item) != 0 && files.ItemAt(i) is { } item)
            {
                var where = item.DefinedIn == path ? $"line {item.Line}" : $"{item.DefinedIn} line {item.Line}";
                context.AffectProject(path, Cause.File(file, $"{item.ItemType} item of {path} ({where})"), Cause.Project(path));
            }
            else if ((claim & FileClaim.Property) != 0)
            {
                context.AffectProject(path, Cause.File(file, $"named by a property of {path}"), Cause.Project(path));
            }
        }
    }
}
