namespace Spicetime.Tree.Sharding;

/// <summary>A project to place in a shard: its path (relative to tree.json's folder, '/'), its weight and its branch.</summary>
public sealed record ShardProject(string Path, long Weight, string? Branch = null);

/// <summary>
/// One CI job's projects (sorted by path), their summed <see cref="Weight"/>, and the branches they belong to (sorted,
/// each once). <see cref="Index"/> counts from 1.
/// </summary>
public sealed record Shard(int Index, IReadOnlyList<ShardProject> Projects, long Weight)
{
    public IReadOnlyList<string> Branches =>
        Projects.Select(p => p.Branch).OfType<string>().Distinct(StringComparer.Ordinal).OrderBy(b => b, StringComparer.Ordinal).ToList();
}

/// <summary>
/// Splits projects into CI jobs ("shards") of about equal weight: longest processing time first. The projects are taken
/// heaviest first (equal weights by path, ordinally) and each goes to the shard that is lightest at that moment (equal
/// weights: the one with fewer projects, then the lowest index), so the same input always gives the same shards, in
/// whatever order it comes. There are never more shards than asked for, never more than <see cref="MaxShards"/> (GitHub
/// Actions' limit on a matrix), never more than projects, and never an empty one: the first shards each get one of the
/// heaviest projects before any shard gets a second.
/// </summary>
/// <remarks>
/// How close to even: the heaviest shard stays within <c>total / N + (1 - 1/N) × w</c>, <c>w</c> the weight of the
/// last project it got (it was the lightest then), so within 1.25× of <c>total / N</c> whenever no project weighs more
/// than a quarter of <c>total / (N - 1)</c>; and within <c>4/3 - 1/(3N)</c> of the best split there is (Graham, 1969).
/// Where a few projects outweigh the rest no split gets close to <c>total / N</c>, this one included (three equal projects in
/// two shards: 1.33×). Figures for generated weight sets: docs/benchmarks.md, "CI shards".
/// </remarks>
public static class ShardPlanner
{
    /// <summary>GitHub Actions runs at most 256 jobs of one matrix.</summary>
    public const int MaxShards = 256;

    /// <param name="projects">Each project once; weights zero or more.</param>
    /// <param name="shards">At most this many shards, 1 to <see cref="MaxShards"/>.</param>
    public static IReadOnlyList<Shard> Plan(IEnumerable<ShardProject> projects, int shards)
    {
        if (shards < 1 || shards > MaxShards)
        {
            throw new ArgumentOutOfRangeException(nameof(shards), shards, $"a number of shards is 1 to {MaxShards}");
        }

        var ordered = projects.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in ordered)
        {
            if (project.Weight < 0)
            {
                throw new ArgumentException($"{project.Path} has a negative weight ({project.Weight})", nameof(projects));
            }

            if (!seen.Add(project.Path))
            {
                throw new ArgumentException($"{project.Path} is given twice", nameof(projects));
            }
        }

        ordered.Sort((a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : string.CompareOrdinal(a.Path, b.Path));

        var count = Math.Min(shards, ordered.Count);
        var members = new List<ShardProject>[count];
        var weights = new long[count];
        for (var i = 0; i < count; i++)
        {
            members[i] = new List<ShardProject>();
        }

        foreach (var project in ordered)
        {
            var lightest = 0;
            for (var i = 1; i < count; i++)
            {
                if (weights[i] < weights[lightest] || (weights[i] == weights[lightest] && members[i].Count < members[lightest].Count))
                {
                    lightest = i;
                }
            }

            members[lightest].Add(project);
            weights[lightest] += project.Weight;
        }

        return Enumerable.Range(0, count)
            .Select(i => new Shard(i + 1, members[i].OrderBy(p => p.Path, StringComparer.Ordinal).ToList(), weights[i]))
            .ToList();
    }
}
