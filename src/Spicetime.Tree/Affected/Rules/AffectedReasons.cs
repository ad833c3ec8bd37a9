namespace Spicetime.Tree.Affected.Rules;

/// <summary>Reasons per name (a project path or a branch), in the order found, without repeats; names sorted.</summary>
public sealed class AffectedReasons
{
    private readonly SortedDictionary<string, List<AffectedReason>> _reasons = new(StringComparer.Ordinal);

    public IEnumerable<string> Keys => _reasons.Keys;

    public bool Has(string name) => _reasons.ContainsKey(name);

    public IReadOnlyList<AffectedReason> Of(string name) => _reasons.TryGetValue(name, out var list) ? list : Array.Empty<AffectedReason>();

    public void Add(string name, AffectedReason reason)
    {
        if (!_reasons.TryGetValue(name, out var list))
        {
            _reasons[name] = list = new List<AffectedReason>();
        }

        if (!list.Contains(reason))
        {
            list.Add(reason);
        }
    }
}
