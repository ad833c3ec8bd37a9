using Spicetime.Tree.Mapping;
using Spicetime.Tree.Projects;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>What every rule reads (the change, the trees, the project graph, each project's node) and what it adds to.</summary>
public sealed class AffectedContext
{
    private readonly IReadOnlyDictionary<string, ResolvedNode?> _nodeOf;
    private readonly Dictionary<string, int> _changedIndex;
    private readonly Dictionary<string, CentralPackageChanges> _centralChanges = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _repositoryWideFiles;
    private IReadOnlyList<string>? _deletedProjectFiles;

    /// <param name="nodeOf">Each project's node by its path (the analysis finds them once).</param>
    public AffectedContext(string root, ResolvedTree? before, ResolvedTree? after, ChangeSet changes, ProjectGraph graph, IReadOnlyDictionary<string, ResolvedNode?> nodeOf, ProjectNodes? nodes)
    {
        Root = root;
        Before = before;
        After = after;
        Changes = changes;
        Graph = graph;
        Nodes = nodes;
        _nodeOf = nodeOf;
        _changedIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < changes.Files.Count; i++)
        {
            _changedIndex[changes.Files[i]] = i;
        }
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

    /// <summary>The changed global.json, NuGet.config and Directory.Build.rsp files (<see cref="RepositoryWideFileRule"/>), picked once.</summary>
    public IReadOnlyList<string> RepositoryWideFiles => _repositoryWideFiles ??= RepositoryWideFileRule.Among(Changes.Files);

    /// <summary>The changed project files that are no project now (<see cref="DeletedProjectRule"/>), picked once.</summary>
    public IReadOnlyList<string> DeletedProjectFiles => _deletedProjectFiles ??= DeletedProjectRule.Among(Changes.Files, Graph);

    /// <summary>Which project rules claim each changed file of <paramref name="project"/>.</summary>
    public ProjectFiles FilesOf(ProjectInfo project) => ProjectFiles.Claim(project, Changes.Files, _changedIndex);

    /// <summary>How a changed file differs in its PackageVersion items (compared once per analysis, for every project importing it).</summary>
    public CentralPackageChanges CentralChangesOf(string file)
    {
        if (!_centralChanges.TryGetValue(file, out var versions))
        {
            _centralChanges[file] = versions = CentralPackageChanges.Compare(Changes.ReadBefore?.Invoke(file), Changes.ReadAfter(file));
        }

        return versions;
    }

    public void AffectProject(string project, params Cause[] causes) => ProjectReasons.Add(project, new AffectedReason(causes));

    public void AffectNode(string branch, params Cause[] causes) => NodeReasons.Add(branch, new AffectedReason(causes));
}
