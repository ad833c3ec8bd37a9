using Spicetime.Tree.Framework;
using Spicetime.Tree.Paths;
using Spicetime.Tree.Git;
using Spicetime.Tree.Projects.Cache;

namespace Spicetime.Tree.Projects;

/// <summary>
/// Finds the project files of a folder and reads each with <see cref="ProjectReader"/> (in parallel; every imported
/// file parsed once). In a git repository the files are git's listing, so .gitignore'd folders are skipped as git
/// skips them; elsewhere the folders are walked. bin, obj, .git, node_modules, artifacts and .vs are never searched.
/// </summary>
public static class ProjectScanner
{
    public static readonly string[] ProjectExtensions = { ".csproj", ".fsproj", ".vbproj", ".proj", ".sqlproj" };
    private static readonly string[] BuildFileExtensions = { ".props", ".targets" };
    private static readonly string[] SkippedFolderNames = { "bin", "obj", ".git", "node_modules", "artifacts", ".vs" };
    private static readonly NameSet SkippedFolders = new(StringComparer.OrdinalIgnoreCase, SkippedFolderNames);

    /// <summary>
    /// Projects under <paramref name="root"/>: in a git repository, the project files git tracks (and, with
    /// <paramref name="includeUntracked"/>, those it would track: untracked but not ignored); elsewhere, every project
    /// file found by walking the folders. With <paramref name="cache"/>, a project none of whose inputs changed since
    /// the cache stored it is not evaluated again.
    /// </summary>
    public static IReadOnlyList<ProjectInfo> Discover(string root, bool includeUntracked = true, FactsCache? cache = null)
    {
        var projects = Discover(root, includeUntracked, cache, CancellationToken.None, out var saved);
        saved.GetAwaiter().GetResult();
        return projects;
    }

    /// <summary>
    /// <see cref="Discover(string, bool, FactsCache)"/>, returning as soon as the projects are read: <paramref name="saved"/>
    /// is the facts cache being written meanwhile (at 20,000 projects, a cold run's writing is as long as the analysis
    /// that can run beside it). The caller waits for it before it returns, so that no writing outlives the call.
    /// <paramref name="cancel"/> stops the reading (an <see cref="OperationCanceledException"/>, and nothing written).
    /// </summary>
    internal static IReadOnlyList<ProjectInfo> Discover(string root, bool includeUntracked, FactsCache? cache, CancellationToken cancel, out Task saved)
    {
        // The cache file is read while git lists the files.
        var stored = cache is null ? null : Task.Run(cache.Load);
        var listed = includeUntracked ? null : TrackedInIndex(root);
        if (listed is null)
        {
            var patterns = ProjectExtensions.Concat(BuildFileExtensions).Select(e => "*" + e).ToArray();
            listed = new GitProcess(root).ListFiles(out _, includeUntracked, patterns);
        }

        return Read(root, listed ?? Walk(root).Select(f => RepositoryPath.Relative(root, f)), reader => cache?.Open(reader, stored!.Result), cancel, out saved);
    }

    /// <summary>The project and build files git's index tracks under <paramref name="root"/>, read without starting git; null when only git can say.</summary>
    private static IReadOnlyList<string>? TrackedInIndex(string root)
    {
        using var repository = GitRepository.OpenReadAsGit(root);
        return repository?.TrackedFiles(Path.GetFullPath(root), ProjectExtensions.Concat(BuildFileExtensions).ToList());
    }

    /// <summary>Projects among <paramref name="files"/> (relative to <paramref name="root"/>, e.g. from <c>git ls-files</c>) that exist on disk and are projects.</summary>
    public static IReadOnlyList<ProjectInfo> Read(string root, IEnumerable<string> files, FactsCache? cache = null)
    {
        var projects = Read(root, files, reader => cache?.Open(reader), CancellationToken.None, out var saved);
        saved.GetAwaiter().GetResult();
        return projects;
    }

    private static IReadOnlyList<ProjectInfo> Read(string root, IEnumerable<string> files, Func<ProjectReader, FactsCacheRun?> open, CancellationToken cancel, out Task saved)
    {
        var candidates = new List<string>();
        var buildFiles = new List<string>();
        foreach (var file in files.Distinct(StringComparer.Ordinal))
        {
            if (InSkippedFolder(file))
            {
                continue;
            }

            if (IsProjectFile(file))
            {
                candidates.Add(file);
            }
            else if (EndsWithAny(file, BuildFileExtensions))
            {
                buildFiles.Add(file);
            }
        }

        var reader = new ProjectReader(root, buildFiles);
        var cached = open(reader);
        cancel.ThrowIfCancellationRequested();
        cached?.CheckInputs();
        var read = new ProjectInfo?[candidates.Count];
        Parallel.For(0, candidates.Count, new ParallelOptions { CancellationToken = cancel },
            i => read[i] = cached is null ? reader.Read(candidates[i]) : cached.Read(candidates[i]));
        saved = cached is null ? Task.CompletedTask : Task.Run(cached.Save);
        var projects = read.OfType<ProjectInfo>().ToList();
        projects.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return projects;
    }

    /// <summary>Whether a folder of <paramref name="file"/>'s path (relative, '/' separators) is one never searched; no allocation, as it runs for every listed file.</summary>
    private static bool InSkippedFolder(string file)
    {
        var start = 0;
        for (var slash = file.IndexOf('/'); slash >= 0; start = slash + 1, slash = file.IndexOf('/', start))
        {
            foreach (var folder in SkippedFolderNames)
            {
                if (slash - start == folder.Length && string.Compare(file, start, folder, 0, folder.Length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static bool IsProjectFile(string path) => EndsWithAny(path, ProjectExtensions);

    /// <summary>A loop, not <c>Any</c> with a lambda: it runs for every listed file, and each lambda would be an allocation.</summary>
    private static bool EndsWithAny(string path, string[] extensions)
    {
        foreach (var extension in extensions)
        {
            if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Walk(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(folder))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(folder))
            {
                if (IsProjectFile(file) || EndsWithAny(file, BuildFileExtensions))
                {
                    yield return file;
                }
            }
        }
    }
}
