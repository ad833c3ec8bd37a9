using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// A changed <c>.editorconfig</c> or <c>.globalconfig</c> is a compiler input of every project whose sources lie below
/// its folder: the project's own folder, and the folders of the items it links from elsewhere. (A nested
/// <c>root = true</c> file would shield what is below it; that is not looked at: a deliberate over-approximation.)
/// </summary>
public sealed class AnalyzerConfigRule : IProjectRule
{
    public void Apply(AffectedContext context, ProjectFiles files)
    {
        var project = files.Project;
        var changed = files.Changed;
        for (var i = 0; i < changed.Count; i++) // indexed: it runs for every project, and a foreach would allocate
        {
            var config = changed[i];
            if (RepositoryPath.FileName(config) is not (".editorconfig" or ".globalconfig"))
            {
                continue;
            }

            var folder = RepositoryPath.FolderOf(config);
            var linked = project.Items.FirstOrDefault(i => i.ItemType is "Compile" or "AdditionalFiles" && i.Files.MayMatchUnder(folder));
            if (RepositoryPath.IsUnder(project.Directory, folder) || linked is not null)
            {
                var why = linked is null ? $"applies to the sources of {project.RelativePath}" : $"applies to {linked.ItemType} {linked.Files} of {project.RelativePath}";
                context.AffectProject(project.RelativePath, Cause.File(config, why), Cause.Project(project.RelativePath));
            }
        }
    }
}
