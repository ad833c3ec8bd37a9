using Spicetime.Tree.Projects;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Mapping;

/// <summary>
/// Which node each project read by <see cref="ProjectGraph"/> belongs to, by the SDK's own rule
/// (<see cref="ProjectNodeMapper"/>): <c>$(SpicetimeBranch)</c> (a global property, then a literal in the project or a
/// Directory.Build file above it, then the environment, as MSBuild ranks them), the node whose <c>path</c> holds the
/// project, the current git branch (read once), the root. A branch that names no node is left to the build to report
/// (SPT0200); here the next rule decides.
/// </summary>
public sealed class ProjectNodes
{
    private readonly ResolvedTree _tree;
    private readonly NodePathIndex _paths;
    private readonly Lazy<GitHead> _git;
    private readonly Func<GitHead> _readGit; // made once: Of runs for every project
    private readonly string? _globalBranch;
    private readonly string? _environmentBranch;

    // Only named branches that exist reach the mapper, so it reports nothing here.
    private readonly DiagnosticBag _unused = new(null);

    private ProjectNodes(ResolvedTree tree, Func<GitHead> readGit, string? globalBranch, string? environmentBranch)
    {
        _tree = tree;
        _paths = NodePathIndex.For(tree);
        _git = new Lazy<GitHead>(readGit);
        _readGit = () => _git.Value;
        _globalBranch = Known(globalBranch);
        _environmentBranch = Known(environmentBranch);
    }

    /// <summary>As a build of the checked-out working tree maps them (git's current branch, CI variables on a detached HEAD).</summary>
    /// <param name="globalBranch">A <c>-p:SpicetimeBranch=</c> of the build, which every project gets.</param>
    /// <param name="environmentBranch">The <c>SpicetimeBranch</c> environment variable, which a project's own value overrides.</param>
    public static ProjectNodes OnCurrentBranch(ResolvedTree tree, string? globalBranch = null, string? environmentBranch = null) =>
        new(tree, () => GitBranchReader.Read(tree.Manifest.Directory), globalBranch, environmentBranch);

    /// <summary>As a checkout of <paramref name="branch"/> maps them (null: no git branch, so projects outside every path go to the root).</summary>
    public static ProjectNodes AsIfOn(ResolvedTree tree, string? branch) =>
        new(tree, () => new GitHead(branch, Array.Empty<string>(), Detached: false), null, null);

    public ResolvedNode Of(ProjectInfo project)
    {
        var named = _globalBranch ?? Known(project.Branch) ?? _environmentBranch;
        return ProjectNodeMapper.Map(_tree, named, named is null ? _paths.Find(project.Directory) : null, _readGit, _unused)!.Node;
    }

    /// <summary>The node whose <c>path</c> holds <paramref name="folder"/> (relative, '/' separators), or null: the path rule alone.</summary>
    public ResolvedNode? ByPath(string folder) => _paths.Find(folder);

    private string? Known(string? branch) =>
        string.IsNullOrWhiteSpace(branch) || _tree.Find(branch.Trim()) is null ? null : branch.Trim();
}
