using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// A changed file a project imports affects it: a Directory.Build.props/.targets MSBuild finds for it (only the
/// nearest one: a nested file shadows the one above unless it imports it), the Directory.Packages.props it uses, and
/// any file those or the project import (<c>eng/Common.targets</c>), with the chain of importers as the reason.
/// When only PackageVersion items changed in the file, only the versions the project takes count
/// (<see cref="CentralPackageUse"/>).
/// </summary>
public sealed class ImportedFileRule : IProjectRule
{
    public void Apply(AffectedContext context, ProjectFiles files)
    {
        if (!files.ClaimsAny)
        {
            return; // no rule claims a changed file of this project (most projects): its imports need not be walked
        }

        var project = files.Project;
        var path = project.RelativePath;
        foreach (var import in project.Imports)
        {
            if ((files.ClaimOf(import.Path) & FileClaim.Import) == 0)
            {
                continue;
            }

            var versions = context.CentralChangesOf(import.Path);
            if (versions.Everything is null)
            {
                foreach (var (change, why) in CentralPackageUse.Of(project, context.NodeOf(path), context.Root, versions))
                {
                    context.AffectProject(path, Cause.File(import.Path, change.ToEntryChange()), Cause.Project(path, why));
                }
            }
            else
            {
                // Say why a central file could not be compared version by version; for other files the chain says enough.
                var chain = project.ImportChain(import.Path);
                var detail = versions.Everything == CentralPackageChanges.OutsideVersions && !RepositoryPath.FileName(import.Path).Equals("Directory.Packages.props", StringComparison.OrdinalIgnoreCase)
                    ? chain
                    : $"{versions.Everything}; {chain}";
                context.AffectProject(path, Cause.File(import.Path, detail), Cause.Project(path));
            }
        }
    }
}
