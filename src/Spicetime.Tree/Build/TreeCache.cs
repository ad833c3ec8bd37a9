namespace Spicetime.Tree.Build;

/// <summary>
/// Loads and resolves each tree.json once while its content stays the same, keyed by its path and content: a build of
/// many projects sharing one tree parses and resolves it once; an edited file is read again. Safe for parallel builds.
/// One lives in each <see cref="BuildCaches"/>.
/// </summary>
public sealed class TreeCache
{
    private readonly TreeContentCache<TreeLoadResult> _entries = new();
    private int _misses;

    /// <summary>How many times a tree was actually parsed and resolved (for tests and diagnostics).</summary>
    public int Misses => Volatile.Read(ref _misses);

    public TreeLoadResult Load(string path) => Load(path, out _);

    /// <summary>Loads <paramref name="path"/>; <paramref name="parsed"/> says whether it was parsed now (false: served from the cache).</summary>
    public TreeLoadResult Load(string path, out bool parsed)
    {
        var full = Path.GetFullPath(path);
        return _entries.Get(full, content =>
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
