using System.Text.Json;

namespace Spicetime.Cli.Tests;

public class CliTests
{
    /// <summary>The full manifest with a second fork (tests/Fixtures/Trees/two-forks.tree.json).</summary>
    private static readonly string Full = FixtureFiles.Read("Trees/two-forks.tree.json");

    private const string Broken = """
        {
          "root": {
            "branch": "release",
            "scopes": ["infra"],
            "children": [
              { "branch": "feature-B", "scopes": ["backend"],
               "inherits": ["core"], "versoin": "1.0.0" }
            ]
          }
        }
        """;

    [Test]
    public void Validate_reports_a_valid_tree_and_its_warnings()
    {
        using var folder = new TreeFolder(Full);
        var run = folder.Run("validate");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("tree.json is valid: 3 node(s), 3 scope definition(s)"));
        Assert.That(run.Error, Does.Contain("warning SPT0108: Scope 'frontend' of feature-A"));
    }

    [Test]
    public void Validate_prints_every_error_in_canonical_form_and_exits_1()
    {
        using var folder = new TreeFolder(Broken);
        var run = folder.Run("validate");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("tree.json(7,21): error SPT0102: feature-B inherits 'core', which release does not have"));
        Assert.That(run.Error, Does.Contain("tree.json(7,30): warning SPT0105: Unknown key 'versoin'").And.Contain("did you mean 'version'?"));
        Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void The_tree_is_found_by_walking_up_or_named_with_tree()
    {
        using var folder = new TreeFolder(Full);
        var nested = Directory.CreateDirectory(Path.Combine(folder.Path, "forks", "feature-a", "Web")).FullName;
        Assert.That(CliRun.In(nested, "validate").ExitCode, Is.EqualTo(0));
        var elsewhere = Directory.CreateTempSubdirectory("spicetime-cli-other-").FullName;
        try
        {
            var notFound = CliRun.In(elsewhere, "validate");
            Assert.That(notFound.ExitCode, Is.EqualTo(1));
            Assert.That(notFound.Error, Does.Contain("error SPT0001"));
            var named = CliRun.In(elsewhere, "validate", "--tree", Path.Combine(folder.Path, "tree.json"));
            Assert.That(named.ExitCode, Is.EqualTo(0), named.ToString());
        }
        finally
        {
            Directory.Delete(elsewhere, true);
        }
    }

    [Test]
    public void Show_text_gives_each_entry_with_its_provenance()
    {
        using var folder = new TreeFolder(Full);
        var run = folder.Run("show", "--branch", "feature-A");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.That(lines[0], Is.EqualTo("feature-A  (child of release, path forks/feature-a, version 1.4.0-feature-a.{build})"));
        Assert.That(lines, Does.Contain("  scopes: core (from release, changed here), infra (from release), frontend (own, undefined)"));
        Assert.That(lines.Any(l => l.StartsWith("    Newtonsoft.Json  13.0.1") && l.EndsWith("feature-A inline override #2 (replaced 13.0.3 from release/core)")), run.Output);
        Assert.That(lines.Any(l => l.StartsWith("    Polly ") && l.EndsWith("feature-A extends core")), run.Output);
        Assert.That(lines.Any(l => l.StartsWith("    ThemeName") && l.EndsWith("feature-A override 'frontend-theme'")), run.Output);
        Assert.That(lines.Any(l => l.StartsWith("    orders-api") && l.Contains("contracts/orders.openapi.json")), run.Output);
    }

    [Test]
    public void Show_without_branch_shows_the_whole_tree()
    {
        using var folder = new TreeFolder(Full);
        var run = folder.Run("show");
        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Output, Does.Contain("release  (root, version 1.4.0)").And.Contain("feature-A  (").And.Contain("feature-B  ("));
    }

    [Test]
    public void Show_json_is_structured_and_parses_back()
    {
        using var folder = new TreeFolder(Full);
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

    [Test]
    public void Why_tells_the_chain_for_a_package_and_a_property()
    {
        using var folder = new TreeFolder(Full);
        var run = folder.Run("why", "Newtonsoft.Json", "--branch", "feature-A");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0), Is.EqualTo(new[]
        {
            "feature-A: package Newtonsoft.Json = 13.0.1",
            "  release sets 13.0.3 in scope 'core'  (tree.json(3,49))",
            "  feature-A inherits scope 'core' from release",
            "  feature-A (inline override #2) sets 13.0.1, replacing 13.0.3  (tree.json(16,76))",
        }));
        var property = folder.Run("why", "ThemeName", "-b", "feature-A");
        Assert.That(property.Output, Does.Contain("feature-A: property ThemeName = dark").And.Contain("feature-A override 'frontend-theme' sets dark"));
    }

    [Test]
    public void Why_fails_for_an_entry_the_node_does_not_have()
    {
        using var folder = new TreeFolder(Full);
        var run = folder.Run("why", "Newtonsoft.Json", "--branch", "feature-B");
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain("feature-B has no package, property or contract named 'Newtonsoft.Json'"));
    }

    [Test]
    public void Unknown_branch_is_SPT0200_with_the_known_branches()
    {
        using var folder = new TreeFolder(Full);
        var run = folder.Run("show", "--branch", "feature-a2");
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain("error SPT0200: No node has branch 'feature-a2' (known branches: release, feature-A, feature-B); did you mean 'feature-A'?"));
    }

    [Test]
    public void Graph_mermaid_and_dot()
    {
        using var folder = new TreeFolder(Full);
        var mermaid = folder.Run("graph", "--format", "mermaid");
        Assert.That(mermaid.ExitCode, Is.EqualTo(0));
        Assert.That(mermaid.Output, Does.StartWith("graph TD"));
        Assert.That(mermaid.Output, Does.Contain("n0 -->|\"core, infra\"| n1").And.Contain("n0 -->|\"infra\"| n2"));
        var dot = folder.Run("graph", "--format", "dot");
        Assert.That(dot.Output, Does.StartWith("digraph tree {"));
        Assert.That(dot.Output, Does.Contain("\"release\" -> \"feature-B\" [label=\"infra\"];"));
        Assert.That(dot.Output.TrimEnd(), Does.EndWith("}"));
    }

    [TestCase("show", "--format", "xml")]
    [TestCase("frobnicate")]
    [TestCase("why", "Polly")]
    [TestCase("show", "--branch")]
    public void Usage_errors_exit_2(params string[] args)
    {
        using var folder = new TreeFolder(Full);
        var run = folder.Run(args);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("spicetime: error:"));
    }

    [Test]
    public void Help_lists_the_commands()
    {
        using var folder = new TreeFolder(Full);
        var run = folder.Run("--help");
        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Output, Does.Contain("validate").And.Contain("show").And.Contain("why").And.Contain("graph"));
    }

    [Test]
    public void Malformed_tree_json_fails_every_command_with_a_positioned_error()
    {
        using var folder = new TreeFolder("{\n  \"root\": {\n    \"branch\": \"r\",\n  }\n  oops\n}");
        foreach (var command in new[] { "validate", "show", "graph" })
        {
            var run = folder.Run(command);
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Error, Does.Match(@"tree\.json\(5,3\): error SPT0100: Malformed JSON"));
        }
    }
}
