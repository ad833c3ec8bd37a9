using Microsoft.Build.Locator;
using Spicetime.Tree.Projects;

namespace Spicetime.Differential;

/// <summary>
/// dotnet run --project tests/Spicetime.Differential -- [--repo PATH] [--rev REV] [--commits N]
/// Compares `spicetime affected` with full MSBuild evaluation on the last N commits of REV; exit 1 when it missed a project.
/// --cache: compares the reader through the facts cache with the reader without it on those commits; exit 1 on any difference.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var repository = Directory.GetCurrentDirectory();
        var revision = "HEAD";
        var commits = 20;
        var measure = args.Contains("--measure");
        var evaluate = args.Contains("--evaluate");
        var cache = args.Contains("--cache");
        args = args.Where(a => a is not ("--measure" or "--evaluate" or "--cache")).ToArray();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--repo": repository = Path.GetFullPath(args[i + 1]); break;
                case "--rev": revision = args[i + 1]; break;
                case "--commits": commits = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}; usage: [--repo PATH] [--rev REV] [--commits N] [--measure | --evaluate | --cache]");
                    return 2;
            }
        }

        if (cache)
        {
            var compared = CacheDifferential.Run(repository, revision, commits, Console.Out);
            Console.Write(CacheDifferential.Summary(compared));
            return compared.Any(c => c.Differences.Count > 0) ? 1 : 0;
        }

        MSBuildLocator.RegisterDefaults();
        return evaluate ? Evaluate(repository) : measure ? Measure(repository) : Run(repository, revision, commits);
    }

    /// <summary>
    /// --evaluate: a process that does what dotnet-affected does first (locate MSBuild, evaluate every project's outer
    /// build) and nothing else, for whole-process timings beside `spicetime affected`.
    /// </summary>
    private static int Evaluate(string repository)
    {
        var files = new Spicetime.Tree.Git.GitProcess(repository).ListFiles(out _, false) ?? throw new InvalidOperationException("not a git repository");
        var facts = GroundTruth.Evaluate(repository, files.Where(ProjectScanner.IsProjectFile).ToList(), innerBuilds: false);
        Console.WriteLine($"{facts.Count} projects evaluated, {facts.Values.Count(f => f.Error is not null)} with errors");
        return 0;
    }

    /// <summary>--measure: the evaluation candidates timed on the checkout as it is.</summary>
    private static int Measure(string repository)
    {
        var git = new Spicetime.Tree.Git.GitProcess(repository);
        var files = git.ListFiles(out _, false) ?? throw new InvalidOperationException("not a git repository");
        var projects = files.Where(ProjectScanner.IsProjectFile).Where(f => !f.Split('/').SkipLast(1).Any(s => s is "bin" or "obj" or "node_modules" or "artifacts" or ".vs")).ToList();
        Console.WriteLine(EvaluationCost.Measure(repository, projects, files));
        return 0;
    }

    // Separate from Main so that no MSBuild type is loaded before the locator has registered the SDK's MSBuild.
    private static int Run(string repository, string revision, int commits)
    {
        var results = DifferentialRun.Run(repository, revision, commits, Console.Out);
        Console.WriteLine();
        Console.Write(DifferentialRun.Summary(results));
        return results.Any(r => r.Missed.Count > 0) ? 1 : 0;
    }
}
