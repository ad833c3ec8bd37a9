using Spicetime.Tree.Mapping;
using Spicetime.Tree.Affected.Rules;
using Spicetime.Tree.Build;
using Spicetime.Tree.Projects;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Affected;

/// <summary>
/// Decides what a change affects (docs/selective-builds.md), the one implementation behind `spicetime affected` and
/// <c>SpicetimeAffectedSince</c>, in three phases, each rule one class in Affected/Rules: the node rules
/// (<see cref="NodeRules"/>) add the nodes a change affects; the project rules (<see cref="ProjectRules"/>) run for
/// each project, with each changed file claimed by the rules that count it (<see cref="ProjectFiles.Claim"/>); then a
/// project is affected when it references an affected project, transitively (scope projects the SDK injects count as
/// references); last, the rules after that closure (<see cref="AfterReferencesRules"/>) add branches.
/// </summary>
public static class AffectedAnalyzer
{
    /// <summary>Phase 1, in order: tree.json's state, then the files scopes own.</summary>
    public static readonly IReadOnlyList<INodeRule> NodeRules = new INodeRule[]
    {
        new TreeStateRule(),
        new ScopeFilesRule(),
    };

    /// <summary>Phase 2, in order for each project: what its node passes to it, then the files it reads.</summary>
    public static readonly IReadOnlyList<IProjectRule> ProjectRules = new IProjectRule[]
    {
        new NodeMembersRule(),
        new ProjectFolderRule(),
        new ImportedFileRule(),
        new ProbedFileRule(),
        new ItemFileRule(),
        new AnalyzerConfigRule(),
        new RepositoryWideFileRule(),
        new DeletedProjectRule(),
    };

    /// <summary>Phase 3, after the reference closure: branches only (their projects have reasons of their own).</summary>
    public static readonly IReadOnlyList<IAfterReferencesRule> AfterReferencesRules = new IAfterReferencesRule[]
    {
        new OwnedFilesRule(),
    };

    /// <summary>Analyses changed files without a base revision to read (tree.json and Directory.Packages.props count as changed throughout).</summary>
    public static AffectedResult Analyze(ResolvedTree? before, ResolvedTree after, IReadOnlyList<string> changedFiles, IReadOnlyList<ProjectInfo> projects) =>
        Analyze(before, after, ChangeSet.FromFiles(after.Manifest.Directory, changedFiles), projects);

    /// <param name="before">tree.json as resolved at the base revision; null when it did not exist or is unknown (every node counts as changed).</param>
    /// <param name="projects">Every project whose references matter (the whole folder, so that chains through any project are seen).</param>
    /// <param name="reportOnly">When given, only these projects (relative paths) are reported, e.g. those of a solution.</param>
    /// <param name="nodes">Which node each project belongs to; by default by path only (projects outside every path: the root).</param>
    public static AffectedResult Analyze(ResolvedTree? before, ResolvedTree after, ChangeSet changes, IReadOnlyList<ProjectInfo> projects,
        IReadOnlyCollection<string>? reportOnly = null, ProjectNodes? nodes = null) =>
        Analyze(after.Manifest.Directory, before, after, changes, projects, reportOnly, nodes ?? ProjectNodes.AsIfOn(after, null));

    /// <summary>The same for any folder: without tree.json (<paramref name="after"/> null) the folder is one root node with no state of its own.</summary>
    public static AffectedResult Analyze(string root, ResolvedTree? before, ResolvedTree? after, ChangeSet changes, IReadOnlyList<ProjectInfo> projects,
        IReadOnlyCollection<string>? reportOnly, ProjectNodes? nodes)
    {
        // Each project's node found once: the graph's injected references and every rule ask for it.
        var nodeByProject = new Dictionary<string, ResolvedNode?>(projects.Count, StringComparer.Ordinal);
        foreach (var project in projects)
        {
            nodeByProject[project.RelativePath] = nodes?.Of(project);
        }

        var graph = Graph(projects, p => nodeByProject.TryGetValue(p.RelativePath, out var node) ? node : nodes?.Of(p));
        var context = new AffectedContext(root, before, after, changes, graph, nodeByProject, nodes);
        foreach (var rule in NodeRules)
        {
            rule.Apply(context);
        }

        // Indexed: a foreach over the interfaces would allocate an enumerator for each of thousands of projects.
        var all = graph.Projects;
        for (var p = 0; p < all.Count; p++)
        {
            var files = context.FilesOf(all[p]);
            for (var r = 0; r < ProjectRules.Count; r++)
            {
                ProjectRules[r].Apply(context, files);
            }
        }

        ReferencingProjects(context);
        foreach (var rule in AfterReferencesRules)
        {
            rule.Apply(context);
        }

        var reported = context.ProjectReasons.Keys.Where(p => reportOnly is null || reportOnly.Contains(p)).ToList();
        var required = graph.Dependencies(reported).Where(r => !context.ProjectReasons.Has(r.Project));
        return new AffectedResult(
            reported.Select(p => new AffectedItem(p, context.NodeOf(p)?.Branch, context.ProjectReasons.Of(p))).ToList(),
            context.NodeReasons.Keys.Select(n => new AffectedItem(n, n, context.NodeReasons.Of(n))).ToList(),
            required.Select(r => new AffectedItem(r.Project, context.NodeOf(r.Project)?.Branch, new[] { new AffectedReason(Cause.ReferencedBy(r.ReferencedBy)) })).ToList())
        {
            Imprecisions = OncePerCause(projects),
        };
    }

    /// <summary>
    /// SPT0403 once per cause (a file and position: the definition a reader could not evaluate, or the item or import
    /// that uses it), however many projects evaluate it, with how many do. An item in a shared file resolves against
    /// each project's folder: when the patterns differ, the warning says so instead of naming one.
    /// </summary>
    public static List<Diagnostics.Diagnostic> OncePerCause(IReadOnlyList<ProjectInfo> projects) =>
        projects.SelectMany(p => p.Imprecisions)
            .GroupBy(d => (d.Code, d.File, d.Position.Line, d.Position.Column))
            .Select(group =>
            {
                var first = group.First();
                var message = first.Message;
                var pattern = message.LastIndexOf(" (pattern ", StringComparison.Ordinal);
                if (pattern > 0 && group.Any(d => d.Message != message))
                {
                    message = message[..pattern] + " (the pattern differs by project)";
                }

                var count = group.Count();
                return first with { Message = $"{message}; in {count} project{(count == 1 ? string.Empty : "s")}" };
            })
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Position.Line).ThenBy(d => d.Position.Column)
            .ToList();

    /// <summary>A project that references an affected project is affected, transitively, with the first reason one link longer.</summary>
    private static void ReferencingProjects(AffectedContext context)
    {
        foreach (var (project, dependent) in context.Graph.DependentEdges(context.ProjectReasons.Keys.ToList()))
        {
            context.ProjectReasons.Add(dependent, context.ProjectReasons.Of(project)[0].Then(Cause.ReferencedBy(dependent)));
        }
    }

    /// <summary>The projects and their references as a build sees them: their own, and the scope projects the SDK injects.</summary>
    public static ProjectGraph Graph(IReadOnlyList<ProjectInfo> projects, Func<ProjectInfo, ResolvedNode?> nodeOf) =>
        new(projects, p => InjectedReferences(p, nodeOf(p)));

    /// <summary>The references the SDK injects: only projects on Spicetime.Sdk get them, by ProjectInjection's rule.</summary>
    private static IEnumerable<string> InjectedReferences(ProjectInfo project, ResolvedNode? node) =>
        project.UsesSpicetimeSdk && node is not null && node.Projects.Count > 0 // most nodes give none: no closure made
            ? ProjectInjection.ScopeProjectsFor(node, s => s.Key == project.RelativePath).Select(s => s.Key)
            : Array.Empty<string>();
}
