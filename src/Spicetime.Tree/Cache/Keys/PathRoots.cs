namespace Spicetime.Tree.Cache.Keys;

/// <summary>
/// The folders a compile key names paths by, so that a key does not depend on where the checkout, the packages or the SDK
/// are: the project's intermediate folder, the repository (tree.json's folder), NuGet's global packages folder and the
/// .NET installation. A path under one of them is written <c>{name}/relative/path</c> (the deepest root wins); any other
/// stays absolute, which is correct, only less shareable. Files under NuGet's folder and the .NET installation are
/// immutable by their path (a package's id and version, the SDK's version are in it): their path alone identifies them.
/// </summary>
public sealed class PathRoots
{
    private readonly List<(string Name, string Folder, bool Immutable)> _roots = new();

    public PathRoots(string intermediate, string repository, string? packages, string? dotnet)
    {
        Add("intermediate", intermediate, immutable: false);
        Add("repo", repository, immutable: false);
        Add("nuget", packages, immutable: true);
        Add("dotnet", dotnet, immutable: true);
        _roots.Sort((a, b) => b.Folder.Length.CompareTo(a.Folder.Length));
    }

    /// <summary>Each root's name and folder ('/'-separated, ending in '/'), deepest first.</summary>
    public IEnumerable<(string Name, string Folder)> Folders => _roots.Select(r => (r.Name, r.Folder));

    private void Add(string name, string? folder, bool immutable)
    {
        if (!string.IsNullOrWhiteSpace(folder))
        {
            _roots.Add((name, Folder(folder!), immutable));
        }
    }

    /// <summary>The path by its root (with '/'), and whether the file is immutable by that path.</summary>
    public string Name(string path, out bool immutable)
    {
        var full = Path.GetFullPath(path).Replace('\\', '/');
        foreach (var (name, folder, isImmutable) in _roots)
        {
            if (full.StartsWith(folder, PathComparison))
            {
                immutable = isImmutable;
                return "{" + name + "}/" + full.Substring(folder.Length);
            }
        }

        immutable = false;
        return full;
    }

    /// <summary>A value (a property's text) with every root it names replaced by the root's name.</summary>
    public string Value(string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        var result = value.Replace('\\', '/');
        foreach (var (name, folder, _) in _roots)
        {
            result = result.Replace(folder, "{" + name + "}/", PathComparison);
            result = result.Replace(folder.TrimEnd('/'), "{" + name + "}", PathComparison);
        }

        return result;
    }

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static string Folder(string folder)
    {
        var full = Path.GetFullPath(folder).Replace('\\', '/');
        return full.EndsWith('/') ? full : full + "/";
    }
}
