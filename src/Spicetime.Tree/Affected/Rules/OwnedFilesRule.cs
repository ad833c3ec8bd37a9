using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>A branch is affected when a changed file lies under its node's <c>path</c> (reported for the branch only: its projects have their own reasons).</summary>
public sealed class OwnedFilesRule : IAfterReferencesRule
{
    public void Apply(AffectedContext context)
    {
        if (context.Nodes is null)
        {
            return;
        }

        foreach (var file in context.Changes.Files)
        {
            if (context.Nodes.ByPath(RepositoryPath.FolderOf(file)) is { } owner)
            {
                context.AffectNode(owner.Branch, Cause.File(file, $"under {owner.Definition.Path?.Value}"), Cause.Node(owner.Branch));
            }
        }
    }
}
