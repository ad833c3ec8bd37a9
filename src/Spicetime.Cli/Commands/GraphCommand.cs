using System.CommandLine;
using Spicetime.Cli.Output;

namespace Spicetime.Cli.Commands;

/// <summary><c>spicetime graph --format mermaid|dot</c>: the tree of forks with what each edge passes down.</summary>
public static class GraphCommand
{
    public static Command Create(CliContext context, Option<string?> treeOption)
    {
        var format = FormatOption.Create("mermaid", "dot");
        var command = new Command("graph", "Draw the tree of forks (Mermaid or Graphviz dot); edges name the inherited scopes") { format };
        command.SetAction(parse =>
        {
            var tree = context.LoadTree(parse.GetValue(treeOption), out _);
            if (tree is null)
            {
                return ExitCodes.Failed;
            }

            if (parse.GetValue(format) == "dot")
            {
                GraphWriter.WriteDot(context.Output, tree);
            }
            else
            {
                GraphWriter.WriteMermaid(context.Output, tree);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
