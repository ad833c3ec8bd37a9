namespace Spicetime.Tree.Model;

/// <summary>
/// What a scope definition, an inline override or an <c>extends</c> block contains:
/// entries of each <see cref="EntryKind"/>, in the order they were written.
/// </summary>
public sealed class ScopeContent
{
    private readonly Dictionary<EntryKind, List<ContentEntry>> _entries = new();

    /// <summary><c>"breaking": true</c>: the content may break compatibility with what the parent declared.</summary>
    public bool Breaking { get; set; }

    /// <summary>
    /// <c>"accept"</c> (in an override): contract changes the fork accepts, each a change's message
    /// (<c>GET /invoices: query parameter 'page' became required</c>) or a rule id and an element path
    /// (<c>request-parameter-became-required GET /invoices</c>); inherited by the fork's descendants.
    /// </summary>
    public List<Located<string>> Accept { get; } = new();

    /// <summary>Kinds this content names at all (an empty list still counts, for list replacement).</summary>
    public IEnumerable<EntryKind> Kinds => _entries.Keys;

    public IReadOnlyList<ContentEntry> Get(EntryKind kind) =>
        _entries.TryGetValue(kind, out var list) ? list : Array.Empty<ContentEntry>();

    public bool Has(EntryKind kind) => _entries.ContainsKey(kind);

    public void Declare(EntryKind kind)
    {
        if (!_entries.ContainsKey(kind))
        {
            _entries[kind] = new List<ContentEntry>();
        }
    }

    public void Add(ContentEntry entry)
    {
        Declare(entry.Kind);
        _entries[entry.Kind].Add(entry);
    }

    public int Count => _entries.Values.Sum(l => l.Count);
}

/// <summary>One entry as written: for lists, <see cref="Value"/> equals <see cref="Key"/>.</summary>
public sealed record ContentEntry(EntryKind Kind, Located<string> Key, Located<string> Value);
