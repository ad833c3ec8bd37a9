namespace Spicetime.Tree.Framework;

/// <summary>
/// A small least-recently-used map from string keys, safe for parallel callers: once it holds <see cref="Capacity"/>
/// entries, adding one drops the entry used longest ago. The build's content-keyed caches (trees, git facts, contract
/// comparisons, lock checks) use it, so a long-lived MSBuild node keeps the recent answers and never grows without end.
/// </summary>
public sealed class BoundedCache<T>
{
    private readonly object _gate = new();
    // String keys and a class of our own for the entries: nothing here needs JIT-compiled generic code on a node's first call.
    private readonly Dictionary<string, LinkedListNode<Entry>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recent = new(); // most recently used first

    public BoundedCache(int capacity)
    {
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a cache holds one entry or more");
        }

        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _index.Count;
            }
        }
    }

    public bool TryGet(string key, out T value)
    {
        lock (_gate)
        {
            if (_index.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    public void Set(string key, T value)
    {
        lock (_gate)
        {
            if (_index.TryGetValue(key, out var node))
            {
                node.Value.Value = value;
                _recent.Remove(node);
                _recent.AddFirst(node);
                return;
            }

            if (_index.Count >= Capacity)
            {
                var oldest = _recent.Last!;
                _recent.RemoveLast();
                _index.Remove(oldest.Value.Key);
            }

            _index[key] = _recent.AddFirst(new Entry(key, value));
        }
    }

    private sealed class Entry
    {
        public Entry(string key, T value)
        {
            Key = key;
            Value = value;
        }

        public string Key { get; }

        public T Value { get; set; }
    }
}
