using System.Xml;
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

    /// <summary>A literal <c>SpicetimeBranch</c> the project sets (or a Directory.Build.props/.targets above it does).</summary>
    public string? Branch { get; init; }

    /// <summary>True when the project is on Spicetime.Sdk, so that it gets its node's scope project references.</summary>
    public bool UsesSpicetimeSdk { get; init; } = true;
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
    /// Projects under <paramref name="root"/>: in a git repository, the project files git tracks (and, with
    /// <paramref name="includeUntracked"/>, those it would track: untracked but not ignored), so git's own .gitignore
    /// rules skip ignored folders; elsewhere, every project file found by walking the folders.
    /// </summary>
    public static IReadOnlyList<ProjectInfo> Discover(string root, bool includeUntracked = true)
    {
        var patterns = ProjectExtensions.Select(e => "*" + e).Concat(ImportedBuildFiles.Select(f => "*" + f)).ToArray();
        var listed = new GitProcess(root).ListFiles(out _, includeUntracked, patterns);
        return Read(root, listed ?? Walk(root).Select(f => Relative(root, f)));
    }

    /// <summary>
    /// Projects among <paramref name="files"/> (relative to <paramref name="root"/>, e.g. from <c>git ls-files</c>) that
    /// exist on disk; the Directory.Build.props/.targets among them add the packages they reference to the projects below.
    /// </summary>
    public static IReadOnlyList<ProjectInfo> Read(string root, IEnumerable<string> files)
    {
        var candidates = new List<string>();
        var buildFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.Split('/').SkipLast(1).Any(SkippedFolders.Contains))
            {
                continue;
            }

            if (IsProjectFile(file))
            {
                candidates.Add(file);
            }
            else if (ImportedBuildFiles.Contains(FileName(file), StringComparer.OrdinalIgnoreCase))
            {
                buildFiles.Add(file);
            }
        }

        candidates = candidates.Distinct(StringComparer.Ordinal).ToList();
        var read = new ProjectInfo?[candidates.Count];
        Parallel.For(0, candidates.Count, i => read[i] = ReadProject(root, candidates[i]));
        var imported = new Dictionary<string, BuildFileContent>(StringComparer.Ordinal);
        var projects = new List<ProjectInfo>(candidates.Count);
        foreach (var project in read)
        {
            if (project is null)
            {
                continue; // listed by git but deleted in the working tree, empty, or a traversal spicetime wrote
            }

            var inherited = BuildFiles(root, project.Directory, buildFiles, imported);
            projects.Add(inherited.Packages.Count == 0 && (project.Branch is not null || inherited.Branch is null)
                ? project
                : project with { Packages = project.Packages.Concat(inherited.Packages).ToList(), Branch = project.Branch ?? inherited.Branch });
        }

        projects.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
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
                if (IsProjectFile(file) || ImportedBuildFiles.Contains(Path.GetFileName(file), StringComparer.OrdinalIgnoreCase))
                {
                    yield return file;
                }
            }
        }
    }

    private static ProjectInfo? ReadProject(string root, string relative)
    {
        var file = Path.Combine(root, relative);
        var xml = ReadXml(file);
        if (xml is null || xml.IsGeneratedTraversal)
        {
            return null;
        }

        var references = new List<string>();
        foreach (var include in xml.ProjectReferences)
        {
            var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, include.Replace('\\', '/')));
            references.Add(Relative(root, full));
        }

        return new ProjectInfo(relative, references.Distinct(StringComparer.Ordinal).ToList(), xml.Packages)
        {
            Branch = xml.Branch,
            UsesSpicetimeSdk = xml.UsesSpicetimeSdk,
        };
    }

    /// <summary>What the reader takes from a project or build file.</summary>
    private sealed record ProjectXml(List<string> ProjectReferences, List<PackageUse> Packages, string? Branch, bool UsesSpicetimeSdk, bool IsGeneratedTraversal);

    /// <summary>What the Directory.Build.props/.targets files of a folder and the folders above it give the projects below.</summary>
    private sealed record BuildFileContent(IReadOnlyList<PackageUse> Packages, string? Branch);

    /// <summary>
    /// In one forward pass: ProjectReference includes, PackageReference items (Include or Update, with VersionOverride as
    /// an attribute or a child element), the last literal <c>SpicetimeBranch</c>, whether the project is on
    /// Spicetime.Sdk (<c>Sdk</c> attribute, <c>&lt;Sdk Name&gt;</c> or an SDK import), and whether it is a traversal
    /// spicetime wrote (never a project of the tree). A file that is not XML (MSBuild reports it when it builds) or cannot
    /// be read gives what was read before the problem; an empty or missing file gives nothing (null).
    /// </summary>
    private static ProjectXml? ReadXml(string file)
    {
        var xml = new ProjectXml(new List<string>(), new List<PackageUse>(), null, false, false);
        try
        {
            if (new FileInfo(file).Length == 0)
            {
                return null; // e.g. `spicetime affected --format traversal > affected.proj` before it is written
            }

            using var reader = XmlReader.Create(file, Settings);
            string[]? openPackage = null;
            var pinned = false;
            var packageDepth = -1;
            var branchDepth = -1;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == packageDepth)
                {
                    AddPackages(xml.Packages, openPackage!, pinned);
                    openPackage = null;
                    packageDepth = -1;
                    continue;
                }

                if (reader.NodeType == XmlNodeType.Text && reader.Depth == branchDepth + 1 && branchDepth >= 0)
                {
                    var value = reader.Value.Trim();
                    xml = xml with { Branch = value.Length == 0 || value.Contains("$(", StringComparison.Ordinal) ? xml.Branch : value };
                    continue;
                }

                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == branchDepth)
                {
                    branchDepth = -1;
                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "Project" when reader.Depth == 0:
                        xml = xml with { UsesSpicetimeSdk = NamesSpicetimeSdk(reader.GetAttribute("Sdk")) };
                        break;
                    case "Sdk" when reader.Depth == 1:
                        xml = xml with { UsesSpicetimeSdk = xml.UsesSpicetimeSdk || NamesSpicetimeSdk(reader.GetAttribute("Name")) };
                        break;
                    case "Import":
                        xml = xml with { UsesSpicetimeSdk = xml.UsesSpicetimeSdk || NamesSpicetimeSdk(reader.GetAttribute("Sdk")) };
                        break;
                    case TraversalMarker:
                        return xml with { IsGeneratedTraversal = true };
                    case "SpicetimeBranch" when !reader.IsEmptyElement:
                        branchDepth = reader.Depth;
                        break;
                    case "ProjectReference":
                        xml.ProjectReferences.AddRange(Split(reader.GetAttribute("Include")));
                        break;
                    case "PackageReference":
                        var ids = Split(reader.GetAttribute("Include") ?? reader.GetAttribute("Update"));
                        pinned = reader.GetAttribute("VersionOverride") is not null;
                        if (reader.IsEmptyElement)
                        {
                            AddPackages(xml.Packages, ids, pinned);
                        }
                        else
                        {
                            openPackage = ids;
                            packageDepth = reader.Depth;
                        }

                        break;
                    case "VersionOverride" when openPackage is not null:
                        pinned = true;
                        break;
                }
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (XmlException)
        {
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return xml;
    }

    /// <summary>
    /// The property the traversal project of `spicetime affected --format traversal` declares, so that a traversal saved
    /// in the tree's folder is never taken for one of its projects (it would otherwise list, and build, itself).
    /// </summary>
    public const string TraversalMarker = "SpicetimeAffectedTraversal";

    private static bool NamesSpicetimeSdk(string? sdks) =>
        sdks is not null && sdks.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(sdk => sdk.Split('/')[0].Trim().Equals("Spicetime.Sdk", StringComparison.OrdinalIgnoreCase));

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        XmlResolver = null,
    };

    private static void AddPackages(List<PackageUse> packages, string[] ids, bool pinned) =>
        packages.AddRange(ids.Select(id => new PackageUse(id, pinned)));

    /// <summary>The items of an Include; none when it is built from properties ($(...)), which only MSBuild can evaluate.</summary>
    private static string[] Split(string? include) =>
        string.IsNullOrWhiteSpace(include) || include.Contains("$(", StringComparison.Ordinal)
            ? Array.Empty<string>()
            : include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Packages referenced by the Directory.Build.props/.targets files in <paramref name="directory"/> and the folders
    /// above it, up to the root, and the nearest literal <c>SpicetimeBranch</c> among them.
    /// </summary>
    private static BuildFileContent BuildFiles(string root, string directory, HashSet<string> buildFiles, Dictionary<string, BuildFileContent> cache)
    {
        if (buildFiles.Count == 0)
        {
            return new BuildFileContent(Array.Empty<PackageUse>(), null);
        }

        if (cache.TryGetValue(directory, out var known))
        {
            return known;
        }

        var own = new List<PackageUse>();
        string? branch = null;
        foreach (var name in ImportedBuildFiles)
        {
            var relative = directory == "." ? name : $"{directory}/{name}";
            if (buildFiles.Contains(relative) && ReadXml(Path.Combine(root, relative)) is { } xml)
            {
                own.AddRange(xml.Packages);
                branch = xml.Branch ?? branch;
            }
        }

        var parent = directory == "." ? null : directory.Contains('/') ? directory[..directory.LastIndexOf('/')] : ".";
        var above = parent is null ? null : BuildFiles(root, parent, buildFiles, cache);
        var all = above is null ? new BuildFileContent(own, branch) : new BuildFileContent(own.Concat(above.Packages).ToList(), branch ?? above.Branch);
        cache[directory] = all;
        return all;
    }

    private static string FileName(string path) => path.Contains('/') ? path[(path.LastIndexOf('/') + 1)..] : path;
}
