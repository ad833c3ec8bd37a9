using System.CommandLine;
using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Cli.Commands;

/// <summary><c>spicetime why NAME --branch B</c>: the chain of nodes and scopes that set and overrode a package, property or contract.</summary>
public static class WhyCommand
{
    private static readonly EntryKind[] Searched = { EntryKind.Package, EntryKind.Property, EntryKind.Contract };

    public static Command Create(CliContext context, Option<string?> treeOption)
    {
        var name = new Argument<string>("name") { Description = "A package id, MSBuild property or contract name; or 'version' for how the node's version is made" };
        var branch = new Option<string>("--branch", "-b") { Description = "The node to explain", Required = true };
        var command = new Command("why", "Explain which nodes and scopes set and overrode a package or property for a node")
        {
            name,
            branch,
        };
        command.SetAction(parse =>
        {
            if (!context.TryLoadNode(parse.GetValue(treeOption), parse.GetValue(branch)!, out var tree, out var node))
            {
                return ExitCodes.Failed;
            }

            var key = parse.GetValue(name)!;
            var found = Searched.Select(kind => node.Find(kind, key)).Where(e => e is not null).ToList();
            if (found.Count == 0 && string.Equals(key, "version", StringComparison.OrdinalIgnoreCase))
            {
                // The version a node packs as: how its line and build numbers make it.
                context.Output.WriteLine($"{node.Branch}: version {node.VersionPattern}");
                foreach (var (text, position) in Spicetime.Tree.Versioning.VersionExplainer.Explain(tree, node))
                {
                    context.Output.WriteLine($"  {text}{(position.IsKnown ? $"  (tree.json{position})" : string.Empty)}");
                }

                return ExitCodes.Success;
            }

            if (found.Count == 0)
            {
                context.Error.WriteLine(
                    $"spicetime: {node.Branch} has no package, property or contract named '{key}' (its scopes: {string.Join(", ", node.ScopeNames)}).");
                return ExitCodes.Failed;
            }

            foreach (var entry in found)
            {
                var what = entry!.Kind switch
                {
                    EntryKind.Package => "package",
                    EntryKind.Property => "property",
                    _ => "contract",
                };
                context.Output.WriteLine($"{node.Branch}: {what} {entry.Key} = {entry.Value}");
                foreach (var step in EntryExplainer.Explain(node, entry))
                {
                    var where = step.Position.IsKnown ? $"  (tree.json{step.Position})" : string.Empty;
                    context.Output.WriteLine($"  {step.Text}{where}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
