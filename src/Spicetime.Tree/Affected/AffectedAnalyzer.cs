using Microsoft.Extensions.FileSystemGlobbing;
using Spicetime.Tree.Build;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Affected;

/// <summary>An affected project or branch and why: each reason is a causal chain from the changed file to it.</summary>
public sealed record AffectedItem(string Name, string? Branch, IReadOnlyList<AffectedReason> Reasons);

/// <summary>
/// What a change affects: projects (relative paths, sorted) and branches (nodes whose own state changed or that own a
/// changed file). <see cref="Required"/> holds the projects that are not affected but that affected projects reference,
/// transitively: a build of the affected set needs them built, and nothing else.
/// </summary>
public sealed record AffectedResult(IReadOnlyList<AffectedItem> Projects, IReadOnlyList<AffectedItem> Branches, IReadOnlyList<AffectedItem> Required)
{
    public AffectedResult(IReadOnlyList<AffectedItem> projects, IReadOnlyList<AffectedItem> branches)
        : this(projects, branches, Array.Empty<AffectedItem>())
    {
    }
}

/// <summary>
/// Decides what a change affects (SPEC "Selective builds"), the one implementation behind `spicetime affected` and
/// <c>SpicetimeAffectedSince</c>:
/// tree.json compared node by node (a node is affected only when its own resolved state changed); files under a
/// scope's paths or contracts affect the nodes that have the scope; a file in a project's folder affects the project;
/// repository-wide build files affect every project under them, except Directory.Packages.props, whose version
/// changes affect only the projects that use a changed package (VersionOverride or a version from the tree shields
/// them); a project is affected when its node is, or when it references an affected project, transitively.
/// </summary>
public static class AffectedAnalyzer
{
    private const string CentralPackagesFile = "Directory.Packages.props";

    private static readonly string[] BuildFiles =
        { "Directory.Build.props", "Directory.Build.targets", "Directory.Build.rsp", CentralPackagesFile, "global.json", "NuGet.config" };

    /// <summary>Analyses changed files without a base revision to read (tree.json and Directory.Packages.props count as changed throughout).</summary>
    public static AffectedResult Analyze(ResolvedTree? before, ResolvedTree after, IReadOnlyList<string> changedFiles, IReadOnlyList<ProjectInfo> projects) =>
        Analyze(before, after, ChangeSet.FromFiles(after.Manifest.Directory, changedFiles), projects);

    /// <param name="before">tree.json as resolved at the base revision; null when it did not exist or is unknown (every node counts as changed).</param>
    /// <param name="projects">Every project whose references matter (the whole folder, so that chains through any project are seen).</param>
    /// <param name="reportOnly">When given, only these projects (relative paths) are reported, e.g. those of a solution.</param>
    /// <param name="nodes">Which node each project belongs to; by default by path only (projects outside every path: the root).</param>
    public static AffectedResult Analyze(ResolvedTree? before, ResolvedTree after, ChangeSet changes, IReadOnlyList<ProjectInfo> projects,
        IReadOnlyCollection<string>? reportOnly = null, ProjectNodes? nodes = null)
    {
        nodes ??= ProjectNodes.AsIfOn(after, null);
        var changedFiles = changes.Files;
        var nodeReasons = new Reasons();

        // 1. tree.json: each node's own resolved state, before and after.
        if (changedFiles.Contains(TreeFileLocator.FileName, StringComparer.Ordinal))
        {
            foreach (var change in NodeStateDiff.Compare(before, after))
            {
                foreach (var difference in change.Changes)
                {
                    nodeReasons.Add(change.Branch, new AffectedReason(TreeFileCause(before, changes, change.Branch, difference), Cause.Node(change.Branch)));
                }
            }
        }

        // 2. Files a scope owns (paths globs, contract files) affect the nodes that have the scope. Each glob is matched
        //    once against every changed file, not once per node.
        var globMatches = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var node in after.Nodes)
        {
            foreach (var path in node.Paths)
            {
                if (!globMatches.TryGetValue(path.Key, out var matched))
                {
                    globMatches[path.Key] = matched = Match(path.Key, changedFiles);
                }

                foreach (var file in matched)
                {
                    nodeReasons.Add(node.Branch, new AffectedReason(Cause.File(file, $"matches {path.Key} of scope '{path.Source.Scope}'"), Cause.Node(node.Branch)));
                }
            }

            foreach (var contract in node.Contracts)
            {
                if (changedFiles.Contains(contract.Value, StringComparer.Ordinal))
                {
                    nodeReasons.Add(node.Branch, new AffectedReason(Cause.File(contract.Value, $"contract '{contract.Key}' of scope '{contract.Source.Scope}'"), Cause.Node(node.Branch)));
                }
            }
        }

        // Central package versions: what changed in each changed Directory.Packages.props.
        var central = changedFiles
            .Where(f => FileName(f).Equals(CentralPackagesFile, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => f, f => CentralPackageChanges.Compare(changes.ReadBefore?.Invoke(f), changes.ReadAfter(f)), StringComparer.Ordinal);

        // 3. Projects: their node, their folder, build files above them; then referencing projects, transitively.
        var byPath = projects.ToDictionary(p => p.RelativePath, StringComparer.Ordinal);
        var projectReasons = new Reasons();
        var nodeOf = new Dictionary<string, ResolvedNode>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var node = nodeOf[project.RelativePath] = nodes.Of(project);
            foreach (var reason in nodeReasons.Of(node.Branch))
            {
                projectReasons.Add(project.RelativePath, reason.Then(Cause.Project(project.RelativePath)));
            }

            foreach (var file in changedFiles)
            {
                var folder = Folder(file);
                if (BuildFiles.Contains(FileName(file), StringComparer.OrdinalIgnoreCase) && Under(project.Directory, folder))
                {
                    if (central.TryGetValue(file, out var versions))
                    {
                        CentralPackageReasons(project, node, file, versions, projectReasons);
                    }
                    else
                    {
                        projectReasons.Add(project.RelativePath, new AffectedReason(Cause.File(file, $"build file above {project.RelativePath}"), Cause.Project(project.RelativePath)));
                    }
                }
                else if (project.Directory != "." && Under(file, project.Directory))
                {
                    projectReasons.Add(project.RelativePath, new AffectedReason(Cause.File(file, $"in the folder of {project.RelativePath}"), Cause.Project(project.RelativePath)));
                }
            }
        }

        // A project file that was deleted or renamed away: the projects that still reference it are affected.
        foreach (var file in changedFiles.Where(f => ProjectGraph.IsProjectFile(f) && !byPath.ContainsKey(f)))
        {
            foreach (var project in projects.Where(p => p.References.Contains(file, StringComparer.Ordinal)))
            {
                projectReasons.Add(project.RelativePath, new AffectedReason(Cause.File(file, "removed"), Cause.ReferencedBy(project.RelativePath)));
            }
        }

        // Scope projects that every member references are references too (the SDK injects them into the projects on
        // Spicetime.Sdk that are not scope projects of their node themselves, as ProjectInjection does).
        var references = projects.ToDictionary(
            p => p.RelativePath,
            p => (IReadOnlyList<string>)p.References
                .Concat(InjectedReferences(p, nodeOf[p.RelativePath]))
                .Where(byPath.ContainsKey)
                .Distinct(StringComparer.Ordinal)
                .ToList(),
            StringComparer.Ordinal);
        var referencedBy = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (project, referenced) in references)
        {
            foreach (var reference in referenced)
            {
                (referencedBy.TryGetValue(reference, out var list) ? list : referencedBy[reference] = new List<string>()).Add(project);
            }
        }

        var queue = new Queue<string>(projectReasons.Keys);
        while (queue.Count > 0)
        {
            var project = queue.Dequeue();
            if (!referencedBy.TryGetValue(project, out var dependents))
            {
                continue;
            }

            var cause = projectReasons.Of(project)[0];
            foreach (var dependent in dependents)
            {
                var known = projectReasons.Has(dependent);
                projectReasons.Add(dependent, cause.Then(Cause.ReferencedBy(dependent)));
                if (!known)
                {
                    queue.Enqueue(dependent);
                }
            }
        }

        // Branches: nodes whose own state changed or that own a changed file.
        foreach (var file in changedFiles)
        {
            var owner = nodes.ByPath(Folder(file));
            if (owner is not null)
            {
                nodeReasons.Add(owner.Branch, new AffectedReason(Cause.File(file, $"under {owner.Definition.Path?.Value}"), Cause.Node(owner.Branch)));
            }
        }

        var reported = projectReasons.Keys.Where(p => reportOnly is null || reportOnly.Contains(p)).ToList();
        return new AffectedResult(
            reported.Select(p => new AffectedItem(p, nodeOf[p].Branch, projectReasons.Of(p))).ToList(),
            nodeReasons.Keys.Select(n => new AffectedItem(n, n, nodeReasons.Of(n))).ToList(),
            Required(reported, references, projectReasons, nodeOf));
    }

    /// <summary>The first link of a tree.json reason: the entry that changed, or why every node counts as changed.</summary>
    private static Cause TreeFileCause(ResolvedTree? before, ChangeSet changes, string branch, StateChange difference)
    {
        if (before is null)
        {
            return Cause.File(TreeFileLocator.FileName, changes.ReadBefore is null
                ? "changed, and there is no base revision to compare with, so every node counts as changed"
                : "added");
        }

        return difference.What == NodeStateDiff.NewNode
            ? new Cause(CauseKind.File, TreeFileLocator.FileName, $"new node {branch}", difference.ToEntryChange())
            : Cause.File(TreeFileLocator.FileName, difference.ToEntryChange());
    }

    /// <summary>The references the SDK injects: only projects on Spicetime.Sdk get them, by ProjectInjection's rule.</summary>
    private static IEnumerable<string> InjectedReferences(ProjectInfo project, ResolvedNode node) =>
        project.UsesSpicetimeSdk
            ? ProjectInjection.ScopeProjectsFor(node, s => s.Key == project.RelativePath).Select(s => s.Key)
            : Array.Empty<string>();

    /// <summary>A Directory.Packages.props above the project changed: only the packages it uses matter.</summary>
    private static void CentralPackageReasons(ProjectInfo project, ResolvedNode node, string file, CentralPackageChanges changes, Reasons reasons)
    {
        if (changes.Everything is not null)
        {
            reasons.Add(project.RelativePath, new AffectedReason(Cause.File(file, changes.Everything), Cause.Project(project.RelativePath)));
            return;
        }

        foreach (var change in changes.Versions)
        {
            var uses = project.Packages.Where(p => p.Id.Equals(change.Id, StringComparison.OrdinalIgnoreCase)).ToList();

            // The tree's version wins over Directory.Packages.props (the SDK writes its own PackageVersion), and a
            // VersionOverride wins over both: either way the central version is not used.
            if (uses.Count > 0 && !uses.Any(u => u.HasVersionOverride) && node.Find(Model.EntryKind.Package, change.Id) is null)
            {
                reasons.Add(project.RelativePath, new AffectedReason(Cause.File(file, change.ToEntryChange()), Cause.Project(project.RelativePath, $"uses {uses[0].Id}")));
            }
        }
    }

    /// <summary>Projects that affected projects reference (transitively) and that are not affected themselves.</summary>
    private static IReadOnlyList<AffectedItem> Required(IReadOnlyList<string> affected, Dictionary<string, IReadOnlyList<string>> references, Reasons projectReasons, Dictionary<string, ResolvedNode> nodeOf)
    {
        var required = new SortedDictionary<string, AffectedReason>(StringComparer.Ordinal);
        var pending = new Stack<string>(affected);
        while (pending.Count > 0)
        {
            var project = pending.Pop();
            foreach (var reference in references[project])
            {
                if (!projectReasons.Has(reference) && !required.ContainsKey(reference))
                {
                    required[reference] = new AffectedReason(Cause.ReferencedBy(project));
                    pending.Push(reference);
                }
            }
        }

        return required.Select(r => new AffectedItem(r.Key, nodeOf[r.Key].Branch, new[] { r.Value })).ToList();
    }

    private static IReadOnlyList<string> Match(string glob, IReadOnlyList<string> files)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(glob);
        return files.Where(f => matcher.Match(f).HasMatches).ToList();
    }

    private static string FileName(string path) => path.Contains('/') ? path[(path.LastIndexOf('/') + 1)..] : path;

    private static string Folder(string path) => path.Contains('/') ? path[..path.LastIndexOf('/')] : ".";

    private static bool Under(string path, string folder) =>
        folder == "." || path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal);

    /// <summary>Reasons per name, in the order found, without repeats; names sorted.</summary>
    private sealed class Reasons
    {
        private readonly SortedDictionary<string, List<AffectedReason>> _reasons = new(StringComparer.Ordinal);

        public IEnumerable<string> Keys => _reasons.Keys;

        public bool Has(string name) => _reasons.ContainsKey(name);

        public IReadOnlyList<AffectedReason> Of(string name) => _reasons.TryGetValue(name, out var list) ? list : Array.Empty<AffectedReason>();

        public void Add(string name, AffectedReason reason)
        {
            if (!_reasons.TryGetValue(name, out var list))
            {
                _reasons[name] = list = new List<AffectedReason>();
            }

            if (!list.Contains(reason))
            {
                list.Add(reason);
            }
        }
    }
}
