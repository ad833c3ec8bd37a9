namespace Spicetime.Tree.Contracts;

/// <summary>How much a change of a contract matters to the clients of the parent's version (graphql-inspector's three levels).</summary>
public enum ChangeLevel
{
    /// <summary>Clients of the parent's contract break: an SPT error in the fork's build unless accepted.</summary>
    Breaking,

    /// <summary>Clients may break or behave differently (a new enum value they receive, a changed default): an SPT warning.</summary>
    Dangerous,

    /// <summary>An addition or a change no client can notice: information.</summary>
    Safe,
}

/// <summary>
/// One difference between a parent's contract and a fork's: the rule that found it (an id documented in
/// docs/contracts.md), its level, the element's path in the contract ("GET /invoices", "Product.name"), and the
/// message, which starts with the path: <c>GET /invoices: query parameter 'page' became required</c>.
/// </summary>
public sealed record ContractChange(string Rule, ChangeLevel Level, string Path, string Message)
{
    public override string ToString() => $"{Level.ToString().ToLowerInvariant()} {Rule}: {Message}";
}

/// <summary>A rule of a comparison: its id, level and what it means (the documented table).</summary>
public sealed record ContractRule(string Id, ChangeLevel Level, string Description)
{
    /// <summary>A change this rule found at <paramref name="path"/>, with the detail after the path.</summary>
    public ContractChange At(string path, string detail) => new(Id, Level, path, $"{path}: {detail}");

    /// <summary>A change this rule found, before it is placed at an element's path (schema comparisons are shared by paths).</summary>
    public (ContractRule Rule, string Detail) Entry(string detail) => (this, detail);
}
