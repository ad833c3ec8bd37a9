using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;
using Spicetime.Tree.Paths;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Mapping;

/// <summary>
/// Decides which node a project belongs to, first rule that applies: <c>$(SpicetimeBranch)</c>; the node whose
/// <c>path</c> is the longest prefix of the project's folder; the node whose branch is the current git branch;
/// else the root. A <c>$(SpicetimeBranch)</c> that names no node is SPT0200.
/// </summary>
public static class ProjectNodeMapper
{
    public static NodeMapping? Map(ResolvedTree tree, string projectDirectory, string? explicitBranch, DiagnosticBag diagnostics,
        Func<string, string?>? environment = null) =>
        Map(tree, explicitBranch, () => NodePathIndex.For(tree).Find(RepositoryPath.Relative(tree.Manifest.Directory, Path.GetFullPath(projectDirectory))),
            () => GitBranchReader.Read(projectDirectory, environment), diagnostics);

    /// <summary>
    /// The rule itself, with the path lookup and the git read supplied by the caller (<c>spicetime affected</c> maps
    /// thousands of projects with one <see cref="NodePathIndex"/> and one read of git). Git is read only when neither
    /// an explicit branch nor a path decided.
    /// </summary>
    public static NodeMapping? Map(ResolvedTree tree, string? explicitBranch, Func<ResolvedNode?> findByPath, Func<GitHead> readGit, DiagnosticBag diagnostics) =>
        Map(tree, explicitBranch, string.IsNullOrWhiteSpace(explicitBranch) ? findByPath() : null, readGit, diagnostics);

    /// <summary>The rule with the path's node found already (<paramref name="byPath"/>, null when no node's path holds the project).</summary>
    public static NodeMapping? Map(ResolvedTree tree, string? explicitBranch, ResolvedNode? byPath, Func<GitHead> readGit, DiagnosticBag diagnostics)
    {
        if (!string.IsNullOrWhiteSpace(explicitBranch))
        {
            var named = tree.Find(explicitBranch.Trim());
            if (named is null)
            {
                diagnostics.Report(DiagnosticCodes.UnknownBranch, SourcePosition.None,
                    UnknownBranch.Message("$(SpicetimeBranch)", explicitBranch, tree.Branches));
                return null;
            }

            return new NodeMapping(named, NodeMappingRule.Explicit, null);
        }

        if (byPath is not null)
        {
            return new NodeMapping(byPath, NodeMappingRule.Path, null);
        }

        var git = readGit();
        if (git.Branch is not null && tree.Find(git.Branch) is { } byGit)
        {
            return new NodeMapping(byGit, NodeMappingRule.GitBranch, git);
        }

        return new NodeMapping(tree.Root, NodeMappingRule.Root, git);
    }
}
