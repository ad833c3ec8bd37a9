using Spicetime.Tree.Affected;
using Spicetime.Tree.Cache;
using Spicetime.Tree.Projects;
using Spicetime.Tree.Sharding;

namespace Spicetime.Cli.Commands;

/// <summary>The shards of an affected set and the unit of their weights.</summary>
public sealed record ShardPlan(IReadOnlyList<Shard> Shards, WeightUnit Unit);

/// <summary>
/// <c>affected --format github-matrix --shards N</c>: weighs the affected projects (recorded times from the cache the
/// settings name, sizes for the rest: <see cref="ShardWeights"/>) and splits them (<see cref="ShardPlanner"/>). A cache
/// that cannot be opened or read is a warning on stderr, and sizes are used.
/// </summary>
internal static class AffectedShards
{
    /// <summary>How long one read of a remote cache may take (seconds): past it, the cache counts as failed and sizes are used.</summary>
    private const int RemoteTimeoutSeconds = 10;

    public static ShardPlan Plan(CliContext context, AffectedResult result, IReadOnlyList<ProjectInfo> projects, string root,
        bool includeUntracked, CacheSettings cache, int shards)
    {
        var paths = result.Projects.Select(p => p.Name).ToList();
        var affected = new HashSet<string>(paths, StringComparer.Ordinal);
        var sizes = ProjectSizes.Measure(root, projects.Where(p => affected.Contains(p.RelativePath)).ToList(), includeUntracked);
        var records = Records(context, cache, paths);
        var weighting = ShardWeights.Estimate(paths,
            p => records.TryGetValue(p, out var timing) ? (long)timing.Total.TotalMilliseconds : null,
            p => sizes.TryGetValue(p, out var size) ? size : 0);
        var branches = result.Projects.ToDictionary(p => p.Name, p => p.Branch, StringComparer.Ordinal);
        var plan = ShardPlanner.Plan(weighting.Projects.Select(w => new ShardProject(w.Path, w.Weight, branches[w.Path])), shards);
        return new ShardPlan(plan, weighting.Unit);
    }

    private static IReadOnlyDictionary<string, ProjectTiming> Records(CliContext context, CacheSettings cache, IReadOnlyList<string> paths)
    {
        foreach (var warning in cache.Warnings)
        {
            context.Error.WriteLine($"spicetime: warning: {warning}");
        }

        if (!cache.Enabled || paths.Count == 0)
        {
            return new Dictionary<string, ProjectTiming>();
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(RemoteTimeoutSeconds) };
        var store = cache.Open(context.WorkingDirectory, http, out var error);
        if (store is null)
        {
            context.Error.WriteLine($"spicetime: warning: {error}; the shards are balanced by project size");
            return new Dictionary<string, ProjectTiming>();
        }

        var records = ProjectTimings.ReadAll(store, paths, out var failure);
        if (failure is not null)
        {
            context.Error.WriteLine($"spicetime: warning: the recorded times could not be read: {failure}; the shards are balanced by project size (for the projects whose times were not read before it)");
        }

        return records;
    }
}
