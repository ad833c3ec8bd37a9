namespace Spicetime.Tree.Paths;

/// <summary>
/// Paths relative to the analysed folder (the repository, or the folder of tree.json) as every selective-build rule
/// compares them: '/' separators, no '.' or '..' segments, "." for the folder itself, compared ordinally. One home for
/// the folder-of, file-name and is-under helpers, and for turning what a project file wrote (backslashes, absolute
/// paths, '..') into that form without touching the disk.
/// </summary>
public static class RepositoryPath
{
    /// <summary>The folder itself.</summary>
    public const string Root = ".";

    /// <summary>
    /// How paths compare: ordinally. Project files name paths with the case they have on disk, and git reports them
    /// so; on a case-insensitive file system two spellings of one file stay two strings here, which errs towards
    /// counting a change twice, never towards missing it.
    /// </summary>
    public static StringComparer Comparer => StringComparer.Ordinal;

    /// <summary>True for a path that leads outside the folder ("..", "../x") or is rooted.</summary>
    public static bool IsOutside(string path) =>
        path == ".." || path.StartsWith("../", StringComparison.Ordinal) || IsAbsolute(path);

    /// <summary>The folder above <paramref name="path"/>, or "" above a top-level name (for walks that stop there).</summary>
    public static string ParentOrEmpty(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    /// <summary>The folder that holds <paramref name="path"/> ("." for a file at the top).</summary>
    public static string FolderOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? Root : path[..slash];
    }

    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies below it.</summary>
    public static bool IsUnder(string path, string folder) =>
        folder == Root || path == folder || (path.Length > folder.Length && path[folder.Length] == '/' && path.StartsWith(folder, StringComparison.Ordinal));

    /// <summary><paramref name="name"/> inside <paramref name="folder"/>.</summary>
    public static string Join(string folder, string name) => folder == Root ? name : $"{folder}/{name}";

    /// <summary>A path of the operating system made relative to <paramref name="root"/>, with '/' separators ("../x" or rooted when outside).</summary>
    public static string Relative(string root, string path) => FromSystem(Path.GetRelativePath(root, path));

    /// <summary>A path as a project file or a solution may write it, with '/' for every '\\' (MSBuild takes both on every system).</summary>
    public static string Normalize(string path) => path.Replace('\\', '/');

    /// <summary>A relative path of the operating system with '/' separators.</summary>
    public static string FromSystem(string path) => path.Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>
    /// Resolves <paramref name="path"/> as MSBuild would against <paramref name="baseFolder"/> (relative to the analysed
    /// folder): backslashes are separators, an absolute path under <paramref name="rootFullPath"/> becomes relative.
    /// Returns null for a path that leads outside the folder (an SDK's file, a path into another repository), which
    /// is nothing a change in the folder can touch. Pure string work: nothing is read, and no character makes it throw.
    /// </summary>
    public static string? Resolve(string rootFullPath, string baseFolder, string path)
    {
        var text = Normalize(path).Trim();
        var root = Normalize(rootFullPath).TrimEnd('/');
        string combined;
        if (IsAbsolute(text))
        {
            if (!IsWithin(text, root))
            {
                return null;
            }

            combined = text[root.Length..];
        }
        else
        {
            combined = baseFolder == Root ? text : baseFolder + "/" + text;
        }

        var clean = Clean(combined);
        return IsOutside(clean) ? null : clean;
    }

    /// <summary>
    /// '/' separators, no empty or "." segments, ".." folded into the folder before it (kept at the start when it
    /// leads above), "." for the folder itself. Pure string work.
    /// </summary>
    public static string Clean(string path)
    {
        if (IsClean(path))
        {
            return path; // the common case (a path git or a project file gave): nothing to allocate
        }

        var segments = new List<string>();
        foreach (var segment in Normalize(path).Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[^1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else
            {
                segments.Add(segment);
            }
        }

        return segments.Count == 0 ? Root : string.Join('/', segments);
    }

    /// <summary>True when <paramref name="path"/> is already in the form <see cref="Clean"/> gives.</summary>
    private static bool IsClean(string path)
    {
        if (path.Length == 0 || path[0] == '/' || path[^1] == '/' || path.Contains('\\') || path.Contains("//", StringComparison.Ordinal))
        {
            return false;
        }

        if (path == Root)
        {
            return true;
        }

        foreach (var segment in path.AsSpan().Split('/'))
        {
            var text = path.AsSpan()[segment];
            if (text is "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when the full path <paramref name="fullPath"/> is <paramref name="folderFullPath"/> or lies below it, with
    /// either separator. A Windows path (a drive letter or a UNC share) compares without case, as NTFS and Windows do
    /// ("c:\Work\Repo" holds "C:/work/repo/x"); any other compares ordinally, as Linux file systems do.
    /// </summary>
    public static bool IsWithin(string fullPath, string folderFullPath)
    {
        var path = Normalize(fullPath);
        var folder = Normalize(folderFullPath).TrimEnd('/');
        var comparison = ComparisonFor(folder);
        return string.Equals(path.TrimEnd('/'), folder, comparison)
            || (path.Length > folder.Length && path[folder.Length] == '/' && path.StartsWith(folder, comparison));
    }

    /// <summary>True when two full paths name the same file or folder (either separator; case as <see cref="ComparisonFor"/> says).</summary>
    public static bool SamePath(string fullPath, string otherFullPath) =>
        string.Equals(Normalize(fullPath).TrimEnd('/'), Normalize(otherFullPath).TrimEnd('/'), ComparisonFor(otherFullPath));

    /// <summary>
    /// How full paths compare, the one place it is decided: a Windows path (a drive letter or a UNC share) without case,
    /// as NTFS and Windows do; any other ordinally, as Linux file systems do.
    /// </summary>
    public static StringComparison ComparisonFor(string fullPath) =>
        IsWindowsPath(fullPath) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>A path in Windows' form: a drive letter ('C:') or a UNC share ('\\server' or '//server').</summary>
    public static bool IsWindowsPath(string path) =>
        (path.Length >= 2 && path[1] == ':' && IsAsciiLetter(path[0])) || path.StartsWith(@"\\", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal);

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    /// <summary>A rooted path: '/x', a drive 'C:/x' or 'C:\x', or a UNC '//server/share' or '\\server\share'.</summary>
    public static bool IsAbsolute(string path) =>
        path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 2 && path[1] == ':' && IsAsciiLetter(path[0]));

    /// <summary>The full path of the operating system for a relative path.</summary>
    public static string FullPath(string rootFullPath, string relative) =>
        relative == Root ? rootFullPath : Path.Combine(rootFullPath, relative.Replace('/', Path.DirectorySeparatorChar));
}
