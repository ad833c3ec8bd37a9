namespace Spicetime.Tree.Contracts.OpenApi;

/// <summary>
/// The changes found so far in one pair of schemas under comparison, and the shallowest pair still open further up
/// that they depended on (a reference cycle): while that pair is open, these changes are incomplete.
/// </summary>
internal sealed class SchemaChanges
{
    public SchemaChanges(bool inComponent)
    {
        InComponent = inComponent;
    }

    /// <summary>Whether the pair is a named component (its nested components' changes are shown with their names).</summary>
    public bool InComponent { get; }

    public List<(ContractRule Rule, string Detail)> Entries { get; } = new();

    /// <summary>The depth of the shallowest open pair these changes depended on; <see cref="int.MaxValue"/> when none.</summary>
    public int Low { get; private set; } = int.MaxValue;

    public void Add((ContractRule Rule, string Detail) entry) => Entries.Add(entry);

    /// <summary>Adds a change unless it is already here.</summary>
    public void AddOnce((ContractRule Rule, string Detail) entry)
    {
        if (!Entries.Contains(entry))
        {
            Entries.Add(entry);
        }
    }

    /// <summary>Records that a nested pair's result depended on the open pair at <paramref name="depth"/>.</summary>
    public void DependOn(int depth) => Low = Math.Min(Low, depth);
}
