using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// A changed file a project imports affects it: a Directory.Build.props/.targets MSBuild finds for it (only the
/// nearest one: a nested file shadows the one above unless it imports it), the Directory.Packages.props it uses, and
/// any file those or the project import (<c>eng/Common.targets</c>), with the chain of importers as the reason.
/// A file whose existence the evaluation looked for (a nearer Directory.Build.props added, an <c>Exists()</c>) counts
/// too. When only PackageVersion items changed in the file, <see cref="CentralPackageRule"/> decides instead.
/// </summary>
public sealed class ImportedFileRule : IAffectedRule
{
    public void Apply(AffectedContext context)
    {
        var changed = context.Changes.Files.ToHashSet(StringComparer.Ordinal);
        var central = new Dictionary<string, CentralPackageChanges>(StringComparer.Ordinal);
        foreach (var project in context.Graph.Projects)
        {
            foreach (var import in project.Imports)
            {
                if (!changed.Contains(import.Path))
                {
                    continue;
                }

                if (!central.TryGetValue(import.Path, out var versions))
                {
                    central[import.Path] = versions = CentralPackageChanges.Compare(context.Changes.ReadBefore?.Invoke(import.Path), context.Changes.ReadAfter(import.Path));
                }

                if (versions.Everything is null)
                {
                    CentralPackageRule.Apply(context, project, import.Path, project.ImportChain(import.Path), versions);
                }
                else
                {
                    // Say why a central file could not be compared version by version; for other files the chain says enough.
                    var chain = project.ImportChain(import.Path);
                    var detail = versions.Everything == CentralPackageChanges.OutsideVersions && !RepositoryPath.FileName(import.Path).Equals("Directory.Packages.props", StringComparison.OrdinalIgnoreCase)
                        ? chain
                        : $"{versions.Everything}; {chain}";
                    context.AffectProject(project.RelativePath, Cause.File(import.Path, detail), Cause.Project(project.RelativePath));
                }
            }

            foreach (var probe in project.Probes)
            {
                if (changed.Contains(probe) && !project.Imports.Any(i => i.Path == probe))
                {
                    context.AffectProject(project.RelativePath, Cause.File(probe, $"looked for by the evaluation of {project.RelativePath} (added or removed)"), Cause.Project(project.RelativePath));
                }
            }
        }
    }
}
