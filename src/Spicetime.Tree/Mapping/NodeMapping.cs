using Spicetime.Tree.Git;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Mapping;

/// <summary>Which rule placed a project in its node (docs/tree-json.md, "Which node a project belongs to").</summary>
public enum NodeMappingRule
{
    /// <summary><c>$(SpicetimeBranch)</c> named it.</summary>
    Explicit,

    /// <summary>The node's <c>path</c> is the longest prefix of the project's folder.</summary>
    Path,

    /// <summary>The node's branch is the current git branch.</summary>
    GitBranch,

    /// <summary>Nothing else applied.</summary>
    Root,
}

/// <summary>The node a project belongs to, the rule that decided it, and what was read of git (when git was asked).</summary>
public sealed record NodeMapping(ResolvedNode Node, NodeMappingRule Rule, GitHead? Git)
{
    /// <summary>True when the answer depends on git (and so on the CI branch variables).</summary>
    public bool DependsOnGit => Rule is NodeMappingRule.GitBranch or NodeMappingRule.Root;

    private string? GitBranch => Git?.Branch;

    public string Describe() => Rule switch
    {
        NodeMappingRule.Explicit => "named by $(SpicetimeBranch)",
        NodeMappingRule.Path => $"its folder is under '{Node.Definition.Path?.Value}'",
        NodeMappingRule.GitBranch => $"the current git branch is '{GitBranch}'",
        _ => "no path or git branch matched, so the root",
    };
}
