using System.Diagnostics;
using System.Text;
using Spicetime.Tests.Fixtures;
using Spicetime.Tree.Git;
using Spicetime.Tree.Projects;
using Spicetime.Tree.Projects.Cache;

namespace Spicetime.Differential;

/// <summary>One commit of a cache comparison: projects read, taken from the cache, evaluated, and where the two readers differed.</summary>
public sealed record CacheComparison(string Commit, int Projects, int Hits, int Evaluated, IReadOnlyList<string> Differences, TimeSpan Uncached, TimeSpan Cached);

/// <summary>
/// --cache: the facts cache against the reader without it over a real history. Checks out the last N first-parent
/// commits in a scratch worktree, oldest first, and at each reads every project twice: without a cache, and through one
/// facts cache kept across the commits (in a temporary folder, as a developer's runs would keep it). Any project whose
/// facts differ is a stale entry: a wrong answer.
/// </summary>
public static class CacheDifferential
{
    public static IReadOnlyList<CacheComparison> Run(string repository, string revision, int commits, TextWriter? log = null)
    {
        var git = new GitProcess(repository);
        var list = Text(git, "rev-list", "--first-parent", $"--max-count={commits}", revision).Split('\n', StringSplitOptions.RemoveEmptyEntries).Reverse().ToList();
        var worktree = Directory.CreateTempSubdirectory("spicetime-cache-differential-").FullName;
        var cacheFolder = Directory.CreateTempSubdirectory("spicetime-cache-differential-facts-").FullName;
        Text(git, "worktree", "add", "--detach", "--force", worktree, list[0]);
        var tree = new GitProcess(worktree);
        var cache = new FactsCache(worktree, Path.Combine(cacheFolder, "facts.bin"));
        var results = new List<CacheComparison>();
        try
        {
            foreach (var commit in list)
            {
                Text(tree, "checkout", "--quiet", "--force", "--detach", commit);
                tree.Run(out _, "clean", "-fdq");
                var listed = Text(tree, "ls-files", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries);
                var clock = Stopwatch.StartNew();
                var uncached = ProjectScanner.Read(worktree, listed);
                var uncachedTime = clock.Elapsed;

                // The cached read as the scanner does it, with the run kept for its counters.
                clock.Restart();
                var projects = uncached.Select(p => p.RelativePath).ToList();
                var buildFiles = listed.Where(f => f.EndsWith(".props", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".targets", StringComparison.OrdinalIgnoreCase)).ToList();
                var run = cache.Open(new ProjectReader(worktree, buildFiles));
                run.CheckInputs();
                var cached = new ProjectInfo?[projects.Count];
                Parallel.For(0, projects.Count, i => cached[i] = run.Read(projects[i]));
                run.Save();
                var cachedTime = clock.Elapsed;

                var differences = new List<string>();
                for (var i = 0; i < projects.Count; i++)
                {
                    if (FactsDump.Of(uncached[i]) != FactsDump.Of(cached[i]))
                    {
                        differences.Add(projects[i]);
                    }
                }

                var result = new CacheComparison(commit, projects.Count, run.Hits, run.Evaluated, differences, uncachedTime, cachedTime);
                results.Add(result);
                log?.WriteLine($"{commit[..12]}  {result.Projects} projects, {result.Hits} from the cache, {result.Evaluated} evaluated, "
                    + $"{result.Differences.Count} different ({uncachedTime.TotalMilliseconds:F0} ms uncached, {cachedTime.TotalMilliseconds:F0} ms cached)"
                    + string.Concat(differences.Select(d => $"\n  DIFFERENT: {d}")));
            }
        }
        finally
        {
            git.Run(out _, "worktree", "remove", "--force", worktree);
            if (Directory.Exists(worktree))
            {
                Directory.Delete(worktree, true);
            }

            git.Run(out _, "worktree", "prune");
            Directory.Delete(cacheFolder, true);
        }

        return results;
    }

    public static string Summary(IReadOnlyList<CacheComparison> results) =>
        $"{results.Count} commits, {results.Sum(r => r.Projects)} project reads, {results.Sum(r => r.Hits)} from the cache, "
        + $"{results.Sum(r => r.Evaluated)} evaluated, {results.Sum(r => r.Differences.Count)} different\n";

    private static string Text(GitProcess git, params string[] args) =>
        git.Run(out var error, args) is { } output ? Encoding.UTF8.GetString(output) : throw new InvalidOperationException($"git {string.Join(' ', args)}: {error}");
}
