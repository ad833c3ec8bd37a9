using Spicetime.Tree.Paths;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Mapping;

/// <summary>
/// The node-by-path rule, the one place it is written: a folder belongs to the node whose <c>path</c> is its longest
/// prefix (a node with path "." holds everything no other path holds). The nodes' paths sit in a dictionary and a
/// folder is resolved by looking its ancestors up, longest first (linear in the folder's depth, not in the number of
/// nodes). One index per resolved tree (<see cref="For"/>), shared by every build task and by `spicetime affected`.
/// </summary>
public sealed class NodePathIndex
{
    private readonly Dictionary<string, ResolvedNode> _byPath = new(StringComparer.Ordinal);
    private readonly ResolvedNode? _top;

    internal NodePathIndex(ResolvedTree tree)
    {
        foreach (var node in tree.Nodes)
        {
            if (node.Definition.Path is { } path)
            {
                if (path.Value == RepositoryPath.Root)
                {
                    _top = node;
                }
                else
                {
                    _byPath.TryAdd(path.Value.TrimEnd('/'), node);
                }
            }
        }
    }

    /// <summary>The index of <paramref name="tree"/>, built once (the tree keeps it).</summary>
    public static NodePathIndex For(ResolvedTree tree) => tree.PathIndex;

    /// <summary>The node whose path is the longest prefix of <paramref name="folder"/> (relative to the tree's folder), or null.</summary>
    public ResolvedNode? Find(string folder)
    {
        if (RepositoryPath.IsOutside(folder))
        {
            return null;
        }

        for (var candidate = folder; candidate.Length > 0 && candidate != RepositoryPath.Root; candidate = RepositoryPath.ParentOrEmpty(candidate))
        {
            if (_byPath.TryGetValue(candidate, out var node))
            {
                return node;
            }
        }

        return _top;
    }
}
