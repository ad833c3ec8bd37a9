using Spicetime.Tree.Sharding;

namespace Spicetime.Tree.Tests.Sharding;

/// <summary>The sharding rule on hand-made inputs: the greedy order, ties, zero weights, the limits and their errors.</summary>
public class ShardPlannerTests
{
    private static ShardProject P(string path, long weight, string? branch = null) => new(path, weight, branch);

    private static string Show(IReadOnlyList<Shard> shards) =>
        string.Join(" | ", shards.Select(s => $"{s.Index}:{s.Weight}:{string.Join(",", s.Projects.Select(p => p.Path))}"));

    [Test]
    public void The_heaviest_project_goes_first_each_to_the_lightest_shard()
    {
        // Heaviest first: a7 -> 1, b5 -> 2, c4 -> 3; d3 -> 3 (4 is the lightest), e3 -> 2 (5 < 7, 7), f2 -> 1 (7, 8, 7: of the two lightest, shard 1 has fewer projects).
        var shards = ShardPlanner.Plan(new[] { P("f", 2), P("e", 3), P("d", 3), P("c", 4), P("b", 5), P("a", 7) }, 3);
        Assert.That(Show(shards), Is.EqualTo("1:9:a,f | 2:8:b,e | 3:7:c,d"));
    }

    [Test]
    public void Equal_weights_are_taken_in_path_order_and_the_result_does_not_depend_on_the_input_order()
    {
        var projects = new[] { P("x/X.csproj", 10), P("b/B.csproj", 10), P("m/M.csproj", 10), P("a/A.csproj", 10), P("c/C.csproj", 10) };
        var shards = ShardPlanner.Plan(projects, 2);
        Assert.That(Show(shards), Is.EqualTo("1:30:a/A.csproj,c/C.csproj,x/X.csproj | 2:20:b/B.csproj,m/M.csproj"));
        Assert.That(Show(ShardPlanner.Plan(projects.Reverse(), 2)), Is.EqualTo(Show(shards)));
    }

    [Test]
    public void Weightless_projects_still_fill_every_shard_before_any_gets_a_second()
    {
        var shards = ShardPlanner.Plan(Enumerable.Range(0, 5).Select(i => P($"p{i}", 0)), 4);
        Assert.That(shards.Select(s => s.Projects.Count), Is.EqualTo(new[] { 2, 1, 1, 1 }));
        Assert.That(Show(ShardPlanner.Plan(new[] { P("heavy", 100), P("a", 0), P("b", 0) }, 3)), Is.EqualTo("1:100:heavy | 2:0:a | 3:0:b"));
    }

    [Test]
    public void Fewer_projects_than_shards_give_one_shard_a_project_and_nothing_gives_no_shard()
    {
        Assert.That(Show(ShardPlanner.Plan(new[] { P("a", 1), P("b", 2) }, 256)), Is.EqualTo("1:2:b | 2:1:a"));
        Assert.That(ShardPlanner.Plan(Array.Empty<ShardProject>(), 8), Is.Empty);
    }

    [Test]
    public void One_shard_holds_everything()
    {
        var shards = ShardPlanner.Plan(new[] { P("b", 3), P("a", 5) }, 1);
        Assert.That(Show(shards), Is.EqualTo("1:8:a,b"));
    }

    [Test]
    public void A_shard_names_its_branches_once_each_sorted()
    {
        var shards = ShardPlanner.Plan(new[] { P("a", 1, "beta"), P("b", 1, "alpha"), P("c", 1, "beta"), P("d", 1, null) }, 1);
        Assert.That(shards[0].Branches, Is.EqualTo(new[] { "alpha", "beta" }));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(257)]
    public void A_number_of_shards_outside_1_to_256_is_refused(int shards)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardPlanner.Plan(new[] { P("a", 1) }, shards));
    }

    [Test]
    public void A_project_given_twice_or_a_negative_weight_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ShardPlanner.Plan(new[] { P("a", 1), P("a", 2) }, 2));
        Assert.Throws<ArgumentException>(() => ShardPlanner.Plan(new[] { P("a", -1) }, 2));
    }

    [Test]
    public void Where_a_few_projects_outweigh_the_rest_no_split_reaches_the_ideal()
    {
        // Three equal projects in two shards: the best split there is takes 2 of 1.5 (1.33x the ideal); the rule's
        // guarantee is relative to that best split, and the 1.25x bound needs every project small beside a shard's share.
        var shards = ShardPlanner.Plan(new[] { P("a", 10), P("b", 10), P("c", 10) }, 2);
        Assert.That(shards.Max(s => s.Weight), Is.EqualTo(20));

        // Graham's example for two shards (3, 3, 2, 2, 2): greedy 7 against the best 6, within 4/3 - 1/6.
        Assert.That(ShardPlanner.Plan(new[] { P("a", 3), P("b", 3), P("c", 2), P("d", 2), P("e", 2) }, 2).Max(s => s.Weight), Is.EqualTo(7));
    }
}
