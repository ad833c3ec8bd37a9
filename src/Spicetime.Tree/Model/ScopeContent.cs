namespace Spicetime.Tree.Model;

/// <summary>
/// What a scope definition, an inline override or an <c>extends</c> block contains:
/// entries of each <see cref="EntryKind"/>, in the order they were written.
/// </summary>
public sealed class ScopeContent
{
    // Indexed by EntryKind, with the kinds in the order they were declared: a dictionary keyed by an enum of this assembly
    // is JIT-compiled on every MSBuild node's first call.
    private readonly List<ContentEntry>?[] _entries = new List<ContentEntry>?[EntryKinds.All.Length];
    private readonly EntryKind[] _declared = new EntryKind[EntryKinds.All.Length];
    private int _declaredCount;

    /// <summary><c>"breaking": true</c>: the content may break compatibility with what the parent declared.</summary>
    public bool Breaking { get; set; }

    /// <summary>
    /// <c>"accept"</c> (in an override): contract changes the fork accepts, each a change's message
    /// (<c>GET /invoices: query parameter 'page' became required</c>) or a rule id and an element path
    /// (<c>request-parameter-became-required GET /invoices</c>); inherited by the fork's descendants.
    /// </summary>
    public List<Located<string>> Accept { get; } = new();

    /// <summary>Kinds this content names at all (an empty list still counts, for list replacement).</summary>
    public IEnumerable<EntryKind> Kinds
    {
        get
        {
            for (var i = 0; i < _declaredCount; i++)
            {
                yield return _declared[i];
            }
        }
    }

    public IReadOnlyList<ContentEntry> Get(EntryKind kind) => (IReadOnlyList<ContentEntry>?)_entries[(int)kind] ?? Array.Empty<ContentEntry>();

    public bool Has(EntryKind kind) => _entries[(int)kind] is not null;

    public void Declare(EntryKind kind)
    {
        if (_entries[(int)kind] is null)
        {
            _entries[(int)kind] = new List<ContentEntry>();
            _declared[_declaredCount++] = kind;
        }
    }

    public void Add(ContentEntry entry)
    {
        Declare(entry.Kind);
        _entries[(int)entry.Kind]!.Add(entry);
    }

    public int Count
    {
        get
        {
            var count = 0;
            foreach (var list in _entries)
            {
                count += list?.Count ?? 0;
            }

            return count;
        }
    }
}

/// <summary>One entry as written: for lists, <see cref="Value"/> equals <see cref="Key"/>.</summary>
public sealed record ContentEntry(EntryKind Kind, Located<string> Key, Located<string> Value);
