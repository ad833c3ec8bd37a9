using System.Text.Json;

namespace Spicetime.Cli.Tests.Commands;

/// <summary>
/// `spicetime sync [--check] [--branch]`, `spicetime outdated` and `spicetime affected` around a manual node, in a real git
/// repository: the lock written and stable, the check's exit code and messages, a manual node held until it syncs.
/// </summary>
public class SyncCommandTests
{
    private const string Tree = """
        {"scopes": {"core": {"packages": {"Newtonsoft.Json": "13.0.1", "Serilog": "4.0.0"}}},
         "root": {"branch": "release", "version": "1.4.0", "scopes": ["core"], "children": [
           {"branch": "feature-A", "path": "forks/a", "updates": "manual"},
           {"branch": "feature-B", "path": "forks/b"}]}}
        """;

    private GitWorkspace _repo = null!;

    private CliRun Run(params string[] args) => CliRun.In(_repo.Root, args);

    [SetUp]
    public void CreateRepository()
    {
        _repo = new GitWorkspace();
        _repo.Write("tree.json", Tree)
            .Write("forks/a/A/A.csproj", """<Project Sdk="Spicetime.Sdk" />""")
            .Write("forks/b/B/B.csproj", """<Project Sdk="Spicetime.Sdk" />""");
        Assert.That(Run("sync").ExitCode, Is.EqualTo(0));
        _repo.Commit("tree and lock");
    }

    [TearDown]
    public void RemoveRepository() => _repo.Dispose();

    [Test]
    public void Sync_writes_the_lock_once_and_check_passes_then_fails_naming_what_drifted()
    {
        var again = Run("sync");
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(again.Output, Does.Contain("tree.lock.json is up to date (3 node(s))"));
        Assert.That(Run("sync", "--check").ExitCode, Is.EqualTo(0));

        _repo.Edit("tree.json", "\"Serilog\": \"4.0.0\"", "\"Serilog\": \"4.1.0\"");
        var check = Run("sync", "--check");
        Assert.That(check.ExitCode, Is.EqualTo(1), check.ToString());
        Assert.That(check.Error, Does.Contain("tree.lock.json: error SPT0600: tree.lock.json is out of date: feature-B: packages/Serilog 4.0.0 (release/core) → 4.1.0 (release/core), changed by release; run spicetime sync and commit it"));
        Assert.That(check.Error, Does.Contain("release: packages/Serilog"));
        Assert.That(check.Error, Does.Not.Contain("feature-A: packages/Serilog"), "the manual node keeps its recorded state");
        Assert.That(_repo.Git("status", "--porcelain"), Does.Not.Contain("tree.lock.json"), "--check writes nothing");

        var sync = Run("sync");
        Assert.That(sync.Output, Does.Contain("Wrote tree.lock.json").And.Contain("feature-B: packages/Serilog 4.0.0 (release/core) → 4.1.0 (release/core), changed by release"));
        Assert.That(Run("sync", "--check").ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void Outdated_lists_what_the_parent_changed_and_sync_branch_takes_it()
    {
        _repo.Edit("tree.json", "\"Newtonsoft.Json\": \"13.0.1\"", "\"Newtonsoft.Json\": \"13.0.3\"");
        Run("sync");
        var text = Run("outdated");
        Assert.That(text.ExitCode, Is.EqualTo(0), text.ToString());
        Assert.That(text.Output, Does.Contain("feature-A: 1 change(s) in release since the last sync (take them: spicetime sync --branch feature-A)"));
        Assert.That(text.Output, Does.Contain("core/packages/Newtonsoft.Json: 13.0.1 (release/core) → 13.0.3 (release/core), changed by release"));

        using (var json = JsonDocument.Parse(Run("outdated", "--format", "json").Output))
        {
            var node = json.RootElement.GetProperty("nodes").EnumerateArray().Single();
            Assert.That(node.GetProperty("branch").GetString(), Is.EqualTo("feature-A"));
            var change = node.GetProperty("changes").EnumerateArray().Single();
            Assert.That(change.GetProperty("entry").GetString(), Is.EqualTo("core/packages/Newtonsoft.Json"));
            Assert.That(change.GetProperty("old").GetString(), Is.EqualTo("13.0.1 (release/core)"));
            Assert.That(change.GetProperty("new").GetString(), Is.EqualTo("13.0.3 (release/core)"));
            Assert.That(change.GetProperty("changedBy").GetString(), Is.EqualTo("release"));
        }

        var why = Run("why", "Newtonsoft.Json", "--branch", "feature-A");
        Assert.That(why.Output, Does.Contain("13.0.1").And.Contain("as tree.lock.json recorded it"));
        Assert.That(Run("show", "--branch", "feature-A").Output, Does.Contain("release/core (locked in tree.lock.json)").And.Contain("updates manual: built on tree.lock.json"));

        var take = Run("sync", "--branch", "feature-A");
        Assert.That(take.ExitCode, Is.EqualTo(0), take.ToString());
        Assert.That(take.Output, Does.Contain("feature-A: packages/Newtonsoft.Json 13.0.1 (release/core) → 13.0.3 (release/core), changed by release"));
        Assert.That(Run("outdated").Output, Does.Contain("feature-A: up to date with release"));
        Assert.That(Run("sync", "--branch", "nope").Error, Does.Contain("error SPT0200: --branch is 'nope', which is no node of the tree (known branches: release, feature-A"));
    }

    [Test]
    public void Affected_skips_a_manual_node_for_an_upstream_change_and_takes_it_when_its_lock_changes()
    {
        _repo.Edit("tree.json", "\"Newtonsoft.Json\": \"13.0.1\"", "\"Newtonsoft.Json\": \"13.0.3\"");
        Run("sync");
        _repo.Commit("upstream moves on");
        var upstream = JsonDocument.Parse(Run("affected", "--base", "HEAD~1", "--format", "json").Output).RootElement;
        var projects = upstream.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("path").GetString()).ToList();
        Assert.That(projects, Is.EqualTo(new[] { "forks/b/B/B.csproj" }), "feature-A builds on its recorded state");

        Run("sync", "--branch", "feature-A");
        _repo.Commit("feature-A takes it");
        var taken = JsonDocument.Parse(Run("affected", "--base", "HEAD~1", "--format", "json").Output).RootElement;
        var project = taken.GetProperty("projects").EnumerateArray().Single();
        Assert.That(project.GetProperty("path").GetString(), Is.EqualTo("forks/a/A/A.csproj"));
        Assert.That(project.GetProperty("reasons")[0].GetString(), Does.StartWith("tree.lock.json: packages.Newtonsoft.Json 13.0.1 -> 13.0.3"));
    }
}
