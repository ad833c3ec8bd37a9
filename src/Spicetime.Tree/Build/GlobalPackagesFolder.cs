using System.Text.Json;

namespace Spicetime.Tree.Build;

/// <summary>
/// The global packages folder a project's restore uses, in NuGet's order: $(RestorePackagesPath), then NUGET_PACKAGES,
/// then NuGet.Config's globalPackagesFolder (read back from a restore's project.assets.json, where NuGet records the
/// folder it used, rather than by parsing NuGet's configuration a second time), then ~/.nuget/packages.
/// </summary>
public static class GlobalPackagesFolder
{
    /// <param name="restorePackagesPath">The project's $(RestorePackagesPath), often empty.</param>
    /// <param name="environmentValue">NUGET_PACKAGES.</param>
    /// <param name="assetsFiles">project.assets.json files of restores with the same settings, newest knowledge first.</param>
    public static string Resolve(string? restorePackagesPath, string? environmentValue, IEnumerable<string> assetsFiles)
    {
        if (!string.IsNullOrWhiteSpace(restorePackagesPath))
        {
            return restorePackagesPath!;
        }

        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return environmentValue!;
        }

        foreach (var file in assetsFiles)
        {
            if (FromAssetsFile(file) is { } recorded)
            {
                return recorded;
            }
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    /// <summary>The first of "packageFolders" in a project.assets.json (NuGet writes the global packages folder first), or null.</summary>
    public static string? FromAssetsFile(string assetsFile)
    {
        try
        {
            if (!File.Exists(assetsFile))
            {
                return null;
            }

            using var stream = File.OpenRead(assetsFile);
            using var document = JsonDocument.Parse(stream);
            return document.RootElement.TryGetProperty("packageFolders", out var folders) && folders.ValueKind == JsonValueKind.Object
                && folders.EnumerateObject().FirstOrDefault() is { Name.Length: > 0 } first
                ? first.Name
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
