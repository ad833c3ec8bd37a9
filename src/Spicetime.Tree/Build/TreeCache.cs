namespace Spicetime.Tree.Build;

/// <summary>
/// Loads and resolves each tree.json once per process, keyed by its path and content: a build of many projects
/// sharing one tree parses and resolves it once; an edited file is read again. Safe for parallel builds.
/// </summary>
public static class TreeCache
{
    private static readonly TreeContentCache<TreeLoadResult> Entries = new();

    /// <summary>How many times a tree was actually parsed and resolved (for tests and diagnostics).</summary>
    public static int Misses => _misses;

    private static int _misses;

    public static TreeLoadResult Load(string path) => Load(path, out _);

    /// <summary>Loads <paramref name="path"/>; <paramref name="parsed"/> says whether it was parsed now (false: served from the cache).</summary>
    public static TreeLoadResult Load(string path, out bool parsed)
    {
        var full = Path.GetFullPath(path);
        return Entries.Get(full, content =>
        {
            if (content is null)
            {
                return TreeFile.Load(full); // reports SPT0001/SPT0002
            }

            Interlocked.Increment(ref _misses);
            return TreeFile.Parse(content.Tree, full, content.Lock);
        }, out parsed);
    }
}
