using System.CommandLine;
using Spicetime.Tree;
using Spicetime.Tree.Locking;

namespace Spicetime.Cli.Commands;

/// <summary>
/// <c>spicetime sync [--check] [--branch B]...</c>: writes tree.lock.json (every node's resolved state, what manual nodes
/// build on), or with --check says exactly what drifted and exits 1; --branch takes the parent's current state for a
/// manual node and the manual nodes below it.
/// </summary>
public static class SyncCommand
{
    public static Command Create(CliContext context, Option<string?> treeOption)
    {
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 and name every difference when tree.lock.json is out of date (for CI)" };
        var branches = new Option<string[]>("--branch", "-b")
        {
            Description = "Take the parent's current state for this manual node (and the manual nodes below it); repeatable",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("sync", "Write tree.lock.json, or check that it is up to date") { check, branches };
        command.SetAction(parse =>
        {
            var treePath = parse.GetValue(treeOption) is { } given ? Path.GetFullPath(given, context.WorkingDirectory) : TreeFileLocator.Find(context.WorkingDirectory);
            if (treePath is null)
            {
                context.LoadTree(null, out _); // reports SPT0001
                return ExitCodes.Failed;
            }

            var isCheck = parse.GetValue(check);
            var result = TreeLockSync.Run(treePath, parse.GetValue(branches) ?? Array.Empty<string>(), isCheck);
            foreach (var diagnostic in result.Diagnostics)
            {
                context.Report(diagnostic);
            }

            var lockName = context.DisplayPath(result.LockFile);
            if (!result.Succeeded)
            {
                context.Error.WriteLine(isCheck ? $"{lockName} is out of date: {result.Drift.Count} difference(s)." : $"{lockName} was not written.");
                return ExitCodes.Failed;
            }

            if (isCheck)
            {
                context.Output.WriteLine($"{lockName} is up to date ({result.Lock!.Nodes.Count} node(s)).");
                return ExitCodes.Success;
            }

            if (!result.Written)
            {
                context.Output.WriteLine($"{lockName} is up to date ({result.Lock!.Nodes.Count} node(s)).");
                return ExitCodes.Success;
            }

            context.Output.WriteLine($"Wrote {lockName} ({result.Lock!.Nodes.Count} node(s)).");
            foreach (var change in result.Drift)
            {
                context.Output.WriteLine($"  {change.Describe()}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
