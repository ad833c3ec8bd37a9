namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// tree.json or tree.lock.json changed: a node is affected when its own resolved state changed (a fork that overrides
/// the entry that changed upstream holds the same value, so it is not; nor is a manual node, which builds on what the
/// lock recorded, until its recorded state changes).
/// </summary>
public sealed class TreeStateRule : INodeRule
{
    public void Apply(AffectedContext context)
    {
        var treeChanged = context.Changes.Files.Contains(TreeFileLocator.FileName, StringComparer.Ordinal);
        if (context.After is null || !(treeChanged || context.Changes.Files.Contains(Locking.TreeLock.FileName, StringComparer.Ordinal)))
        {
            return;
        }

        foreach (var change in NodeStateDiff.Compare(context.Before, context.After))
        {
            foreach (var difference in change.Changes)
            {
                var file = treeChanged && !context.After.Find(change.Branch)!.InheritsFromLock ? TreeFileLocator.FileName : Locking.TreeLock.FileName;
                context.AffectNode(change.Branch, FirstLink(context, file, change.Branch, difference), Cause.Node(change.Branch));
            }
        }
    }

    /// <summary>The entry that changed, or why every node counts as changed.</summary>
    private static Cause FirstLink(AffectedContext context, string file, string branch, EntryChange difference)
    {
        if (context.Before is null)
        {
            return Cause.File(file, context.Changes.ReadBefore is null
                ? "changed, and there is no base revision to compare with, so every node counts as changed"
                : "added");
        }

        return difference.Entry == NodeStateDiff.NewNode
            ? new Cause(CauseKind.File, file, $"new node {branch}", difference)
            : Cause.File(file, difference);
    }
}
