using System.Diagnostics;
using Spicetime.Tree.Sharding;

namespace Spicetime.Benchmarks;

/// <summary>
/// `shard-balance [SETS=200] [SEED=1]`: how close ShardPlanner's longest shard comes to the ideal split on generated
/// weight sets (docs/benchmarks.md, "CI shards"). For each shape of weights and each number of shards, SETS sets from
/// a seeded generator (the same figures on every run): the longest shard against the ideal, max(total / N, heaviest
/// project), how often the heaviest project alone is the ideal, and the longest shard against a lower bound of the
/// best split there is (the ideal, and for each k the k + 1 lightest of the kN + 1 heaviest projects, of which some
/// shard holds k + 1). Then the time to plan 20,000 projects into 256 shards.
/// </summary>
public static class ShardBalance
{
    private sealed record Shape(string Name, Func<Random, int, long[]> Weights);

    /// <summary>Weights in milliseconds, as recorded build and test times would be.</summary>
    private static readonly Shape[] Shapes =
    {
        new("600 projects, log-normal (median 20 s, sigma 1)", (r, _) => Many(600, () => LogNormal(r, 20_000, 1.0))),
        new("600 projects, log-normal (median 20 s, sigma 2)", (r, _) => Many(600, () => LogNormal(r, 20_000, 2.0))),
        new("600 projects, uniform 1 ms to 60 s", (r, _) => Many(600, () => r.NextInt64(1, 60_001))),
        new("600 projects: 5 of 10 min, the rest uniform to 30 s", (r, _) => Many(5, () => 600_000).Concat(Many(595, () => r.NextInt64(1, 30_001))).ToArray()),
        new("40 projects, log-normal (median 20 s, sigma 1)", (r, _) => Many(40, () => LogNormal(r, 20_000, 1.0))),
        new("3N projects, log-normal (median 20 s, sigma 1)", (r, n) => Many(3 * n, () => LogNormal(r, 20_000, 1.0))),
        new("2N + 1 projects, uniform 10 to 11 s", (r, n) => Many((2 * n) + 1, () => r.NextInt64(10_000, 11_001))),
    };

    private static readonly int[] ShardCounts = { 4, 16, 64, 256 };

    public static int Run(int sets, int seed)
    {
        Console.WriteLine($"shard-balance: {sets} sets a row, seed {seed}");
        Console.WriteLine("| weights | N | longest / ideal: median | p95 | max | sets within 1.25x | heaviest project is the ideal | longest / lower bound of the best: max |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var shape in Shapes)
        {
            foreach (var count in ShardCounts)
            {
                var random = new Random(seed * 7919 + count);
                var ratios = new List<double>();
                var toBound = new List<double>();
                var heaviestDecides = 0;
                for (var i = 0; i < sets; i++)
                {
                    var weights = shape.Weights(random, count);
                    var projects = weights.Select((w, j) => new ShardProject($"p{j:D5}", w)).ToList();
                    var longest = ShardPlanner.Plan(projects, count).Max(s => s.Weight);
                    var sorted = weights.OrderByDescending(w => w).ToArray();
                    var ideal = Math.Max((double)weights.Sum() / count, sorted[0]);
                    heaviestDecides += sorted[0] >= (double)weights.Sum() / count ? 1 : 0;
                    ratios.Add(longest / ideal);
                    toBound.Add(longest / LowerBound(sorted, count, ideal));
                }

                ratios.Sort();
                Console.WriteLine($"| {shape.Name} | {count} | {ratios[ratios.Count / 2]:F3} | {ratios[(int)(ratios.Count * 0.95)]:F3} | {ratios[^1]:F3} "
                    + $"| {ratios.Count(r => r <= 1.25)}/{sets} | {heaviestDecides}/{sets} | {toBound.Max():F3} |");
            }
        }

        var large = new Random(seed);
        var many = Many(20_000, () => LogNormal(large, 20_000, 1.0)).Select((w, j) => new ShardProject($"src/P{j:D5}/P{j:D5}.csproj", w)).ToList();
        ShardPlanner.Plan(many, 256);
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            ShardPlanner.Plan(many, 256);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"planning 20,000 projects into 256 shards: {times[2]:F1} ms (median of 5, after a warm-up)");
        return 0;
    }

    /// <summary>
    /// No split beats this: the ideal, and for each k, of the kN + 1 heaviest projects (sorted heaviest first) some
    /// shard holds k + 1, so at least the k + 1 lightest of them.
    /// </summary>
    private static double LowerBound(long[] sorted, int count, double ideal)
    {
        var bound = ideal;
        for (var k = 1; (k * count) < sorted.Length; k++)
        {
            long sum = 0;
            for (var i = (k * count) - k; i <= k * count; i++)
            {
                sum += sorted[i];
            }

            bound = Math.Max(bound, sum);
        }

        return bound;
    }

    private static long[] Many(int count, Func<long> weight) => Enumerable.Range(0, count).Select(_ => weight()).ToArray();

    /// <summary>A log-normal draw (Box-Muller), at least 1 ms.</summary>
    private static long LogNormal(Random random, double median, double sigma)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Max(1, (long)(median * Math.Exp(sigma * normal)));
    }
}
