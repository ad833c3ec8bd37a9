using System.CommandLine;
using Spicetime.Cli.Output;
using Spicetime.Tree.Affected;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Graph;
using Spicetime.Tree.Paths;

namespace Spicetime.Cli.Commands;

/// <summary>
/// <c>spicetime graph --format mermaid|dot|html</c>: the tree of forks with what each edge passes down; <c>html</c>
/// writes one self-contained page to explore forks, projects, provenance and (with <c>--base</c>) what a change affects.
/// </summary>
public static class GraphCommand
{
    public const string DefaultPage = "spicetime-graph.html";

    public static Command Create(CliContext context, Option<string?> treeOption)
    {
        var format = FormatOption.Create("mermaid", "dot", "html");
        var output = new Option<string?>("--output", "-o") { Description = $"With html: the page to write (default: {DefaultPage}; '-': standard output)" };
        var baseRef = new Option<string?>("--base") { Description = "With html: overlay what changed since this revision affects (spicetime affected --base REF)" };
        var files = new Option<string[]>("--files") { Description = "With html: overlay what these changed files affect (relative to the current folder), instead of asking git", AllowMultipleArgumentsPerToken = true };
        var noCache = new Option<bool>("--no-cache") { Description = "With html: evaluate every project file, without the repository's cache of evaluated projects (.git/spicetime)" };
        var command = new Command("graph", "Draw the tree of forks (Mermaid, Graphviz dot, or a self-contained HTML page of forks, projects, provenance and what a change affects)")
        {
            format, output, baseRef, files, noCache,
        };
        command.SetAction(parse =>
        {
            var formatName = parse.GetValue(format);
            var changed = parse.GetValue(files) is { Length: > 0 } given ? given : null;
            if (formatName != "html" && (parse.GetValue(output) is not null || parse.GetValue(baseRef) is not null || changed is not null || parse.GetValue(noCache)))
            {
                context.Error.WriteLine("spicetime: error: --output, --base, --files and --no-cache go with --format html");
                return ExitCodes.Usage;
            }

            var tree = context.LoadTree(parse.GetValue(treeOption), out var loaded);
            if (tree is null)
            {
                return ExitCodes.Failed;
            }

            switch (formatName)
            {
                case "dot":
                    GraphWriter.WriteDot(context.Output, tree);
                    return ExitCodes.Success;
                case "html":
                    return WritePage(context, tree, loaded!.Diagnostics, parse.GetValue(output), parse.GetValue(baseRef), changed, !parse.GetValue(noCache));
                default:
                    GraphWriter.WriteMermaid(context.Output, tree);
                    return ExitCodes.Success;
            }
        });
        return command;
    }

    private static int WritePage(CliContext context, Tree.Resolution.ResolvedTree tree, IReadOnlyList<Diagnostic> diagnostics, string? output, string? @base, string[]? files,
        bool useFactsCache)
    {
        var versions = context.Build.Versions(tree);
        var answer = GraphPageData.Build(tree, new GraphPageRequest
        {
            TreeFile = context.DisplayPath(tree.Manifest.FilePath),
            Diagnostics = diagnostics,
            PacksAs = node => versions(node, new DiagnosticBag(tree.Manifest.FilePath)) is { } version
                ? version.SetsVersion ? version.Text : "$(Version)"
                : null,
            DisplayPath = context.DisplayPath,
            UseFactsCache = useFactsCache,
            Affected = @base is null && files is null ? null : new AffectedRequest
            {
                Base = @base,
                Files = files?.Select(f => RepositoryPath.Relative(tree.Manifest.Directory, Path.GetFullPath(f, context.WorkingDirectory))).ToList(),
                EnvironmentBranch = Environment.GetEnvironmentVariable("SpicetimeBranch"),
            },
        });
        if (!answer.Succeeded)
        {
            foreach (var diagnostic in answer.Affected!.Diagnostics)
            {
                context.Report(diagnostic);
            }

            foreach (var diagnostic in answer.Affected.BaseTreeDiagnostics)
            {
                context.Error.WriteLine($"  {diagnostic.Format($"tree.json@{@base}")}");
            }

            return ExitCodes.Failed;
        }

        foreach (var imprecision in answer.Affected?.Result?.Imprecisions ?? Array.Empty<Diagnostic>())
        {
            context.Report(imprecision); // SPT0403, as spicetime affected reports them
        }

        var title = $"Spicetime: {context.DisplayPath(tree.Manifest.FilePath)}";
        if (output == "-")
        {
            GraphPageWriter.Write(context.Output, title, answer.Json!);
            return ExitCodes.Success;
        }

        var path = Path.GetFullPath(output ?? DefaultPage, context.WorkingDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)))
        {
            GraphPageWriter.Write(file, title, answer.Json!);
        }

        var affected = answer.Affected?.Result is { } result ? $", {result.Projects.Count} projects affected by {Change(@base, files)}" : string.Empty;
        context.Output.WriteLine($"wrote {context.DisplayPath(path)} ({tree.Nodes.Count} forks{affected}); open it in a browser");
        return ExitCodes.Success;
    }

    /// <summary>How the page names the change: "the changes since REF", "a change of F".</summary>
    internal static string Change(string? @base, IReadOnlyList<string>? files) =>
        @base is not null ? $"the changes since {@base}" : files!.Count == 1 ? $"a change of {files[0]}" : $"changes of {files!.Count} files";
}
