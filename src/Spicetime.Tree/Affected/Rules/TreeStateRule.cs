namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// tree.json changed: a node is affected when its own resolved state changed (a fork that overrides the entry that
/// changed upstream holds the same value, so it is not).
/// </summary>
public sealed class TreeStateRule : IAffectedRule
{
    public void Apply(AffectedContext context)
    {
        if (context.After is null || !context.Changes.Files.Contains(TreeFileLocator.FileName, StringComparer.Ordinal))
        {
            return;
        }

        foreach (var change in NodeStateDiff.Compare(context.Before, context.After))
        {
            foreach (var difference in change.Changes)
            {
                context.AffectNode(change.Branch, FirstLink(context, change.Branch, difference), Cause.Node(change.Branch));
            }
        }
    }

    /// <summary>The entry that changed, or why every node counts as changed.</summary>
    private static Cause FirstLink(AffectedContext context, string branch, EntryChange difference)
    {
        if (context.Before is null)
        {
            return Cause.File(TreeFileLocator.FileName, context.Changes.ReadBefore is null
                ? "changed, and there is no base revision to compare with, so every node counts as changed"
                : "added");
        }

        return difference.Entry == NodeStateDiff.NewNode
            ? new Cause(CauseKind.File, TreeFileLocator.FileName, $"new node {branch}", difference)
            : Cause.File(TreeFileLocator.FileName, difference);
    }
}
