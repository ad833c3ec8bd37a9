using System.Collections.Concurrent;

namespace Spicetime.Tree.Build;

/// <summary>
/// Loads and resolves each tree.json once per process, keyed by its path and content: a build of many projects
/// sharing one tree parses and resolves it once; an edited file is read again. Safe for parallel builds.
/// </summary>
public static class TreeCache
{
    private static readonly ConcurrentDictionary<string, (byte[] Content, byte[]? Lock, TreeLoadResult Result)> Entries = new(StringComparer.Ordinal);

    /// <summary>How many times a tree was actually parsed and resolved (for tests and diagnostics).</summary>
    public static int Misses => _misses;

    private static int _misses;

    public static TreeLoadResult Load(string path) => Load(path, out _);

    private static byte[]? ReadLock(string treeFile)
    {
        try
        {
            return File.ReadAllBytes(Locking.TreeLock.PathFor(treeFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // no lock (or unreadable: the sync check reports it)
        }
    }

    /// <summary>Loads <paramref name="path"/>; <paramref name="parsed"/> says whether it was parsed now (false: served from the cache).</summary>
    public static TreeLoadResult Load(string path, out bool parsed)
    {
        parsed = false;
        var full = Path.GetFullPath(path);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            parsed = true;
            return TreeFile.Load(full); // reports SPT0001/SPT0002
        }

        // tree.lock.json beside it counts too: manual nodes build on what it recorded.
        var lockContent = ReadLock(full);
        if (Entries.TryGetValue(full, out var cached) && cached.Content.AsSpan().SequenceEqual(content)
            && (cached.Lock is null ? lockContent is null : lockContent is not null && cached.Lock.AsSpan().SequenceEqual(lockContent)))
        {
            return cached.Result;
        }

        Interlocked.Increment(ref _misses);
        parsed = true;
        var result = TreeFile.Parse(content, full, lockContent);
        Entries[full] = (content, lockContent, result);
        return result;
    }
}
