using Spicetime.Tree.Mapping;
using Spicetime.Tree.Projects;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>What every rule reads (the change, the trees, the project graph, each project's node) and what it adds to.</summary>
public sealed class AffectedContext
{
    private readonly Dictionary<string, ResolvedNode?> _nodeOf;

    public AffectedContext(string root, ResolvedTree? before, ResolvedTree? after, ChangeSet changes, ProjectGraph graph, Func<ProjectInfo, ResolvedNode?> nodeOf, ProjectNodes? nodes)
    {
        Root = root;
        Before = before;
        After = after;
        Changes = changes;
        Graph = graph;
        Nodes = nodes;
        _nodeOf = graph.Projects.ToDictionary(p => p.RelativePath, nodeOf, StringComparer.Ordinal);
    }

    /// <summary>The analysed folder (full path): tree.json's, or the repository's.</summary>
    public string Root { get; }

    /// <summary>tree.json at the base revision (null: did not exist, or unknown).</summary>
    public ResolvedTree? Before { get; }

    /// <summary>tree.json now; null in a repository without one (a single root node with no state of its own).</summary>
    public ResolvedTree? After { get; }

    public ChangeSet Changes { get; }

    public ProjectGraph Graph { get; }

    /// <summary>Which node holds a path (null without tree.json).</summary>
    public ProjectNodes? Nodes { get; }

    /// <summary>Reasons per branch.</summary>
    public AffectedReasons NodeReasons { get; } = new();

    /// <summary>Reasons per project (relative path).</summary>
    public AffectedReasons ProjectReasons { get; } = new();

    /// <summary>The node a project belongs to (null without tree.json).</summary>
    public ResolvedNode? NodeOf(string project) => _nodeOf.GetValueOrDefault(project);

    public void AffectProject(string project, params Cause[] causes) => ProjectReasons.Add(project, new AffectedReason(causes));

    public void AffectNode(string branch, params Cause[] causes) => NodeReasons.Add(branch, new AffectedReason(causes));
}
