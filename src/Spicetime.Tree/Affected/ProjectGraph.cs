using System.Xml;
using System.Xml.Linq;
using Spicetime.Tree.Git;

namespace Spicetime.Tree.Affected;

/// <summary>A package a project references itself (or through a Directory.Build.props/.targets above it), and whether it pins its own version.</summary>
public sealed record PackageUse(string Id, bool HasVersionOverride);

/// <summary>
/// A project file found under the tree's folder, read as XML (not evaluated): the projects it references and the
/// packages it references. Paths are relative to the tree's folder with '/' separators.
/// </summary>
public sealed record ProjectInfo(string RelativePath, IReadOnlyList<string> References, IReadOnlyList<PackageUse> Packages)
{
    public ProjectInfo(string relativePath, IReadOnlyList<string> references)
        : this(relativePath, references, Array.Empty<PackageUse>())
    {
    }

    public string Directory => RelativePath.Contains('/') ? RelativePath[..RelativePath.LastIndexOf('/')] : ".";
}

/// <summary>
/// The projects under a folder and their ProjectReference and PackageReference items, read as XML so that the answer
/// comes in well under a second without MSBuild. Conditions are not evaluated (an item under a condition counts), and
/// an Include built from properties (<c>$(...)</c>) is skipped. bin, obj, .git, node_modules and artifacts folders are
/// never searched; when the folder is in a git repository, the caller passes git's list so that .gitignore'd folders
/// are skipped too.
/// </summary>
public static class ProjectGraph
{
    public static readonly string[] ProjectExtensions = { ".csproj", ".fsproj", ".vbproj", ".proj", ".sqlproj" };
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", "node_modules", "artifacts", ".vs" };
    private static readonly string[] ImportedBuildFiles = { "Directory.Build.props", "Directory.Build.targets" };

    /// <summary>
    /// Projects under <paramref name="root"/>: in a git repository, the project files git tracks or would track (so
    /// git's own .gitignore rules skip ignored folders); elsewhere, every project file found by walking the folders.
    /// </summary>
    public static IReadOnlyList<ProjectInfo> Discover(string root)
    {
        var listed = new GitProcess(root).ListFiles(out _, ProjectExtensions.Select(e => "*" + e).ToArray());
        return Read(root, listed ?? Walk(root).Select(f => Relative(root, f)));
    }

    /// <summary>Projects among <paramref name="files"/> (relative to <paramref name="root"/>, e.g. from <c>git ls-files</c>) that exist on disk.</summary>
    public static IReadOnlyList<ProjectInfo> Read(string root, IEnumerable<string> files)
    {
        var candidates = files
            .Where(f => IsProjectFile(f) && !f.Split('/').SkipLast(1).Any(SkippedFolders.Contains))
            .Distinct(StringComparer.Ordinal)
            .Where(f => File.Exists(Path.Combine(root, f)))
            .ToList();
        var imported = new Dictionary<string, IReadOnlyList<PackageUse>>(StringComparer.Ordinal);
        var projects = new ProjectInfo[candidates.Count];
        Parallel.For(0, candidates.Count, i => projects[i] = ReadProject(root, candidates[i]));
        for (var i = 0; i < projects.Length; i++)
        {
            var inherited = BuildFilePackages(root, projects[i].Directory, imported);
            if (inherited.Count > 0)
            {
                projects[i] = projects[i] with { Packages = projects[i].Packages.Concat(inherited).ToList() };
            }
        }

        Array.Sort(projects, (a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return projects;
    }

    public static bool IsProjectFile(string path) =>
        ProjectExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    public static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static IEnumerable<string> Walk(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var sub in System.IO.Directory.EnumerateDirectories(folder))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in System.IO.Directory.EnumerateFiles(folder))
            {
                if (IsProjectFile(file))
                {
                    yield return file;
                }
            }
        }
    }

    private static ProjectInfo ReadProject(string root, string relative)
    {
        var file = Path.Combine(root, relative);
        var document = Load(file);
        if (document is null)
        {
            // Not XML: MSBuild reports it when it builds; here it simply references nothing.
            return new ProjectInfo(relative, Array.Empty<string>(), Array.Empty<PackageUse>());
        }

        var references = new List<string>();
        foreach (var reference in document.Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
        {
            var include = reference.Attribute("Include")?.Value;
            if (!string.IsNullOrWhiteSpace(include) && !include.Contains("$(", StringComparison.Ordinal))
            {
                foreach (var one in include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, one.Replace('\\', '/')));
                    references.Add(Relative(root, full));
                }
            }
        }

        return new ProjectInfo(relative, references.Distinct(StringComparer.Ordinal).ToList(), Packages(document));
    }

    /// <summary>PackageReference items (Include or Update), with VersionOverride as an attribute or a child element.</summary>
    private static IReadOnlyList<PackageUse> Packages(XDocument document)
    {
        var packages = new List<PackageUse>();
        foreach (var reference in document.Descendants().Where(e => e.Name.LocalName == "PackageReference"))
        {
            var ids = reference.Attribute("Include")?.Value ?? reference.Attribute("Update")?.Value;
            if (string.IsNullOrWhiteSpace(ids) || ids.Contains("$(", StringComparison.Ordinal))
            {
                continue;
            }

            var pinned = reference.Attribute("VersionOverride") is not null || reference.Elements().Any(e => e.Name.LocalName == "VersionOverride");
            foreach (var id in ids.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                packages.Add(new PackageUse(id, pinned));
            }
        }

        return packages;
    }

    /// <summary>Packages referenced by the Directory.Build.props/.targets files in <paramref name="directory"/> and the folders above it, up to the root.</summary>
    private static IReadOnlyList<PackageUse> BuildFilePackages(string root, string directory, Dictionary<string, IReadOnlyList<PackageUse>> cache)
    {
        if (cache.TryGetValue(directory, out var known))
        {
            return known;
        }

        var own = new List<PackageUse>();
        foreach (var name in ImportedBuildFiles)
        {
            var path = Path.Combine(root, directory, name);
            if (File.Exists(path) && Load(path) is { } document)
            {
                own.AddRange(Packages(document));
            }
        }

        var parent = directory == "." ? null : directory.Contains('/') ? directory[..directory.LastIndexOf('/')] : ".";
        IReadOnlyList<PackageUse> all = parent is null ? own : own.Concat(BuildFilePackages(root, parent, cache)).ToList();
        cache[directory] = all;
        return all;
    }

    private static XDocument? Load(string path)
    {
        try
        {
            return XDocument.Load(path);
        }
        catch (XmlException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
