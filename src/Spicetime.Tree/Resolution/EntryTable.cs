using Spicetime.Tree.Model;

namespace Spicetime.Tree.Resolution;

/// <summary>
/// The entries of one kind in one scope: ordered, indexed by key, immutable. A change makes a new
/// table that overlays the old one (only the changed entries are stored), so a fork that extends or
/// overrides one entry of a large inherited scope costs O(1), and an unchanged inherited scope is
/// simply shared with the parent. Overlay chains are flattened past a small depth to keep lookups fast.
/// </summary>
internal sealed class EntryTable
{
    private const int MaxOverlayDepth = 8;

    private readonly EntryTable? _base;
    private readonly Dictionary<string, ResolvedEntry> _own;   // base table: every entry; overlay: changed and added entries
    private readonly List<ResolvedEntry> _added;                // base table: every entry in order; overlay: added keys in order
    private readonly int _depth;
    private IReadOnlyList<ResolvedEntry>? _entries;

    private EntryTable(EntryKind kind, EntryTable? @base, Dictionary<string, ResolvedEntry> own, List<ResolvedEntry> added)
    {
        Kind = kind;
        _base = @base;
        _own = own;
        _added = added;
        _depth = @base is null ? 0 : @base._depth + 1;
    }

    public EntryKind Kind { get; }

    /// <summary>The table this one overlays; null for a base table.</summary>
    public EntryTable? Base => _base;

    /// <summary>A base table: every entry; an overlay: the entries it changed or added (their keys shadow the base's).</summary>
    public IEnumerable<ResolvedEntry> OwnEntries => _own.Values;

    /// <summary>True when this table itself (not its base) holds <paramref name="key"/>.</summary>
    public bool Owns(string key) => _own.ContainsKey(key);

    public static EntryTable Create(EntryKind kind, IEnumerable<ResolvedEntry> entries)
    {
        var own = new Dictionary<string, ResolvedEntry>(kind.KeyComparer());
        var order = new List<ResolvedEntry>();
        foreach (var entry in entries)
        {
            if (own.ContainsKey(entry.Key))
            {
                order[order.FindIndex(e => kind.KeyComparer().Equals(e.Key, entry.Key))] = entry;
            }
            else
            {
                order.Add(entry);
            }

            own[entry.Key] = entry;
        }

        return new EntryTable(kind, null, own, order);
    }

    public ResolvedEntry? Find(string key)
    {
        for (var table = this; table is not null; table = table._base)
        {
            if (table._own.TryGetValue(key, out var entry))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>All entries in order: the base's (with replacements in place), then the added ones.</summary>
    public IReadOnlyList<ResolvedEntry> Entries => _entries ??= Materialize();

    /// <summary>A table with <paramref name="entry"/> added, or replacing the entry with the same key in place.</summary>
    public EntryTable With(ResolvedEntry entry)
    {
        if (_depth >= MaxOverlayDepth)
        {
            return Create(Kind, Entries).With(entry);
        }

        var own = new Dictionary<string, ResolvedEntry>(1, Kind.KeyComparer()) { [entry.Key] = entry };
        var added = Find(entry.Key) is null ? new List<ResolvedEntry>(1) { entry } : new List<ResolvedEntry>(0);
        return new EntryTable(Kind, this, own, added);
    }

    private IReadOnlyList<ResolvedEntry> Materialize()
    {
        if (_base is null)
        {
            return _added;
        }

        var entries = new List<ResolvedEntry>(_base.Entries.Count + _added.Count);
        foreach (var entry in _base.Entries)
        {
            entries.Add(_own.TryGetValue(entry.Key, out var replacement) ? replacement : entry);
        }

        entries.AddRange(_added);
        return entries;
    }
}
