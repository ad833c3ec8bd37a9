namespace Spicetime.Tree.Model;

/// <summary>A loaded tree.json: scope definitions and the node tree, not yet resolved.</summary>
public sealed class TreeManifest
{
    public required string FilePath { get; init; }

    /// <summary>The folder that holds tree.json; node paths and scope files are relative to it.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(FilePath)!;

    public string? Schema { get; init; }

    public required IReadOnlyDictionary<string, ScopeDefinition> Scopes { get; init; }

    public required NodeDefinition Root { get; init; }

    /// <summary>Every node, parents before children (pre-order, in written order).</summary>
    public required IReadOnlyList<NodeDefinition> Nodes { get; init; }

    private Dictionary<string, NodeDefinition>? _byBranch;

    /// <summary>The node for <paramref name="branch"/> (branch names compare ignoring case), or null.</summary>
    public NodeDefinition? FindNode(string branch)
    {
        _byBranch ??= BuildIndex();
        return _byBranch.TryGetValue(branch, out var node) ? node : null;
    }

    private Dictionary<string, NodeDefinition> BuildIndex()
    {
        var index = new Dictionary<string, NodeDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in Nodes)
        {
            index.TryAdd(node.Branch.Value, node);
        }

        return index;
    }
}
