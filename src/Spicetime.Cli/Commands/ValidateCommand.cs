using System.CommandLine;

namespace Spicetime.Cli.Commands;

/// <summary><c>spicetime validate</c>: load and resolve tree.json, report every problem.</summary>
public static class ValidateCommand
{
    public static Command Create(CliContext context, Option<string?> treeOption)
    {
        var command = new Command("validate", "Check tree.json: report every error and warning with its line and column");
        command.SetAction(parse =>
        {
            var tree = context.LoadTree(parse.GetValue(treeOption), out var result);
            if (tree is null)
            {
                var errors = result?.Diagnostics.Count(d => d.IsError) ?? 1;
                context.Error.WriteLine($"tree.json is not valid: {errors} error(s).");
                return ExitCodes.Failed;
            }

            var warnings = result!.Diagnostics.Count;
            context.Output.WriteLine(
                $"{context.DisplayPath(tree.Manifest.FilePath)} is valid: {tree.Nodes.Count} node(s), {tree.Manifest.Scopes.Count} scope definition(s), {warnings} warning(s).");
            return ExitCodes.Success;
        });
        return command;
    }
}
