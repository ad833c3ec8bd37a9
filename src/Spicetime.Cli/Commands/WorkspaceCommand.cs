using Spicetime.Tree.Projects;
using System.CommandLine;
using Spicetime.Cli.Solutions;
using Spicetime.Tree.Affected;
using Spicetime.Tree.Build;
using Spicetime.Tree.Resolution;
using Spicetime.Tree.Workspace;

namespace Spicetime.Cli.Commands;

/// <summary>
/// <c>spicetime workspace --branch B [--solution S] [--output F]</c>: a solution filter (.slnf) with one fork's projects
/// and what they reference, for IDEs and <c>dotnet build</c>.
/// </summary>
public static class WorkspaceCommand
{
    public static Command Create(CliContext context, Option<string?> treeOption)
    {
        var branch = new Option<string>("--branch", "-b") { Description = "The fork whose projects to open", Required = true };
        var solution = new Option<string?>("--solution") { Description = "The solution to filter (default: the one .sln/.slnx next to tree.json)" };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the filter (default: {branch label}.slnf next to the solution; - for stdout)" };
        var command = new Command("workspace", "Write a solution filter (.slnf) with one fork's projects and the projects they reference")
        {
            branch, solution, output,
        };
        command.SetAction(parse =>
        {
            if (!context.TryLoadNode(parse.GetValue(treeOption), parse.GetValue(branch)!, out var tree, out var node))
            {
                return ExitCodes.Failed;
            }

            var treeDirectory = tree.Manifest.Directory;
            var solutionPath = parse.GetValue(solution) is { } named ? Path.GetFullPath(named, context.WorkingDirectory) : SolutionReader.FindSingle(treeDirectory);
            if (solutionPath is null)
            {
                context.Error.WriteLine($"spicetime: error: workspace needs --solution PATH: {context.DisplayPath(treeDirectory)} has no single .sln or .slnx");
                return ExitCodes.Usage;
            }

            var inSolution = SolutionReader.Projects(solutionPath, out var error);
            if (inSolution is null)
            {
                context.Error.WriteLine($"spicetime: error: {error}");
                return ExitCodes.Usage;
            }

            return Write(context, tree, node, solutionPath, inSolution, parse.GetValue(output));
        });
        return command;
    }

    private static int Write(CliContext context, ResolvedTree tree, ResolvedNode node, string solutionPath, IReadOnlyList<string> inSolution, string? output)
    {
        var treeDirectory = tree.Manifest.Directory;
        var members = inSolution.ToHashSet(StringComparer.Ordinal);
        var chosen = ForkWorkspace.Projects(tree, node, ProjectScanner.Discover(treeDirectory))
            .Select(p => (Project: p, FullPath: Path.GetFullPath(Path.Combine(treeDirectory, p.Path))))
            .ToList();
        foreach (var missing in chosen.Where(c => !members.Contains(c.FullPath)))
        {
            context.Error.WriteLine($"spicetime: warning: {missing.Project.Path} ({missing.Project.Reason}) is not in {Path.GetFileName(solutionPath)}, so the filter cannot include it; add it to the solution");
        }

        var included = chosen.Where(c => members.Contains(c.FullPath)).ToList();
        var target = output is null
            ? Path.Combine(Path.GetDirectoryName(solutionPath)!, Tree.Versioning.ForkVersions.Label(node.Branch) + ".slnf")
            : output == "-" ? null : Path.GetFullPath(output, context.WorkingDirectory);
        var filter = SolutionFilterWriter.Write(solutionPath, target is null ? Path.GetDirectoryName(solutionPath)! : Path.GetDirectoryName(target)!,
            included.Select(c => c.FullPath));
        if (target is null)
        {
            context.Output.WriteLine(filter);
            return ExitCodes.Success;
        }

        var changed = GeneratedFile.WriteIfChanged(target, filter + "\n");
        context.Output.WriteLine($"{(changed ? "Wrote" : "Unchanged:")} {context.DisplayPath(target)}: {included.Count} project(s) of {node.Branch}");
        foreach (var (project, _) in included)
        {
            context.Output.WriteLine($"  {project.Path} ({project.Reason})");
        }

        return ExitCodes.Success;
    }
}
