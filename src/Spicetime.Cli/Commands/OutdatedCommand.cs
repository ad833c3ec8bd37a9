using System.CommandLine;
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
                WriteJson(context, manual, changes);
                return ExitCodes.Success;
            }

            if (manual.Count == 0)
            {
                context.Output.WriteLine("No node takes upstream changes manually (none has \"updates\": \"manual\" and a synced state).");
                return ExitCodes.Success;
            }

            foreach (var branch in manual)
            {
                var mine = changes.Where(c => c.Node == branch).ToList();
                var parent = tree.Find(branch)!.Parent!.Branch;
                context.Output.WriteLine(mine.Count == 0
                    ? $"{branch}: up to date with {parent}"
                    : $"{branch}: {mine.Count} change(s) in {parent} since the last sync (take them: spicetime sync --branch {branch})");
                foreach (var change in mine)
                {
                    context.Output.WriteLine($"  {change.Entry}: {change.Old ?? "(none)"} → {change.New ?? "(none)"}{(change.ChangedBy is null ? string.Empty : $", changed by {change.ChangedBy}")}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteJson(CliContext context, IReadOnlyList<string> manual, IReadOnlyList<LockChange> changes) =>
        context.Output.WriteLine(Output.JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("nodes");
            foreach (var branch in manual)
            {
                json.WriteStartObject();
                json.WriteString("branch", branch);
                json.WriteStartArray("changes");
                foreach (var change in changes.Where(c => c.Node == branch))
                {
                    json.WriteStartObject();
                    json.WriteString("entry", change.Entry);
                    json.WriteString("old", change.Old);
                    json.WriteString("new", change.New);
                    json.WriteString("changedBy", change.ChangedBy);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }));
}
