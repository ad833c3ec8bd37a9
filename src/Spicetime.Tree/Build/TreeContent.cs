namespace Spicetime.Tree.Build;

/// <summary>
/// What a tree's answers depend on: the bytes of tree.json and of tree.lock.json beside it (manual nodes build on what
/// the lock recorded). The per-process caches (<see cref="TreeContentCache{T}"/>) key on it, so an edit of either
/// file is read again and nothing else is.
/// </summary>
public sealed class TreeContent
{
    private TreeContent(byte[] tree, byte[]? lockFile)
    {
        Tree = tree;
        Lock = lockFile;
    }

    public byte[] Tree { get; }

    /// <summary>The lock's bytes, or null when there is none (or it cannot be read: the lock check reports that).</summary>
    public byte[]? Lock { get; }

    /// <summary>Reads both files; null when tree.json itself cannot be read.</summary>
    public static TreeContent? Read(string fullTreePath)
    {
        byte[] tree;
        try
        {
            tree = File.ReadAllBytes(fullTreePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        byte[]? lockFile;
        try
        {
            // Most trees have no lock: looked for first, since an exception's first throw in a process costs milliseconds
            // (its message and stack trace), which every build's first task would pay.
            var lockPath = Locking.TreeLock.PathFor(fullTreePath);
            lockFile = File.Exists(lockPath) ? File.ReadAllBytes(lockPath) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lockFile = null;
        }

        return new TreeContent(tree, lockFile);
    }

    public bool SameAs(TreeContent other) =>
        Tree.AsSpan().SequenceEqual(other.Tree)
        && (Lock is null ? other.Lock is null : other.Lock is not null && Lock.AsSpan().SequenceEqual(other.Lock));
}
