using System.CommandLine;
using Spicetime.Cli.Output;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Graph;
using Spicetime.Tree.Json;
using Spicetime.Tree.Resolution;

namespace Spicetime.Cli.Commands;

/// <summary><c>spicetime show [--branch B] [--format text|json]</c>: what a node (or every node) gets, with provenance.</summary>
public static class ShowCommand
{
    public static Command Create(CliContext context, Option<string?> treeOption)
    {
        var branch = new Option<string?>("--branch", "-b") { Description = "Show only this node (default: the whole tree)" };
        var format = FormatOption.Create("text", "json");
        var command = new Command("show", "Show each node's effective scopes, packages, properties, projects, contracts and version, with provenance")
        {
            branch,
            format,
        };
        command.SetAction(parse =>
        {
            var tree = context.LoadTree(parse.GetValue(treeOption), out _);
            if (tree is null)
            {
                return ExitCodes.Failed;
            }

            IReadOnlyList<ResolvedNode> nodes = tree.Nodes;
            if (parse.GetValue(branch) is { } name)
            {
                var node = context.FindNode(tree, name);
                if (node is null)
                {
                    return ExitCodes.Failed;
                }

                nodes = new[] { node };
            }

            // The version each node packs as at the checked-out commit (git opened and heights read once for the whole tree).
            var versions = context.Build.Versions(tree);
            string? PacksAs(ResolvedNode node)
            {
                var version = versions(node, new DiagnosticBag(tree.Manifest.FilePath));
                return version is null ? null : version.SetsVersion ? version.Text : "$(Version)";
            }

            if (parse.GetValue(format) == "json")
            {
                context.Output.WriteLine(JsonText.Write(json => TreeJson.Write(json, context.DisplayPath(tree.Manifest.FilePath), nodes, PacksAs)));
            }
            else
            {
                TextTreeWriter.Write(context.Output, nodes, PacksAs);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
