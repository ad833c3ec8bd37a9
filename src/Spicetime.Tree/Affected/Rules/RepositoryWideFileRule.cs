using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// global.json (which SDK and MSBuild SDK versions build), NuGet.config (where packages come from) and
/// Directory.Build.rsp (switches of every build below it) affect every project below their folder. A deliberate
/// over-approximation: what they change is known only to a restore or a build.
/// </summary>
public sealed class RepositoryWideFileRule : IProjectRule
{
    public static readonly string[] Files = { "global.json", "NuGet.config", "Directory.Build.rsp" };

    public void Apply(AffectedContext context, ProjectFiles files)
    {
        var project = files.Project;
        foreach (var file in context.RepositoryWideFiles)
        {
            if (RepositoryPath.IsUnder(project.Directory, RepositoryPath.FolderOf(file)))
            {
                context.AffectProject(project.RelativePath, Cause.File(file, $"build file above {project.RelativePath}"), Cause.Project(project.RelativePath));
            }
        }
    }

    /// <summary>The changed files this rule is about (picked once per change, not once per project).</summary>
    internal static IReadOnlyList<string> Among(IReadOnlyList<string> changed) =>
        changed.Where(f => Files.Contains(RepositoryPath.FileName(f), StringComparer.OrdinalIgnoreCase)).ToList();
}
