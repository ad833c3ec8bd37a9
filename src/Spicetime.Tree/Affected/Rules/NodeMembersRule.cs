namespace Spicetime.Tree.Affected.Rules;

/// <summary>A project is affected when its node is: every reason of the node, one link longer.</summary>
public sealed class NodeMembersRule : IProjectRule
{
    public void Apply(AffectedContext context, ProjectFiles files)
    {
        var project = files.Project;
        var path = project.RelativePath;
        if (context.NodeOf(path) is { } node)
        {
            foreach (var reason in context.NodeReasons.Of(node.Branch))
            {
                context.ProjectReasons.Add(path, reason.Then(Cause.Project(path)));
            }
        }
    }
}
