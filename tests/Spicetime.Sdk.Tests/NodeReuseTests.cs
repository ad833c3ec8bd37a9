using System.Text.RegularExpressions;

namespace Spicetime.Sdk.Tests;

/// <summary>
/// Builds with MSBuild's processes kept between builds (node reuse, and the MSBuild server), as on a developer's
/// machine: a build must say and do what a build in fresh processes says and does.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public class NodeReuseTests
{
    private readonly bool _server;

    public NodeReuseTests(bool server) => _server = server;

    private const string Tree = """
        {
          "root": { "branch": "release", "colour": "red" }
        }
        """;

    private static ConsumerRepo TwoProjects(string name)
    {
        var repo = new ConsumerRepo(name).Write("tree.json", Tree);
        repo.Project("A/A.csproj", code: "namespace A; public static class C { }");
        repo.Project("B/B.csproj", code: "namespace B; public static class C { }");
        repo.Dotnet("new", "sln", "-n", "Two", "--format", "sln").ShouldSucceed();
        repo.Dotnet("sln", "Two.sln", "add", "A/A.csproj", "B/B.csproj").ShouldSucceed();
        return repo;
    }

    /// <summary>The projects a build printed SPT0105 for (MSBuild ends each warning line with its project).</summary>
    private static IReadOnlyList<string> WarnedProjects(ProcessResult build) =>
        build.Output.Split('\n')
            .Where(l => l.Contains("warning SPT0105: Unknown key 'colour'", StringComparison.Ordinal))
            .Select(l => Regex.Match(l, @"\[([^\]]+)\]\s*$").Groups[1].Value)
            .Distinct()
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();

    [Test]
    public void A_tree_warning_is_reported_by_every_build_not_once_per_process()
    {
        var repo = TwoProjects("reuse-warn");
        using var nodes = new ReusedNodes(_server);
        var first = nodes.Dotnet(repo, "build", "Two.sln", "-m:2", "-clp:NoSummary").ShouldSucceed();
        var warnedFirst = WarnedProjects(first);
        Assert.That(warnedFirst, Is.Not.Empty, first.ToString);

        // An edit that keeps the warning (and its position): the generation runs again, in the processes the first build left.
        Thread.Sleep(1100);
        repo.Write("tree.json", Tree + "\n");
        var second = nodes.Dotnet(repo, "build", "Two.sln", "-m:2", "-clp:NoSummary").ShouldSucceed();
        Assert.That(WarnedProjects(second), Is.EqualTo(warnedFirst), second.ToString);
    }

    [Test]
    public void An_edit_of_the_tree_reaches_the_next_build_and_an_unchanged_tree_costs_nothing()
    {
        var repo = ForkTree.Create("reuse-incremental");
        using var nodes = new ReusedNodes(_server);
        nodes.Dotnet(repo, "build", ForkTree.Web).ShouldSucceed();
        var noop = nodes.Dotnet(repo, "build", ForkTree.Web, "-v:d").ShouldSucceed();
        Assert.That(noop.Output, Does.Contain("Skipping target \"SpicetimeGenerate\" because all output files are up-to-date"));
        Assert.That(noop.Output, Does.Not.Contain("Task \"GenerateSpicetimeProps\""));

        // The processes still hold the tree as it was parsed: an edit must be read, not served from them.
        repo.Write("tree.json", ForkTree.TreeJson.Replace("\"Serilog\": \"4.0.0\"", "\"Serilog\": \"4.2.0\""));
        nodes.Dotnet(repo, "build", ForkTree.Web).ShouldSucceed();
        Assert.That(repo.RestoredPackages(ForkTree.Web)["Serilog"], Is.EqualTo("4.2.0"));
        Assert.That(repo.Generated("forks/feature-a/Web/obj/spicetime.Web.csproj.g.props"), Does.Contain("Include=\"Serilog\" Version=\"4.2.0\""));
    }
}
