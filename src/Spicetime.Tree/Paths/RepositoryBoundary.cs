namespace Spicetime.Tree.Paths;

/// <summary>
/// The repository's boundary as tree.json sees it: the folder of tree.json. A path written there stays inside it as
/// written (not rooted, no <c>..</c> out of it) and as followed on disk (no symbolic link along it leads outside; the
/// folder's own real path counts as inside). Links are looked at with one lstat per folder prefix, remembered for every
/// other path of the same file.
/// </summary>
internal sealed class RepositoryBoundary
{
    private static readonly char[] GlobCharacters = { '*', '?', '[', '{' };

    private readonly Lazy<string> _realFolder;

    // A tree parsed from a base revision or in a test may name a folder that is not there: then no link can be followed.
    private readonly Lazy<bool> _folderExists;

    // Per path prefix: the symbolic link on it that leads outside the folder, or null (shared by every path of the file).
    private readonly Dictionary<string, SymbolicLinkEscape?> _escapingLinks = new(StringComparer.Ordinal);

    public RepositoryBoundary(string folder)
    {
        Folder = folder;
        _folderExists = new Lazy<bool>(() => Directory.Exists(folder));
        _realFolder = new Lazy<string>(() =>
        {
            try
            {
                return SymbolicLink.FinalTarget(new DirectoryInfo(folder)) ?? folder;
            }
            catch (IOException)
            {
                return folder;
            }
        });
    }

    /// <summary>The folder of tree.json, which relative paths start from.</summary>
    public string Folder { get; }

    /// <summary>Whether a path as written leads out of the folder (rooted, or out through <c>..</c>): string work only, so no character in it can throw.</summary>
    public static bool IsOutsideAsWritten(string text) =>
        Path.IsPathRooted(text) || text.StartsWith('/') || text.StartsWith('\\') || RepositoryPath.IsOutside(RepositoryPath.Clean(text));

    /// <summary>
    /// The first symbolic link along <paramref name="relative"/> (a cleaned path; a glob's folders up to its first
    /// wildcard) whose final target lies outside the folder, or null. Only what exists is looked at.
    /// </summary>
    public SymbolicLinkEscape? EscapingLink(string relative)
    {
        if (relative == RepositoryPath.Root || !_folderExists.Value)
        {
            return null;
        }

        var prefix = string.Empty;
        foreach (var segment in relative.Split('/'))
        {
            if (segment.IndexOfAny(GlobCharacters) >= 0)
            {
                return null;
            }

            prefix = prefix.Length == 0 ? segment : $"{prefix}/{segment}";
            if (!_escapingLinks.TryGetValue(prefix, out var escape))
            {
                escape = LinkOutside(prefix, out var exists);
                _escapingLinks[prefix] = escape;
                if (escape is null && !exists)
                {
                    return null; // nothing deeper exists, so no link is there to follow
                }
            }

            if (escape is not null)
            {
                return escape;
            }
        }

        return null;
    }

    private SymbolicLinkEscape? LinkOutside(string prefix, out bool exists)
    {
        exists = false;
        try
        {
            var full = Path.Combine(Folder, prefix.Replace('/', Path.DirectorySeparatorChar));
            FileSystemInfo info = new FileInfo(full);
            if (!info.Exists)
            {
                info = new DirectoryInfo(full);
            }

            var target = SymbolicLink.FinalTarget(info);
            exists = info.Exists || target is not null;
            return target is null || Inside(target) ? null : new SymbolicLinkEscape(prefix, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private bool Inside(string fullPath) =>
        RepositoryPath.IsWithin(fullPath, Folder) || RepositoryPath.IsWithin(fullPath, _realFolder.Value);
}

/// <summary>
/// A symbolic link on a path of tree.json that leads outside its folder: the link's path, relative, and its final
/// target. (A class, not a tuple: see Build/TreeContentCache.cs.)
/// </summary>
internal sealed record SymbolicLinkEscape(string Path, string Target);
