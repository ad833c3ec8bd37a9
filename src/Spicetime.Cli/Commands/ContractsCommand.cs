using System.CommandLine;
using Spicetime.Cli.Output;
using Spicetime.Tree.Contracts;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Cli.Commands;

/// <summary>
/// <c>spicetime contracts diff --branch B [--format text|json]</c>: every difference of B's contracts against its parent's,
/// level by level; exit 1 when a breaking change is neither accepted nor allowed (the check a build of B runs).
/// </summary>
public static class ContractsCommand
{
    public static Command Create(CliContext context, Option<string?> treeOption)
    {
        var branch = new Option<string>("--branch", "-b") { Description = "The fork whose contracts to compare with its parent's", Required = true };
        var format = FormatOption.Create("text", "json");
        var diff = new Command("diff", "List the differences of a fork's API contracts against its parent's: breaking, dangerous, safe") { branch, format };
        diff.SetAction(parse =>
        {
            if (!context.TryLoadNode(parse.GetValue(treeOption), parse.GetValue(branch)!, out var tree, out var node))
            {
                return ExitCodes.Failed;
            }

            if (node.Parent is null)
            {
                context.Error.WriteLine($"{node.Branch} is the root: it has no parent whose contracts it must keep.");
                return ExitCodes.Success;
            }

            var result = context.Build.CheckContracts(tree, node);
            foreach (var diagnostic in result.Diagnostics.Where(d => d.Code != DiagnosticCodes.ContractBroken.Code && d.Code != DiagnosticCodes.ContractDangerous.Code))
            {
                context.Report(diagnostic);
            }

            if (parse.GetValue(format) == "json")
            {
                ContractsWriter.Json(context.Output, result, node.Parent.Branch);
            }
            else
            {
                ContractsWriter.Text(context.Output, result, node.Parent.Branch);
            }

            return result.Failed ? ExitCodes.Failed : ExitCodes.Success;
        });
        return new Command("contracts", "API contracts shared through the tree") { diff };
    }
}
