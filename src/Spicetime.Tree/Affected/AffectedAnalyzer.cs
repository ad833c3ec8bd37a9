using Microsoft.Extensions.FileSystemGlobbing;
using Spicetime.Tree.Build;
using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Affected;

/// <summary>An affected project or branch and why: each reason is a causal chain from the changed file to it.</summary>
public sealed record AffectedItem(string Name, string? Branch, IReadOnlyList<string> Reasons);

/// <summary>What a change affects: projects (relative paths, sorted) and branches (nodes whose own state changed or that own a changed file).</summary>
public sealed record AffectedResult(IReadOnlyList<AffectedItem> Projects, IReadOnlyList<AffectedItem> Branches);

/// <summary>
/// Computes what a change affects (SPEC "Selective builds"): tree.json compared node by node; files under a scope's
/// paths or contracts affect the nodes that have the scope; a file in a project's folder affects the project; a project
/// is affected when its node is, or when it references an affected project, transitively; repository-wide build files
/// affect every project under them.
/// </summary>
public static class AffectedAnalyzer
{
    private static readonly string[] BuildFiles =
        { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config" };

    /// <param name="changedFiles">Changed files relative to the tree's folder, with '/' separators.</param>
    public static AffectedResult Analyze(ResolvedTree? before, ResolvedTree after, IReadOnlyList<string> changedFiles, IReadOnlyList<ProjectInfo> projects)
    {
        var nodeReasons = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        void NodeReason(string branch, string reason) =>
            (nodeReasons.TryGetValue(branch, out var list) ? list : nodeReasons[branch] = new List<string>()).Add(reason);

        // 1. tree.json: each node's own resolved state, before and after.
        if (changedFiles.Contains(TreeFileLocator.FileName, StringComparer.Ordinal))
        {
            foreach (var change in NodeStateDiff.Compare(before, after))
            {
                foreach (var difference in change.Changes)
                {
                    NodeReason(change.Branch, $"tree.json: {difference.Describe()} -> node {change.Branch}");
                }
            }
        }

        // 2. Files a scope owns (paths globs, contract files) affect the nodes that have the scope.
        foreach (var node in after.Nodes)
        {
            foreach (var file in changedFiles)
            {
                foreach (var path in node.Paths.Where(p => Matches(p.Key, file)))
                {
                    NodeReason(node.Branch, $"{file}: matches {path.Key} of scope '{path.Source.Scope}' -> node {node.Branch}");
                }

                foreach (var contract in node.Contracts.Where(c => c.Value == file))
                {
                    NodeReason(node.Branch, $"{file}: contract '{contract.Key}' of scope '{contract.Source.Scope}' -> node {node.Branch}");
                }
            }
        }

        // 3. Projects: their node, their folder, build files above them; then referencing projects, transitively.
        var byPath = projects.ToDictionary(p => p.RelativePath, StringComparer.Ordinal);
        var projectReasons = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var projectBranch = new Dictionary<string, string>(StringComparer.Ordinal);
        void ProjectReason(string project, string reason) =>
            (projectReasons.TryGetValue(project, out var list) ? list : projectReasons[project] = new List<string>()).Add(reason);

        foreach (var project in projects)
        {
            var node = ProjectNodeMapper.FindByPath(after, Path.Combine(after.Manifest.Directory, project.Directory)) ?? after.Root;
            projectBranch[project.RelativePath] = node.Branch;
            if (nodeReasons.TryGetValue(node.Branch, out var reasons))
            {
                foreach (var reason in reasons)
                {
                    ProjectReason(project.RelativePath, $"{reason} -> project {project.RelativePath}");
                }
            }

            foreach (var file in changedFiles)
            {
                var name = file.Contains('/') ? file[(file.LastIndexOf('/') + 1)..] : file;
                var folder = file.Contains('/') ? file[..file.LastIndexOf('/')] : ".";
                if (BuildFiles.Contains(name, StringComparer.OrdinalIgnoreCase) && Under(project.Directory, folder))
                {
                    ProjectReason(project.RelativePath, $"{file}: build file above {project.RelativePath} -> project {project.RelativePath}");
                }
                else if (Under(file, project.Directory) && project.Directory != ".")
                {
                    ProjectReason(project.RelativePath, $"{file}: in the folder of {project.RelativePath} -> project {project.RelativePath}");
                }
            }
        }

        // Scope projects every member references are references too (the SDK injects them).
        var referencedBy = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var node = after.Find(projectBranch[project.RelativePath])!;
            var injected = node.Projects.Select(p => p.Key).Where(p => p != project.RelativePath);
            foreach (var reference in project.References.Concat(injected).Distinct(StringComparer.Ordinal))
            {
                (referencedBy.TryGetValue(reference, out var list) ? list : referencedBy[reference] = new List<string>()).Add(project.RelativePath);
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

            var cause = projectReasons[project][0];
            foreach (var dependent in dependents.Where(byPath.ContainsKey))
            {
                var reason = $"{cause} -> referenced by {dependent}";
                if (!projectReasons.ContainsKey(dependent))
                {
                    ProjectReason(dependent, reason);
                    queue.Enqueue(dependent);
                }
                else if (!projectReasons[dependent].Contains(reason))
                {
                    ProjectReason(dependent, reason);
                }
            }
        }

        // Branches: nodes whose own state changed or that own a changed file.
        foreach (var file in changedFiles)
        {
            var owner = ProjectNodeMapper.FindByPath(after, Path.Combine(after.Manifest.Directory, Path.GetDirectoryName(file) ?? "."));
            if (owner is not null)
            {
                NodeReason(owner.Branch, $"{file}: under {owner.Definition.Path?.Value} -> node {owner.Branch}");
            }
        }

        return new AffectedResult(
            projectReasons.Select(p => new AffectedItem(p.Key, projectBranch[p.Key], p.Value)).ToList(),
            nodeReasons.Select(n => new AffectedItem(n.Key, n.Key, n.Value)).ToList());
    }

    private static bool Matches(string glob, string file)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(glob);
        return matcher.Match(file).HasMatches;
    }

    private static bool Under(string path, string folder) =>
        folder == "." || path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal);
}
