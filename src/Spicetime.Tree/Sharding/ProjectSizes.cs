using Spicetime.Tree.Affected.Rules;
using Spicetime.Tree.Git;
using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Sharding;

/// <summary>
/// A project's size, for <see cref="ShardWeights"/> when the cache has no recorded time for it: the bytes of the files
/// `affected` counts as its own, which are the project file, the files of its folder its default items take
/// (<see cref="ProjectFiles.InProjectFolder"/>, nested projects' folders included, as MSBuild's default items include them),
/// and the files its items name elsewhere (a linked <c>Compile</c>), each once; files under bin and obj folders never.
/// An item the reader could not evaluate (a pattern that may match anywhere) adds nothing: it would add the whole
/// repository.
/// </summary>
public static class ProjectSizes
{
    /// <summary>
    /// Sizes from the disk, the files being git's listing of <paramref name="root"/> (tracked, and with
    /// <paramref name="includeUntracked"/> untracked but not ignored), or the project folders walked outside git.
    /// </summary>
    public static IReadOnlyDictionary<string, long> Measure(string root, IReadOnlyList<ProjectInfo> projects, bool includeUntracked = false)
    {
        var files = new GitProcess(root).ListFiles(out _, includeUntracked) ?? Walk(root, projects);
        return Measure(projects, files, file => Length(Path.Combine(root, file)));
    }

    /// <param name="files">Paths relative to the analysed folder, '/' separators.</param>
    /// <param name="sizeOf">A file's size in bytes (0 when it is gone).</param>
    public static IReadOnlyDictionary<string, long> Measure(IReadOnlyList<ProjectInfo> projects, IEnumerable<string> files, Func<string, long> sizeOf)
    {
        var sorted = files.Where(f => !IsBuildOutput(f)).Distinct(StringComparer.Ordinal).ToList();
        sorted.Sort(StringComparer.Ordinal);
        var listed = new HashSet<string>(sorted, StringComparer.Ordinal);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var own = new HashSet<string>(StringComparer.Ordinal) { project.RelativePath };
            if (project.Directory != RepositoryPath.Root)
            {
                own.UnionWith(Under(sorted, project.Directory).Where(f => ProjectFiles.InProjectFolder(project, f)));
            }

            foreach (var item in project.Items)
            {
                var pattern = item.Files;
                if (pattern.Exact is { } exact)
                {
                    if (listed.Contains(exact))
                    {
                        own.Add(exact);
                    }
                }
                else if (!pattern.HasUnknown && pattern.Folder is { } folder)
                {
                    own.UnionWith(Under(sorted, folder).Where(pattern.Matches));
                }
            }

            sizes[project.RelativePath] = own.Sum(f => Math.Max(0, sizeOf(f)));
        }

        return sizes;
    }

    /// <summary>The files of <paramref name="sorted"/> (ordinal order) under <paramref name="folder"/>.</summary>
    private static IEnumerable<string> Under(List<string> sorted, string folder)
    {
        if (folder == RepositoryPath.Root)
        {
            foreach (var file in sorted)
            {
                yield return file;
            }

            yield break;
        }

        var prefix = folder + "/";
        var at = sorted.BinarySearch(prefix, StringComparer.Ordinal);
        for (var i = at < 0 ? ~at : at; i < sorted.Count && sorted[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return sorted[i];
        }
    }

    private static long Length(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? info.Length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0;
        }
    }

    /// <summary>A file under a bin or obj folder: what a build wrote (listed when untracked files count and nothing ignores them).</summary>
    private static bool IsBuildOutput(string path) =>
        path.Split('/').SkipLast(1).Any(s => s.Equals("bin", StringComparison.OrdinalIgnoreCase) || s.Equals("obj", StringComparison.OrdinalIgnoreCase));

    /// <summary>Outside git: the files of each project's folder.</summary>
    private static IEnumerable<string> Walk(string root, IReadOnlyList<ProjectInfo> projects)
    {
        var files = new List<string>();
        foreach (var folder in projects.Select(p => p.Directory).Where(d => d != RepositoryPath.Root).Distinct(StringComparer.Ordinal))
        {
            var full = Path.Combine(root, folder);
            if (!Directory.Exists(full))
            {
                continue;
            }

            try
            {
                files.AddRange(Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                    .Select(f => RepositoryPath.Relative(root, f)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // An unreadable folder: the project weighs what could be read.
            }
        }

        return files;
    }
}
