using Spicetime.Tree.Paths;
using System.Text.Json;
using Spicetime.Tree.Model;
using Spicetime.Tree.Projects;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Affected;

/// <summary>
/// Which changed central versions a project takes, and why, when only PackageVersion items changed in a file it imports
/// (its Directory.Packages.props, usually; the import rule asks): the project takes one only when it uses a package whose version changed, itself or through a file it imports, and takes the
/// central version (a <c>VersionOverride</c> or a version from the tree wins over it). Several PackageVersion items of
/// one package under different conditions are compared one by one. With <c>CentralPackageTransitivePinningEnabled</c>
/// (in the changed file, or true for the project wherever it is set) a version also pins packages the project only gets transitively: the project's <c>obj/project.assets.json</c>
/// tells whether the package is in its graph; without one, the project counts as affected.
/// </summary>
public static class CentralPackageUse
{
    /// <summary>The version changes of <paramref name="changes"/> that <paramref name="project"/> (on <paramref name="node"/>) takes, each with why.</summary>
    public static IEnumerable<(CentralVersionChange Change, string Why)> Of(ProjectInfo project, ResolvedNode? node, string root, CentralPackageChanges changes)
    {
        HashSet<string>? restored = null;
        foreach (var change in changes.Versions)
        {
            var uses = project.Packages.Where(p => p.Id.Equals(change.Id, StringComparison.OrdinalIgnoreCase)).ToList();

            // The tree's version wins over Directory.Packages.props (the SDK writes its own PackageVersion), and a
            // VersionOverride wins over both: either way the central version is not used.
            if (uses.Count > 0 && !uses.Any(u => u.HasVersionOverride) && node?.Find(EntryKind.Package, change.Id) is null)
            {
                yield return (change, $"uses {uses[0].Id}");
            }
            else if (uses.Count == 0 && project.UsesUnknownPackages)
            {
                yield return (change, "a package id it uses cannot be evaluated");
            }
            else if (uses.Count == 0 && (changes.TransitivePinning || project.MayPinTransitively))
            {
                restored ??= RestoredPackages(root, project);
                if (restored is null || restored.Contains(change.Id))
                {
                    yield return (change, restored is null ? "transitive pinning, and no obj/project.assets.json says what it restores" : $"restores {change.Id} transitively (pinned)");
                }
            }
        }
    }

    /// <summary>The package ids in the project's last restore (obj/project.assets.json 'libraries'), or null without one.</summary>
    private static HashSet<string>? RestoredPackages(string root, ProjectInfo project)
    {
        var path = RepositoryPath.FullPath(root, RepositoryPath.Join(project.Directory, "obj/project.assets.json"));
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            if (!document.RootElement.TryGetProperty("libraries", out var libraries) || libraries.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var library in libraries.EnumerateObject())
            {
                var slash = library.Name.IndexOf('/');
                ids.Add(slash < 0 ? library.Name : library.Name[..slash]);
            }

            return ids;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
