using Spicetime.Tree.Model;

namespace Spicetime.Tree.Resolution;

/// <summary>Every node of a tree.json, resolved.</summary>
public sealed class ResolvedTree
{
    private readonly Dictionary<string, ResolvedNode> _byBranch;
    private Mapping.NodePathIndex? _pathIndex;

    internal ResolvedTree(TreeManifest manifest, IReadOnlyList<ResolvedNode> nodes)
    {
        Manifest = manifest;
        Nodes = nodes;
        _byBranch = new Dictionary<string, ResolvedNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in nodes)
        {
            _byBranch.TryAdd(node.Branch, node);
        }
    }

    public TreeManifest Manifest { get; }

    public ResolvedNode Root => Nodes[0];

    /// <summary>Parents before children, in written order.</summary>
    public IReadOnlyList<ResolvedNode> Nodes { get; }

    public ResolvedNode? Find(string branch) => _byBranch.TryGetValue(branch, out var node) ? node : null;

    public IEnumerable<string> Branches => Nodes.Select(n => n.Branch);

    /// <summary>The node-by-path index (<see cref="Mapping.NodePathIndex"/>), built on first use and kept with the tree.</summary>
    internal Mapping.NodePathIndex PathIndex => LazyInitializer.EnsureInitialized(ref _pathIndex, () => new Mapping.NodePathIndex(this))!;
}
