using Spicetime.Tree.Mapping;
using Spicetime.Tree.Projects;
using Spicetime.Tree.Affected;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Workspace;

/// <summary>A project in a fork's workspace and why it is there.</summary>
public sealed record WorkspaceProject(string Path, string Reason);

/// <summary>
/// The projects a developer of one fork opens: the projects that map to the node (by path, or by branch for a fork
/// without a path), the scope projects the node gets, and everything those reference, transitively (the projects
/// needed to build them).
/// </summary>
public static class ForkWorkspace
{
    public static IReadOnlyList<WorkspaceProject> Projects(ResolvedTree tree, ResolvedNode node, IReadOnlyList<ProjectInfo> projects)
    {
        var graph = new ProjectGraph(projects);
        var chosen = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Take(string project, string reason)
        {
            if (graph.Contains(project))
            {
                chosen.TryAdd(project, reason);
            }
        }

        // A fork with a path owns the projects under it; a fork without one (a branch of its own) owns what a checkout
        // of its branch maps to it. Either way by the SDK's rule, so a SpicetimeBranch a project names counts too.
        var nodes = ProjectNodes.AsIfOn(tree, node.Definition.Path is null ? node.Branch : null);
        foreach (var project in projects)
        {
            if (nodes.Of(project) == node)
            {
                Take(project.RelativePath, node.Definition.Path is { } path ? $"under {path.Value}" : $"maps to {node.Branch}");
            }
        }

        foreach (var scopeProject in node.Projects)
        {
            Take(scopeProject.Key, $"project of scope '{scopeProject.Source.Scope}'");
        }

        foreach (var (reference, by) in graph.Dependencies(chosen.Keys.ToList()))
        {
            Take(reference, $"referenced by {by}");
        }

        return chosen.Select(c => new WorkspaceProject(c.Key, c.Value)).ToList();
    }
}
