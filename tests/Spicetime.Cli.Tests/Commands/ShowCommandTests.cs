using System.Text.Json;

namespace Spicetime.Cli.Tests.Commands;

/// <summary>spicetime show: text and JSON, one node or the whole tree.</summary>
public class ShowCommandTests
{
    [Test]
    public void Show_text_gives_each_entry_with_its_provenance()
    {
        using var folder = new TreeFolder(Trees.Full);
        var run = folder.Run("show", "--branch", "feature-A");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.That(lines[0], Is.EqualTo("feature-A  (child of release, path forks/feature-a, version 1.4.0-feature-a.{build}, packs as 1.4.0-feature-a.0)"), "outside git the build number is 0");
        Assert.That(lines, Does.Contain("  scopes: core (from release, changed here), infra (from release), frontend (own, undefined)"));
        Assert.That(lines.Any(l => l.StartsWith("    Newtonsoft.Json  13.0.1") && l.EndsWith("feature-A inline override #2 (replaced 13.0.3 from release/core)")), run.Output);
        Assert.That(lines.Any(l => l.StartsWith("    Polly ") && l.EndsWith("feature-A extends core")), run.Output);
        Assert.That(lines.Any(l => l.StartsWith("    ThemeName") && l.EndsWith("feature-A override 'frontend-theme'")), run.Output);
        Assert.That(lines.Any(l => l.StartsWith("    orders-api") && l.Contains("contracts/orders.openapi.json")), run.Output);
    }

    [Test]
    public void Show_without_branch_shows_the_whole_tree()
    {
        using var folder = new TreeFolder(Trees.Full);
        var run = folder.Run("show");
        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Output, Does.Contain("release  (root, version 1.4.0)").And.Contain("feature-A  (").And.Contain("feature-B  ("));
    }

    [Test]
    public void Show_json_is_structured_and_parses_back()
    {
        using var folder = new TreeFolder(Trees.Full);
        var run = folder.Run("show", "--format", "json");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        using var doc = JsonDocument.Parse(run.Output);
        var nodes = doc.RootElement.GetProperty("nodes").EnumerateArray().ToList();
        Assert.That(nodes.Select(n => n.GetProperty("branch").GetString()), Is.EqualTo(new[] { "release", "feature-A", "feature-B" }));
        var a = nodes[1];
        Assert.That(a.GetProperty("parent").GetString(), Is.EqualTo("release"));
        var json = a.GetProperty("packages").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "Newtonsoft.Json");
        Assert.That(json.GetProperty("version").GetString(), Is.EqualTo("13.0.1"));
        Assert.That(json.GetProperty("from").GetProperty("origin").GetString(), Is.EqualTo("override"));
        Assert.That(json.GetProperty("from").GetProperty("line").GetInt32(), Is.EqualTo(16));
        var replaced = json.GetProperty("replaced").EnumerateArray().Single();
        Assert.That(replaced.GetProperty("value").GetString(), Is.EqualTo("13.0.3"));
        Assert.That(replaced.GetProperty("from").GetProperty("node").GetString(), Is.EqualTo("release"));
        var b = nodes[2];
        Assert.That(b.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("id").GetString()), Is.EqualTo(new[] { "Serilog" }));
        Assert.That(b.GetProperty("scopes").EnumerateArray().Select(s => s.GetProperty("name").GetString()), Is.EqualTo(new[] { "infra", "backend" }));
    }
}
