using System.CommandLine;
using Spicetime.Cli.Output;
using Spicetime.Tree.Locking;

namespace Spicetime.Cli.Commands;

/// <summary>
/// <c>spicetime outdated [--format text|json]</c>: each manual node whose parent has moved on since its last sync, entry
/// by entry (old → new, and the upstream node that changed it). Exit 0 either way: being behind is a manual node's choice.
/// </summary>
public static class OutdatedCommand
{
    public static Command Create(CliContext context, Option<string?> treeOption)
    {
        var format = FormatOption.Create("text", "json");
        var command = new Command("outdated", "List what each manual node's parent changed since the node last synced") { format };
        command.SetAction(parse =>
        {
            var tree = context.LoadTree(parse.GetValue(treeOption), out _);
            if (tree is null)
            {
                return ExitCodes.Failed;
            }

            var changes = LockDrift.Outdated(tree);
            var manual = tree.Nodes.Where(n => n.InheritsFromLock).Select(n => n.Branch).ToList();
            if (parse.GetValue(format) == "json")
            {
                OutdatedWriter.Json(context.Output, manual, changes);
            }
            else
            {
                OutdatedWriter.Text(context.Output, tree, manual, changes);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
