namespace Spicetime.Tree.Contracts.OpenApi;

/// <summary>
/// The pairs of schemas one document comparison has compared, by identity and direction: those complete (their changes,
/// kept for every other operation that reaches them) and those open (being compared further up, with their depth). A
/// pair reached again while open is a reference cycle; a result that depended on an open pair is not kept.
/// </summary>
internal sealed class SchemaPairMemo
{
    private readonly Dictionary<(object, object, SchemaDirection), List<(ContractRule, string)>> _complete = new(PairComparer.Instance);
    private readonly Dictionary<(object, object, SchemaDirection), int> _open = new(PairComparer.Instance);

    public bool TryGetComplete((object, object, SchemaDirection) pair, out List<(ContractRule Rule, string Detail)> changes) =>
        _complete.TryGetValue(pair, out changes!);

    /// <summary>Whether the pair is being compared further up, and at which depth.</summary>
    public bool TryGetOpen((object, object, SchemaDirection) pair, out int depth) => _open.TryGetValue(pair, out depth);

    /// <summary>Marks the pair as being compared; returns its depth (the number of pairs open above it).</summary>
    public int Open((object, object, SchemaDirection) pair)
    {
        var depth = _open.Count;
        _open[pair] = depth;
        return depth;
    }

    public void Close((object, object, SchemaDirection) pair) => _open.Remove(pair);

    /// <summary>Keeps a pair's changes: it depended on no pair still open.</summary>
    public void Complete((object, object, SchemaDirection) pair, List<(ContractRule Rule, string Detail)> changes) => _complete[pair] = changes;

    private sealed class PairComparer : IEqualityComparer<(object, object, SchemaDirection)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((object, object, SchemaDirection) x, (object, object, SchemaDirection) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2) && x.Item3 == y.Item3;

        public int GetHashCode((object, object, SchemaDirection) obj) =>
            (System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2), obj.Item3).GetHashCode();
    }
}
