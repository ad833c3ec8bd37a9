using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Build;

/// <summary>
/// The node-by-path rule of <see cref="ProjectNodeMapper.FindByPath"/> for many folders at once: the nodes' paths in a
/// dictionary, a folder resolved by looking its ancestors up, longest first (linear in the folder's depth, not in the
/// number of nodes). Folders are relative to the tree's folder with '/' separators.
/// </summary>
public sealed class NodePathIndex
{
    private readonly Dictionary<string, ResolvedNode> _byPath = new(StringComparer.Ordinal);
    private readonly ResolvedNode? _top;

    public NodePathIndex(ResolvedTree tree)
    {
        foreach (var node in tree.Nodes)
        {
            if (node.Definition.Path is { } path)
            {
                if (path.Value == ".")
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

    /// <summary>The node whose path is the longest prefix of <paramref name="folder"/>, or null.</summary>
    public ResolvedNode? Find(string folder)
    {
        for (var candidate = folder; candidate.Length > 0 && candidate != "."; )
        {
            if (_byPath.TryGetValue(candidate, out var node))
            {
                return node;
            }

            var slash = candidate.LastIndexOf('/');
            candidate = slash < 0 ? string.Empty : candidate[..slash];
        }

        return _top;
    }
}
