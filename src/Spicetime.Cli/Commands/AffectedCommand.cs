using System.CommandLine;
using Spicetime.Cli.Git;
using Spicetime.Cli.Output;
using Spicetime.Tree;
using Spicetime.Tree.Affected;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Cli.Commands;

/// <summary><c>spicetime affected --base REF [--head REF] [--files PATH...]</c>: what a change affects, and why.</summary>
public static class AffectedCommand
{
    public static Command Create(CliContext context, Option<string?> treeOption)
    {
        var baseRef = new Option<string?>("--base") { Description = "Compare with this revision (the merge base of it and --head)" };
        var head = new Option<string>("--head") { Description = "The revision to compare (default: HEAD)", DefaultValueFactory = _ => "HEAD" };
        var files = new Option<string[]>("--files") { Description = "The changed files (relative to the current folder), instead of asking git", AllowMultipleArgumentsPerToken = true };
        var uncommitted = new Option<bool>("--include-uncommitted") { Description = "Add staged, unstaged and untracked changes" };
        var branches = new Option<bool>("--branches") { Description = "With github-matrix: one entry per affected branch" };
        var solution = new Option<string?>("--solution") { Description = "The solution an slnf filters" };
        var format = FormatOption.Create("text", "json", "github-matrix", "traversal", "slnf");
        var command = new Command("affected", "List the projects and branches a change affects, each with the chain of reasons")
        {
            baseRef, head, files, uncommitted, branches, solution, format,
        };
        command.SetAction(parse =>
        {
            var after = context.LoadTree(parse.GetValue(treeOption), out _);
            if (after is null)
            {
                return ExitCodes.Failed;
            }

            var treeDirectory = after.Manifest.Directory;
            var git = new GitCommands(treeDirectory);
            var givenFiles = parse.GetValue(files) ?? Array.Empty<string>();
            var @base = parse.GetValue(baseRef);
            if (givenFiles.Length == 0 && @base is null)
            {
                context.Error.WriteLine("spicetime: error: affected needs --base REF or --files PATH...");
                return ExitCodes.Usage;
            }

            List<string> changed;
            string? repositoryTop = null;
            string? mergeBase = null;
            if (givenFiles.Length > 0)
            {
                changed = givenFiles.Select(f => ProjectGraph.Relative(treeDirectory, Path.GetFullPath(f, context.WorkingDirectory))).ToList();
            }
            else
            {
                repositoryTop = git.TopLevel(out var error);
                mergeBase = repositoryTop is null ? null : git.MergeBase(@base!, parse.GetValue(head)!, out error);
                var fromGit = mergeBase is null ? null : git.ChangedFiles(mergeBase, parse.GetValue(head)!, parse.GetValue(uncommitted), out error);
                if (fromGit is null)
                {
                    return GitFailed(context, $"git cannot compare {@base} with {parse.GetValue(head)}: {error}");
                }

                changed = fromGit.Select(f => ProjectGraph.Relative(treeDirectory, Path.Combine(repositoryTop!, f)))
                    .Where(f => !f.StartsWith("../", StringComparison.Ordinal)).ToList();
            }

            // tree.json at the base revision, to compare every node's resolved state.
            Tree.Resolution.ResolvedTree? before = after;
            if (changed.Contains(TreeFileLocator.FileName))
            {
                before = null;
                if (@base is not null)
                {
                    var error = string.Empty;
                    repositoryTop ??= git.TopLevel(out error);
                    mergeBase ??= repositoryTop is null ? null : git.MergeBase(@base, parse.GetValue(head)!, out error);
                    if (repositoryTop is null || mergeBase is null)
                    {
                        return GitFailed(context, $"git cannot find the merge base of {@base}: {error}");
                    }

                    var content = git.Show(mergeBase, ProjectGraph.Relative(repositoryTop, after.Manifest.FilePath));
                    if (content is not null)
                    {
                        var old = TreeFile.Parse(content, after.Manifest.FilePath);
                        if (!old.Succeeded)
                        {
                            context.Report(new Diagnostic(DiagnosticCodes.TreeInvalidAtBase, DiagnosticSeverity.Error,
                                $"tree.json does not load at {@base} ({mergeBase[..Math.Min(12, mergeBase.Length)]}); its problems follow", context.DisplayPath(after.Manifest.FilePath), SourcePosition.None));
                            foreach (var d in old.Diagnostics.Where(d => d.IsError))
                            {
                                context.Error.WriteLine($"  {d.Format($"tree.json@{@base}")}");
                            }

                            return ExitCodes.Failed;
                        }

                        before = old.Tree;
                    }
                }
            }

            var result = AffectedAnalyzer.Analyze(before, after, changed, ProjectGraph.Discover(treeDirectory));
            return AffectedWriter.Write(context, result, parse.GetValue(format)!, parse.GetValue(branches), parse.GetValue(solution), treeDirectory);
        });
        return command;
    }

    private static int GitFailed(CliContext context, string message)
    {
        context.Report(new Diagnostic(DiagnosticCodes.GitFailed, DiagnosticSeverity.Error, message, null, SourcePosition.None));
        return ExitCodes.Failed;
    }
}
