using Spicetime.Tree.Model;

namespace Spicetime.Tree.Resolution;

/// <summary>
/// The entries of one kind in one scope: ordered, indexed by key. Immutable once built; changes
/// make a copy, so a scope a child inherits unchanged is shared with its parent, not copied.
/// </summary>
internal sealed class EntryTable
{
    private readonly List<ResolvedEntry> _ordered;
    private readonly Dictionary<string, int> _index;

    private EntryTable(EntryKind kind, List<ResolvedEntry> ordered, Dictionary<string, int> index)
    {
        Kind = kind;
        _ordered = ordered;
        _index = index;
    }

    public EntryKind Kind { get; }

    public IReadOnlyList<ResolvedEntry> Entries => _ordered;

    public int Count => _ordered.Count;

    public static EntryTable Create(EntryKind kind, IEnumerable<ResolvedEntry> entries)
    {
        var table = new EntryTable(kind, new List<ResolvedEntry>(), new Dictionary<string, int>(kind.KeyComparer()));
        foreach (var entry in entries)
        {
            table.SetInPlace(entry);
        }

        return table;
    }

    public ResolvedEntry? Find(string key) => _index.TryGetValue(key, out var i) ? _ordered[i] : null;

    /// <summary>A copy with <paramref name="entry"/> added, or replacing the entry with the same key in place.</summary>
    public EntryTable With(ResolvedEntry entry)
    {
        var copy = new EntryTable(Kind, new List<ResolvedEntry>(_ordered), new Dictionary<string, int>(_index, _index.Comparer));
        copy.SetInPlace(entry);
        return copy;
    }

    private void SetInPlace(ResolvedEntry entry)
    {
        if (_index.TryGetValue(entry.Key, out var i))
        {
            _ordered[i] = entry;
        }
        else
        {
            _index[entry.Key] = _ordered.Count;
            _ordered.Add(entry);
        }
    }
}
