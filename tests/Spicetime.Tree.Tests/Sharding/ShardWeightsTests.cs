using Spicetime.Tree.Sharding;

namespace Spicetime.Tree.Tests.Sharding;

/// <summary>Recorded times where the cache has them, sizes scaled to milliseconds for the rest, sizes alone with no record.</summary>
public class ShardWeightsTests
{
    private static ShardWeighting Estimate(Dictionary<string, long?> recorded, Dictionary<string, long> sizes) =>
        ShardWeights.Estimate(sizes.Keys, p => recorded.TryGetValue(p, out var ms) ? ms : null, p => sizes[p]);

    private static string Show(ShardWeighting weighting) =>
        string.Join(" ", weighting.Projects.Select(p => $"{p.Path}={p.Weight}{(p.Recorded ? "r" : "~")}"));

    [Test]
    public void Without_any_record_the_sizes_are_the_weights_in_bytes()
    {
        var weighting = Estimate(new(), new() { ["a"] = 1200, ["b"] = 0, ["c"] = 50_000 });
        Assert.That(Show(weighting), Is.EqualTo("a=1200~ b=0~ c=50000~"));
        Assert.That(weighting.Unit, Is.EqualTo(WeightUnit.Bytes));
        Assert.That(weighting.MillisecondsPerByte, Is.Null);
    }

    [Test]
    public void With_every_project_recorded_the_records_are_the_weights_in_milliseconds()
    {
        var weighting = Estimate(new() { ["a"] = 4000, ["b"] = 0 }, new() { ["a"] = 10, ["b"] = 99_999 });
        Assert.That(Show(weighting), Is.EqualTo("a=4000r b=0r"));
        Assert.That(weighting.Unit, Is.EqualTo(WeightUnit.Milliseconds));
    }

    [Test]
    public void A_project_without_a_record_weighs_its_size_times_the_median_milliseconds_per_byte_of_the_recorded_ones()
    {
        // Rates 1, 3 and 2 ms a byte (and one recorded project of no known size, left out of the rate): median 2.
        var weighting = Estimate(
            new() { ["a"] = 1000, ["b"] = 3000, ["c"] = 2000, ["z"] = 7000 },
            new() { ["a"] = 1000, ["b"] = 1000, ["c"] = 1000, ["z"] = 0, ["new"] = 500, ["empty"] = 0 });
        Assert.That(Show(weighting), Is.EqualTo("a=1000r b=3000r c=2000r z=7000r new=1000~ empty=0~"));
        Assert.That(weighting.MillisecondsPerByte, Is.EqualTo(2.0));
        Assert.That(weighting.Unit, Is.EqualTo(WeightUnit.Milliseconds));
    }

    [Test]
    public void An_even_number_of_rates_takes_the_mean_of_the_middle_two_and_rounds_half_away_from_zero()
    {
        var weighting = Estimate(new() { ["a"] = 100, ["b"] = 200 }, new() { ["a"] = 100, ["b"] = 100, ["c"] = 3 });
        Assert.That(weighting.MillisecondsPerByte, Is.EqualTo(1.5));
        Assert.That(Show(weighting), Does.EndWith("c=5~"), "3 bytes x 1.5 = 4.5, rounded to 5");
    }

    [Test]
    public void With_records_but_no_recorded_project_of_a_known_size_a_new_project_weighs_the_median_record()
    {
        var weighting = Estimate(new() { ["a"] = 100, ["b"] = 300, ["c"] = 200 }, new() { ["a"] = 0, ["b"] = 0, ["c"] = 0, ["d"] = 12_345 });
        Assert.That(Show(weighting), Does.EndWith("d=200~"));
        Assert.That(weighting.MillisecondsPerByte, Is.Null);
    }

    [Test]
    public void The_median_of_nothing_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ShardWeights.Median(Array.Empty<double>()));
        Assert.That(ShardWeights.Median(new[] { 5.0, 1, 3 }), Is.EqualTo(3));
    }
}
