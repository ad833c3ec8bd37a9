namespace Spicetime.Tree.Affected.Rules;

/// <summary>A project is affected when its node is: every reason of the node, one link longer.</summary>
public sealed class NodeMembersRule : IAffectedRule
{
    public void Apply(AffectedContext context)
    {
        foreach (var project in context.Graph.Projects)
        {
            if (context.NodeOf(project.RelativePath) is { } node)
            {
                foreach (var reason in context.NodeReasons.Of(node.Branch))
                {
                    context.ProjectReasons.Add(project.RelativePath, reason.Then(Cause.Project(project.RelativePath)));
                }
            }
        }
    }
}
