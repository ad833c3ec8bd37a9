using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;
using System.CommandLine;
using Spicetime.Cli.Output;
using Spicetime.Cli.Solutions;
using Spicetime.Tree.Affected;
using Spicetime.Tree.Cache;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Sharding;

namespace Spicetime.Cli.Commands;

/// <summary><c>spicetime affected --base REF [--head REF] [--files PATH...]</c>: what a change affects, and why.</summary>
public static class AffectedCommand
{
    public static Command Create(CliContext context, Option<string?> treeOption)
    {
        var baseRef = new Option<string?>("--base") { Description = "Compare with this revision (from its merge base with --head)" };
        var head = new Option<string>("--head") { Description = "The revision to compare (default: HEAD)", DefaultValueFactory = _ => "HEAD" };
        var files = new Option<string[]>("--files") { Description = "The changed files (relative to the current folder), instead of asking git", AllowMultipleArgumentsPerToken = true };
        var uncommitted = new Option<bool>("--include-uncommitted") { Description = "Add staged, unstaged and untracked changes" };
        var branches = new Option<bool>("--branches") { Description = "With github-matrix: one entry per branch to rebuild" };
        var solution = new Option<string?>("--solution") { Description = "Only the projects of this solution (.sln, .slnx, .slnf); with --format slnf, the solution it filters" };
        var explain = new Option<bool>("--explain") { Description = "With text: every reason chain of every project and branch (default: the first reason of each)" };
        var noCache = new Option<bool>("--no-cache") { Description = "Evaluate every project file, without the repository's cache of evaluated projects (.git/spicetime)" };
        var shards = new Option<int?>("--shards")
        {
            Description = $"With github-matrix: at most N jobs (1 to {ShardPlanner.MaxShards}), the affected projects balanced by recorded build and test times (project sizes where none is recorded)",
            HelpName = "N",
            CustomParser = ParseShards,
        };
        var cache = new Option<string?>("--cache") { Description = "With --shards: the build cache holding the recorded times, a folder or an http(s) URL (default: SPICETIME_CACHE)", HelpName = "LOCATION" };
        var format = FormatOption.Create("text", "json", "github-matrix", "traversal", "slnf");
        var command = new Command("affected", "List the projects and branches a change affects, each with the chain of reasons")
        {
            baseRef, head, files, uncommitted, branches, solution, format, explain, noCache, shards, cache,
        };
        command.SetAction(parse =>
        {
            // Without tree.json (none named, none found) the repository is one root node: the MSBuild rules decide alone,
            // so teams can use affected before they adopt the tree.
            var treeOptionValue = parse.GetValue(treeOption);
            Tree.Resolution.ResolvedTree? after = null;
            string treeDirectory;
            if (treeOptionValue is null && Tree.TreeFileLocator.Find(context.WorkingDirectory) is null)
            {
                treeDirectory = new Tree.Git.GitProcess(context.WorkingDirectory).TopLevel(out _) ?? context.WorkingDirectory;
            }
            else
            {
                after = context.LoadTree(treeOptionValue, out _);
                if (after is null)
                {
                    return ExitCodes.Failed;
                }

                treeDirectory = after.Manifest.Directory;
            }

            var givenFiles = parse.GetValue(files);
            var @base = parse.GetValue(baseRef);
            if ((givenFiles is null || givenFiles.Length == 0) && @base is null)
            {
                context.Error.WriteLine("spicetime: error: affected needs --base REF (or --files PATH...)");
                return ExitCodes.Usage;
            }

            if (givenFiles is { Length: > 0 } && parse.GetValue(uncommitted))
            {
                context.Error.WriteLine("spicetime: error: --include-uncommitted asks git for changes; it cannot be combined with --files");
                return ExitCodes.Usage;
            }

            var formatName = parse.GetValue(format)!;
            var shardCount = parse.GetValue(shards);
            if (ShardUsageError(shardCount, formatName, parse.GetValue(branches), parse.GetValue(cache)) is { } shardError)
            {
                context.Error.WriteLine($"spicetime: error: {shardError}");
                return ExitCodes.Usage;
            }

            var solutionPath = parse.GetValue(solution) is { } named ? Path.GetFullPath(named, context.WorkingDirectory) : null;
            if (formatName == "slnf")
            {
                solutionPath ??= SolutionReader.FindSingle(treeDirectory);
                if (solutionPath is null)
                {
                    context.Error.WriteLine($"spicetime: error: --format slnf needs --solution PATH (the solution it filters); {context.DisplayPath(treeDirectory)} has none or several");
                    return ExitCodes.Usage;
                }
            }

            IReadOnlyCollection<string>? reportOnly = null;
            if (solutionPath is not null)
            {
                var inSolution = SolutionReader.Projects(solutionPath, out var error);
                if (inSolution is null)
                {
                    context.Error.WriteLine($"spicetime: error: {error}");
                    return ExitCodes.Usage;
                }

                reportOnly = inSolution.Select(p => RepositoryPath.Relative(treeDirectory, p)).ToHashSet(StringComparer.Ordinal);
            }

            // Shards weigh projects by their files: the projects are read here, once, and handed to the query.
            var includeUntracked = givenFiles is { Length: > 0 } || parse.GetValue(uncommitted);
            var projects = shardCount is null ? null : ProjectScanner.Discover(treeDirectory, includeUntracked,
                parse.GetValue(noCache) ? null : Tree.Projects.Cache.FactsCache.For(treeDirectory));
            var answer = AffectedQuery.Run(treeDirectory, after, new AffectedRequest
            {
                Base = @base,
                Head = parse.GetValue(head)!,
                Files = givenFiles is { Length: > 0 }
                    ? givenFiles.Select(f => RepositoryPath.Relative(treeDirectory, Path.GetFullPath(f, context.WorkingDirectory))).ToList()
                    : null,
                IncludeUncommitted = parse.GetValue(uncommitted),
                ReportOnly = reportOnly,
                // A build run from this shell maps projects with it too (MSBuild reads environment variables as properties).
                EnvironmentBranch = Environment.GetEnvironmentVariable("SpicetimeBranch"),
                UseFactsCache = !parse.GetValue(noCache),
                Projects = projects,
            });
            if (!answer.Succeeded)
            {
                foreach (var diagnostic in answer.Diagnostics)
                {
                    context.Report(diagnostic);
                }

                foreach (var diagnostic in answer.BaseTreeDiagnostics)
                {
                    context.Error.WriteLine($"  {diagnostic.Format($"tree.json@{@base}")}");
                }

                return ExitCodes.Failed;
            }

            foreach (var imprecision in answer.Result!.Imprecisions)
            {
                context.Report(imprecision); // SPT0403: where the reader counted conservatively, on stderr
            }

            var plan = shardCount is { } count
                ? AffectedShards.Plan(context, answer.Result!, projects!, treeDirectory, includeUntracked,
                    CacheSettings.From(ProcessEnvironment(), parse.GetValue(cache), "--cache"), count)
                : null;
            return AffectedWriter.Write(context, answer.Result!, formatName, parse.GetValue(branches), parse.GetValue(explain), solutionPath, treeDirectory, plan);
        });
        return command;
    }

    /// <summary>--shards N: a whole number from 1 to 256 (GitHub Actions' limit), else a usage error.</summary>
    private static int? ParseShards(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= ShardPlanner.MaxShards)
        {
            return count;
        }

        result.AddError($"--shards takes a number of jobs from 1 to {ShardPlanner.MaxShards} (GitHub Actions runs at most {ShardPlanner.MaxShards} jobs of a matrix), not '{text}'");
        return null;
    }

    /// <summary>What is wrong with --shards and --cache together with the other options, or null.</summary>
    private static string? ShardUsageError(int? shards, string format, bool branches, string? cache)
    {
        if (shards is null)
        {
            return cache is null ? null : "--cache is read with --shards (the recorded times balance the shards); add --format github-matrix --shards N";
        }

        if (format != "github-matrix")
        {
            return $"--shards splits a github-matrix; it cannot be combined with --format {format}";
        }

        return branches ? "--shards splits projects; it cannot be combined with --branches (one entry a branch)" : null;
    }

    /// <summary>The process's environment variables, read here at the command's edge and passed to the rules.</summary>
    private static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string?>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string;
        }

        return variables;
    }
}
