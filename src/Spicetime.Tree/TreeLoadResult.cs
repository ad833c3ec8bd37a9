using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree;

/// <summary>The outcome of loading and resolving a tree.json: the tree (null when it could not be built) and every diagnostic.</summary>
public sealed class TreeLoadResult
{
    public TreeLoadResult(ResolvedTree? tree, IReadOnlyList<Diagnostic> diagnostics)
    {
        Tree = tree;
        Diagnostics = diagnostics;
    }

    /// <summary>The resolved tree; null when tree.json could not be read or parsed at all.</summary>
    public ResolvedTree? Tree { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>True when the tree resolved with no errors (warnings allowed).</summary>
    public bool Succeeded => Tree is not null && !HasErrors;
}
