using System.Collections.Concurrent;

namespace Spicetime.Tree.Build;

/// <summary>
/// Loads and resolves each tree.json once per process, keyed by its path and content: a build of many projects
/// sharing one tree parses and resolves it once; an edited file is read again. Safe for parallel builds.
/// </summary>
public static class TreeCache
{
    private static readonly ConcurrentDictionary<string, (TreeContent Content, TreeLoadResult Result)> Entries = new(StringComparer.Ordinal);

    /// <summary>How many times a tree was actually parsed and resolved (for tests and diagnostics).</summary>
    public static int Misses => _misses;

    private static int _misses;

    public static TreeLoadResult Load(string path) => Load(path, out _);

    /// <summary>Loads <paramref name="path"/>; <paramref name="parsed"/> says whether it was parsed now (false: served from the cache).</summary>
    public static TreeLoadResult Load(string path, out bool parsed)
    {
        parsed = false;
        var full = Path.GetFullPath(path);
        // tree.lock.json beside it counts too: manual nodes build on what it recorded.
        var content = TreeContent.Read(full);
        if (content is null)
        {
            parsed = true;
            return TreeFile.Load(full); // reports SPT0001/SPT0002
        }

        if (Entries.TryGetValue(full, out var cached) && cached.Content.SameAs(content))
        {
            return cached.Result;
        }

        Interlocked.Increment(ref _misses);
        parsed = true;
        var result = TreeFile.Parse(content.Tree, full, content.Lock);
        Entries[full] = (content, result);
        return result;
    }
}
