using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// global.json (which SDK and MSBuild SDK versions build), NuGet.config (where packages come from) and
/// Directory.Build.rsp (switches of every build below it) affect every project below their folder. A deliberate
/// over-approximation: what they change is known only to a restore or a build.
/// </summary>
public sealed class RepositoryWideFileRule : IAffectedRule
{
    public static readonly string[] Files = { "global.json", "NuGet.config", "Directory.Build.rsp" };

    public void Apply(AffectedContext context)
    {
        foreach (var file in context.Changes.Files.Where(f => Files.Contains(RepositoryPath.FileName(f), StringComparer.OrdinalIgnoreCase)))
        {
            var folder = RepositoryPath.FolderOf(file);
            foreach (var project in context.Graph.Projects.Where(p => RepositoryPath.IsUnder(p.Directory, folder)))
            {
                context.AffectProject(project.RelativePath, Cause.File(file, $"build file above {project.RelativePath}"), Cause.Project(project.RelativePath));
            }
        }
    }
}
