namespace Spicetime.Tree.Affected.Rules;

/// <summary>Reasons per name (a project path or a branch), in the order found, without repeats; names sorted.</summary>
public sealed class AffectedReasons
{
    private readonly Dictionary<string, List<AffectedReason>> _reasons = new(StringComparer.Ordinal);

    /// <summary>The names, in ordinal order (a copy: reasons may be added while it is walked).</summary>
    public IEnumerable<string> Keys => Framework.OrdinalKeys.Of(_reasons);

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
