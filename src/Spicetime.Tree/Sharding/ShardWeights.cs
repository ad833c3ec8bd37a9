namespace Spicetime.Tree.Sharding;

/// <summary>What a weight counts: recorded (or estimated) milliseconds, or bytes of source when no project has a record.</summary>
public enum WeightUnit
{
    Milliseconds,
    Bytes,
}

/// <summary>A project's weight and whether it was recorded (build and test time from the cache) or estimated from its size.</summary>
public sealed record ProjectWeight(string Path, long Weight, bool Recorded);

/// <summary>Every project's weight, in one unit.</summary>
/// <param name="MillisecondsPerByte">The rate sizes were scaled by (null: sizes alone, or no recorded project had a size).</param>
public sealed record ShardWeighting(IReadOnlyList<ProjectWeight> Projects, WeightUnit Unit, double? MillisecondsPerByte);

/// <summary>
/// How heavy each project is for <see cref="ShardPlanner"/>: its recorded build and test time where the cache has one;
/// otherwise its size (the bytes of its source files, <see cref="ProjectSizes"/>) times the median milliseconds per byte
/// of the projects that have a record and a size, so that the two mix in one unit. With no record at all, the sizes
/// alone (in bytes: only their ratios matter to the split). With records but no recorded project of a known size, a
/// project without a record weighs the median recorded time.
/// </summary>
public static class ShardWeights
{
    /// <param name="recordedMilliseconds">A project's recorded build + test time, or null when there is no record.</param>
    /// <param name="sizeInBytes">A project's size (0 or more).</param>
    public static ShardWeighting Estimate(IEnumerable<string> projects, Func<string, long?> recordedMilliseconds, Func<string, long> sizeInBytes)
    {
        var measured = projects.Select(p => (Path: p, Recorded: recordedMilliseconds(p), Size: Math.Max(0, sizeInBytes(p)))).ToList();
        var recorded = measured.Where(m => m.Recorded is not null).ToList();
        if (recorded.Count == 0)
        {
            return new ShardWeighting(measured.Select(m => new ProjectWeight(m.Path, m.Size, false)).ToList(), WeightUnit.Bytes, null);
        }

        var rates = recorded.Where(m => m.Size > 0).Select(m => (double)Math.Max(0, m.Recorded!.Value) / m.Size).ToList();
        double? rate = rates.Count > 0 ? Median(rates) : null;
        var typical = Median(recorded.Select(m => (double)Math.Max(0, m.Recorded!.Value)).ToList());
        var weights = measured.Select(m => m.Recorded is { } ms
                ? new ProjectWeight(m.Path, Math.Max(0, ms), true)
                : new ProjectWeight(m.Path, (long)Math.Round(rate is { } r ? m.Size * r : typical, MidpointRounding.AwayFromZero), false))
            .ToList();
        return new ShardWeighting(weights, WeightUnit.Milliseconds, rate);
    }

    /// <summary>The middle value (the mean of the two middle ones for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("the median of nothing", nameof(values));
        }

        var sorted = values.OrderBy(v => v).ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
