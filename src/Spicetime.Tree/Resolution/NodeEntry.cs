using Spicetime.Tree.Model;

namespace Spicetime.Tree.Resolution;

/// <summary>
/// One entry of a node's resolved state, with its provenance: who set it (<see cref="Source"/>),
/// what it replaced (<see cref="Replaced"/>, a chain back to the first definition), and the values
/// of other scopes of the same node that it shadows.
/// </summary>
public sealed record NodeEntry(
    EntryKind Kind,
    string Key,
    string Value,
    Provenance Source,
    NodeEntry? Replaced,
    IReadOnlyList<NodeEntry> Shadowed)
{
    /// <summary>This entry, then what it replaced, back to the first definition.</summary>
    public IEnumerable<NodeEntry> History()
    {
        for (var entry = this; entry is not null; entry = entry.Replaced)
        {
            yield return entry;
        }
    }
}
