using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Spicetime.Cli.Tests.Commands;

/// <summary>spicetime graph --format html without a browser: the page's data is the JSON of the other formats, and the file is self-contained.</summary>
public class GraphPageTests
{
    private GraphPageRepository _repo = null!;

    [OneTimeSetUp]
    public void CreateRepository() => _repo = new GraphPageRepository();

    [OneTimeTearDown]
    public void RemoveRepository() => _repo.Dispose();

    [Test]
    public void The_page_embeds_exactly_what_show_and_affected_print_as_json()
    {
        var page = _repo.WritePage("page.html", "--base", "HEAD~1");
        var data = GraphPageRepository.PageData(page);
        var show = CliRun.In(_repo.Root, "show", "--format", "json");
        var affected = CliRun.In(_repo.Root, "affected", "--base", "HEAD~1", "--format", "json");
        Assert.That(show.ExitCode + affected.ExitCode, Is.Zero, show + "\n" + affected);

        Assert.That(JsonNode.DeepEquals(data["tree"], JsonNode.Parse(show.Output)), Is.True, "the page's tree is show's JSON");
        Assert.That(JsonNode.DeepEquals(data["affected"], JsonNode.Parse(affected.Output)), Is.True, "the page's overlay is affected's JSON");
        Assert.That(data["affected"]!["projects"]!.AsArray().Select(p => (string)p!["path"]!),
            Is.EqualTo(new[] { "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj" }));
        Assert.That(data["format"]!.GetValue<string>(), Is.EqualTo("spicetime-graph/1"));
        Assert.That(data["base"]!.GetValue<string>(), Is.EqualTo("HEAD~1"));
    }

    [Test]
    public void Changed_files_give_the_overlay_affected_gives_for_them()
    {
        var data = GraphPageRepository.PageData(_repo.WritePage("files.html", "--files", "release/App/App.csproj"));
        var affected = CliRun.In(_repo.Root, "affected", "--files", "release/App/App.csproj", "--format", "json");
        Assert.That(affected.ExitCode, Is.EqualTo(0), affected.ToString());
        Assert.That(JsonNode.DeepEquals(data["affected"], JsonNode.Parse(affected.Output)), Is.True);
        Assert.That(data["files"]!.AsArray().Select(f => (string)f!), Is.EqualTo(new[] { "release/App/App.csproj" }));
        Assert.That(data["base"], Is.Null);
    }

    [Test]
    public void The_page_lists_each_forks_projects_with_their_references_and_each_entrys_why_chain()
    {
        var data = GraphPageRepository.PageData(_repo.WritePage("plain.html"));
        Assert.That(data["affected"], Is.Null);
        var projects = data["projects"]!.AsArray().ToDictionary(p => (string)p!["path"]!, p => p!);
        Assert.That(projects.Keys, Is.EquivalentTo(new[]
        {
            "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj", "forks/beta/B1/B1.csproj", "release/App/App.csproj", "shared/Core/Core.csproj",
        }));
        Assert.That((string)projects["forks/beta/B1/B1.csproj"]["branch"]!, Is.EqualTo("beta"));
        Assert.That(projects["forks/alpha/A2/A2.csproj"]["references"]!.AsArray().Select(r => (string)r!),
            Is.EquivalentTo(new[] { "forks/alpha/A1/A1.csproj", "shared/Core/Core.csproj" }), "its own reference and the scope's injected one");

        var steps = data["why"]!["beta"]!["packages"]!["Newtonsoft.Json"]!.AsArray().Select(s => (string)s!["action"]! + " " + (string)s["node"]!);
        Assert.That(steps, Is.EqualTo(new[] { "set release", "inherited beta", "replaced beta" }));
    }

    [Test]
    public void The_page_is_one_self_contained_file()
    {
        var html = File.ReadAllText(_repo.WritePage("self.html"));
        Assert.That(html, Does.Not.Match(@"<script[^>]*\ssrc="), "scripts are inline");
        Assert.That(html, Does.Not.Contain("<link"), "styles are inline");
        Assert.That(Regex.IsMatch(html, @"(src|href)=""(https?:)?//"), Is.False, "nothing is fetched");
        Assert.That(html, Does.Contain("Copyright (c) 2012-2014 Chris Pettitt"), "the vendored layout library carries its license");
        Assert.That(html, Does.Contain("default-src 'none'"), "the page forbids itself any fetch");
        Assert.That(Regex.Matches(html, "</script>").Count, Is.EqualTo(Spicetime.Cli.Output.GraphPageWriter.Scripts.Length + 1));
    }

    [Test]
    public void A_value_that_looks_like_markup_stays_data()
    {
        using var folder = new TreeFolder("""{"root": {"branch": "main", "scopes": ["s"]}, "scopes": {"s": {"properties": {"Evil": "</script><script>alert(1)</script>"}}}}""");
        var run = folder.Run("graph", "--format", "html", "--output", "-");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Not.Contain("<script>alert"));
        Assert.That(run.Output, Does.Contain("\\u003c/script>\\u003cscript>alert(1)"));
    }

    [Test]
    public void The_page_reads_projects_through_the_facts_cache_as_affected_does_and_no_cache_gives_the_same_page()
    {
        var cacheFolder = Path.Combine(_repo.Root, ".git", "spicetime");
        var uncached = GraphPageRepository.PageData(_repo.WritePage("uncached.html", "--base", "HEAD~1", "--no-cache"));
        string[] Facts() => Directory.Exists(cacheFolder) ? Directory.GetFiles(cacheFolder, "facts-*.bin") : Array.Empty<string>();
        foreach (var earlier in Facts())
        {
            File.Delete(earlier); // the repository is shared by this class's tests, which write pages with the cache on
        }

        Assert.That(Facts(), Is.Empty, "--no-cache neither reads nor writes it (the folder may hold the versions' height cache)");

        var cold = GraphPageRepository.PageData(_repo.WritePage("cold.html", "--base", "HEAD~1"));
        Assert.That(Facts(), Has.Length.EqualTo(1));
        var warm = GraphPageRepository.PageData(_repo.WritePage("warm.html", "--base", "HEAD~1"));
        Assert.That(cold["projects"]!.ToJsonString(), Is.EqualTo(uncached["projects"]!.ToJsonString()));
        Assert.That(warm["projects"]!.ToJsonString(), Is.EqualTo(uncached["projects"]!.ToJsonString()));
        Assert.That(warm["affected"]!.ToJsonString(), Is.EqualTo(uncached["affected"]!.ToJsonString()));
    }

    [Test]
    public void Output_and_base_go_with_html_only()
    {
        using var folder = new TreeFolder(Trees.Full);
        var run = folder.Run("graph", "--format", "mermaid", "--output", "x.html");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("--output, --base, --files and --no-cache go with --format html"));
    }

    [Test]
    public void A_base_git_cannot_compare_fails_like_affected()
    {
        var run = CliRun.In(_repo.Root, "graph", "--format", "html", "--output", "x.html", "--base", "no-such-ref");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("SPT0400").Or.Contain("git cannot compare"));
        Assert.That(File.Exists(Path.Combine(_repo.Root, "x.html")), Is.False);
    }
}
