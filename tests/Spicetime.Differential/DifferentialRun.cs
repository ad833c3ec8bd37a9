using System.Diagnostics;
using System.Text;
using Spicetime.Tree.Affected;
using Spicetime.Tree.Git;
using Spicetime.Tree.Projects;

namespace Spicetime.Differential;

/// <summary>A project on which Spicetime and MSBuild disagree, and why the side that counts it does.</summary>
public sealed record Difference(string Project, string Why);

/// <summary>One commit compared with its first parent.</summary>
public sealed record CommitComparison(
    string Commit, string Subject, int ChangedFiles, IReadOnlyList<string> Truth, int SpicetimeCount,
    IReadOnlyList<Difference> Missed, IReadOnlyList<Difference> Extra, IReadOnlyList<string> Unevaluable, double SpicetimeMilliseconds)
{
    public bool Same => Missed.Count == 0 && Extra.Count == 0;
}

/// <summary>
/// Walks a history commit by commit (first parents, as CI on the main branch sees it) in a scratch worktree, and
/// compares Spicetime's affected projects (without tree.json: the MSBuild rules alone) with what full MSBuild
/// evaluation at both revisions says (<see cref="TruthRules"/>). A project Spicetime leaves out is a miss; one it
/// adds is an over-trigger, reported with Spicetime's reason so a deliberate one can be told from a mistake.
/// </summary>
public static class DifferentialRun
{
    public static IReadOnlyList<CommitComparison> Run(string repository, string revision, int commits, TextWriter? log = null)
    {
        var git = new GitProcess(repository);
        var list = Text(git, "rev-list", "--first-parent", $"--max-count={commits}", revision).Split('\n', StringSplitOptions.RemoveEmptyEntries).Reverse().ToList();
        var worktree = Directory.CreateTempSubdirectory("spicetime-differential-").FullName;
        Text(git, "worktree", "add", "--detach", "--force", worktree, list[0]);
        var tree = new GitProcess(worktree);
        var results = new List<CommitComparison>();
        try
        {
            string? factsRevision = null;
            Dictionary<string, ProjectFacts>? facts = null;
            foreach (var commit in list)
            {
                var parent = tree.Run(out _, "rev-parse", "--verify", "--quiet", commit + "^1") is { } p ? Encoding.UTF8.GetString(p).Trim() : null;
                if (parent is null)
                {
                    continue; // the first commit of the repository: nothing to compare with
                }

                if (factsRevision != parent)
                {
                    Checkout(tree, parent);
                    facts = GroundTruth.Evaluate(worktree, Projects(tree));
                }

                var before = facts!;
                var status = Text(tree, "diff", "--name-status", "--no-renames", parent, commit).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                var changed = status.Select(l => l[(l.IndexOf('\t') + 1)..]).ToList();
                Checkout(tree, commit);

                // Evaluation depends on which files exist and on MSBuild files' content: when a commit only modifies
                // other files, MSBuild's answer at the parent stands.
                var evaluationChanged = status.Any(l => l[0] != 'M') || changed.Any(IsMSBuildInput);
                var after = evaluationChanged ? GroundTruth.Evaluate(worktree, Projects(tree)) : before;
                factsRevision = commit;
                facts = after;

                Func<string, byte[]?> readBefore = f => tree.Show(parent, f);
                Func<string, byte[]?> readAfter = f => tree.Show(commit, f);
                var truth = TruthRules.Affected(before, after, changed, readBefore, readAfter);

                var clock = Stopwatch.StartNew();
                var projects = ProjectScanner.Read(worktree, Listed(tree));
                var answer = AffectedAnalyzer.Analyze(worktree, null, null, new ChangeSet(changed, readBefore, readAfter), projects, null, null);
                clock.Stop();
                var spicetime = answer.Projects.ToDictionary(p => p.Name, p => p.Reasons[0].ToString(), StringComparer.Ordinal);

                var unevaluable = after.Values.Where(f => f.Error is not null).Select(f => f.Path).ToList();
                var missed = truth.Where(t => !spicetime.ContainsKey(t.Key) && !unevaluable.Contains(t.Key)).Select(t => new Difference(t.Key, t.Value)).ToList();
                var extra = spicetime.Where(s => !truth.ContainsKey(s.Key) && after.ContainsKey(s.Key) && !unevaluable.Contains(s.Key)).Select(s => new Difference(s.Key, s.Value)).ToList();
                var subject = Text(tree, "log", "-1", "--format=%s", commit).Trim();
                var comparison = new CommitComparison(commit, subject, changed.Count, truth.Keys.ToList(), spicetime.Count, missed, extra, unevaluable, clock.Elapsed.TotalMilliseconds);
                results.Add(comparison);
                log?.WriteLine($"{commit[..10]} {(comparison.Same ? "same" : "DIFF")} changed {changed.Count}, MSBuild {truth.Count}, spicetime {spicetime.Count}, missed {missed.Count}, extra {extra.Count}{(unevaluable.Count > 0 ? $", {unevaluable.Count} MSBuild could not evaluate (not compared)" : string.Empty)}  {subject}");
                foreach (var miss in missed)
                {
                    log?.WriteLine($"    missed {miss.Project}: {miss.Why}");
                }

                foreach (var over in extra.Take(10))
                {
                    log?.WriteLine($"    extra  {over.Project}: {over.Why}");
                }
            }
        }
        finally
        {
            git.Run(out _, "worktree", "remove", "--force", worktree);
            if (Directory.Exists(worktree))
            {
                Directory.Delete(worktree, true);
            }
        }

        return results;
    }

    /// <summary>The summary people read after the per-commit lines.</summary>
    public static string Summary(IReadOnlyList<CommitComparison> results)
    {
        var text = new StringBuilder();
        var missed = results.Sum(r => r.Missed.Count);
        var unevaluable = results.SelectMany(r => r.Unevaluable).Distinct().ToList();
        if (unevaluable.Count > 0)
        {
            text.AppendLine($"not compared, MSBuild could not evaluate them here: {string.Join(", ", unevaluable)}");
        }

        text.AppendLine($"{results.Count} commits: {results.Count(r => r.Same)} identical, {results.Count(r => r.Missed.Count > 0)} with misses ({missed} project entries), {results.Count(r => r.Extra.Count > 0)} with over-triggers ({results.Sum(r => r.Extra.Count)} project entries)");
        foreach (var group in results.SelectMany(r => r.Extra).GroupBy(e => Category(e.Why)).OrderByDescending(g => g.Count()))
        {
            text.AppendLine($"  over-triggered because {group.Key}: {group.Count()}");
        }

        var times = results.Select(r => r.SpicetimeMilliseconds).OrderBy(t => t).ToList();
        if (times.Count > 0)
        {
            text.AppendLine($"spicetime analysis in process (reading projects and deciding), median {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms");
        }

        return text.ToString();
    }

    /// <summary>Spicetime's first link, without the names: "in the folder of", "imported by", "build file above", ….</summary>
    private static string Category(string why)
    {
        var first = why.Split(" -> ")[0];
        var colon = first.IndexOf(": ", StringComparison.Ordinal);
        var detail = colon < 0 ? first : first[(colon + 2)..];
        foreach (var known in new[] { "in the folder of", "imported by", "build file above", "looked for by", "item of", "named by a property", "applies to", "removed", "PackageVersion" })
        {
            if (detail.Contains(known, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return detail;
    }

    private static bool IsMSBuildInput(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..].ToLowerInvariant();
        return ProjectScanner.IsProjectFile(path) || name.EndsWith(".props") || name.EndsWith(".targets") || name.EndsWith(".rsp") || name is "global.json" or "nuget.config";
    }

    private static IReadOnlyList<string> Listed(GitProcess git) =>
        Text(git, "ls-files", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The project files MSBuild is asked about: what Spicetime's scanner would consider (tracked, not in build output).</summary>
    private static IEnumerable<string> Projects(GitProcess git) =>
        Listed(git).Where(ProjectScanner.IsProjectFile)
            .Where(f => !f.Split('/').SkipLast(1).Any(s => s is "bin" or "obj" or "node_modules" or "artifacts" or ".vs"));

    private static void Checkout(GitProcess git, string revision)
    {
        Text(git, "checkout", "--quiet", "--force", "--detach", revision);
        git.Run(out _, "clean", "-fdq");
    }

    private static string Text(GitProcess git, params string[] args) =>
        git.Run(out var error, args) is { } output ? Encoding.UTF8.GetString(output) : throw new InvalidOperationException($"git {string.Join(' ', args)}: {error}");
}
