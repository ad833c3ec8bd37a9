using Spicetime.Tree.Framework;

namespace Spicetime.Tree.Build;

/// <summary>
/// An answer for each tree.json, kept while the bytes of tree.json and tree.lock.json (<see cref="TreeContent"/>) stay the
/// same: a build of many projects sharing one tree computes it once; an edit of either file computes it again. Holds the
/// most recently used <see cref="BoundedCache{T}.Capacity"/> trees; safe for parallel builds. <see cref="TreeCache"/>
/// (the resolved tree) and the lock check (<see cref="BuildCaches.LockChecks"/>) use it.
/// </summary>
public sealed class TreeContentCache<T>
{
    // A class, not a tuple: a generic collection over a struct of this assembly's cannot be ReadyToRun-compiled across
    // the framework's version bubble and would be JIT-compiled on every MSBuild node's first call.
    private readonly BoundedCache<Entry> _entries;

    public TreeContentCache(int capacity = 8) => _entries = new BoundedCache<Entry>(capacity);

    /// <summary>
    /// The answer for the tree at <paramref name="fullPath"/>: cached, or <paramref name="compute"/>d from its content
    /// (null when tree.json cannot be read; such an answer is not kept). <paramref name="computed"/> says which.
    /// </summary>
    public T Get(string fullPath, Func<TreeContent?, T> compute, out bool computed)
    {
        var content = TreeContent.Read(fullPath);
        if (content is not null && _entries.TryGet(fullPath, out var cached) && cached.Content.SameAs(content))
        {
            computed = false;
            return cached.Answer;
        }

        computed = true;
        var answer = compute(content);
        if (content is not null)
        {
            _entries.Set(fullPath, new Entry(content, answer));
        }

        return answer;
    }

    private sealed record Entry(TreeContent Content, T Answer);
}
