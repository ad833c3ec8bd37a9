using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Locking;
using Spicetime.Tree.Model;

namespace Spicetime.Tree.Tests.Locking;

/// <summary>
/// tree.lock.json: the format (stable, sorted, LF, no absolute paths, read back exactly), manual nodes building on what
/// it recorded while their own edits apply live, `sync --branch`, drift and `outdated` naming node, entry, old → new and
/// who changed it, and a damaged lock.
/// </summary>
public class TreeLockTests
{
    private const string Tree = """
        {
          "scopes": {
            "core": { "packages": { "Newtonsoft.Json": "13.0.1", "Serilog": "4.0.0" }, "properties": { "Nullable": "enable" },
                      "projects": ["shared/Core/Core.csproj"], "contracts": { "orders": "contracts/orders.json" } },
            "web": { "properties": { "ThemeName": "dark" } }
          },
          "root": { "branch": "release", "version": "1.4.0", "scopes": ["core"],
            "children": [
              { "branch": "feature-A", "path": "forks/a", "updates": "manual", "scopes": ["web"],
                "extends": { "core": { "packages": { "Polly": "8.4.0" } } },
                "children": [ { "branch": "hotfix" } ] },
              { "branch": "feature-B", "path": "forks/b" }
            ] }
        }
        """;

    private string _folder = null!;

    private string TreePath => Path.Combine(_folder, "tree.json");

    [SetUp]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("spicetime-lock-").FullName;
        File.WriteAllText(TreePath, Tree);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    private LockSyncResult Sync(params string[] branches) => TreeLockSync.Run(TreePath, branches, check: false);

    private LockSyncResult Check() => TreeLockSync.Run(TreePath, Array.Empty<string>(), check: true);

    private void Edit(string oldText, string newText)
    {
        var text = File.ReadAllText(TreePath);
        Assert.That(text, Does.Contain(oldText));
        File.WriteAllText(TreePath, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    private Spicetime.Tree.Resolution.ResolvedTree Load()
    {
        var result = TreeFile.Load(TreePath);
        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        return result.Tree!;
    }

    [Test]
    public void The_lock_is_the_same_bytes_for_the_same_tree_sorted_with_LF_and_no_absolute_path_and_reads_back_exactly()
    {
        var first = Sync();
        Assert.That(first.Written, Is.True);
        var bytes = File.ReadAllBytes(first.LockFile);
        var text = File.ReadAllText(first.LockFile);
        Assert.That(text, Does.Not.Contain("\r"));
        Assert.That(text, Does.EndWith("}\n"));
        Assert.That(text, Does.Not.Contain(_folder).And.Not.Contain(Path.GetTempPath()));
        var nodeOrder = new[] { "feature-A", "feature-B", "hotfix", "release" }.Select(b => text.IndexOf($"\n    \"{b}\": {{", StringComparison.Ordinal)).ToList();
        Assert.That(nodeOrder, Is.Ordered.And.All.GreaterThan(0), "nodes sorted by branch");

        // Written again from scratch (another machine): the same bytes; and nothing to write when nothing changed.
        File.Delete(first.LockFile);
        Sync();
        Assert.That(File.ReadAllBytes(first.LockFile), Is.EqualTo(bytes));
        Assert.That(Sync().Written, Is.False);

        var read = TreeLockFile.Read(bytes, first.LockFile, new DiagnosticBag(first.LockFile))!;
        Assert.That(TreeLockFile.Write(read), Is.EqualTo(text), "what is read writes back byte for byte");
        var featureA = read.Find("feature-A")!;
        Assert.That(featureA.Manual, Is.True);
        Assert.That(featureA.Version, Is.EqualTo("1.4.0-feature-a.{build}"));
        Assert.That(featureA.Entries.Single(e => e.Key == "Polly").From, Is.EqualTo("feature-A extends core"));
        Assert.That(featureA.Inherited!.Single().Entries.Select(e => e.Key), Is.EquivalentTo(new[] { "Newtonsoft.Json", "Serilog", "Nullable", "shared/Core/Core.csproj", "orders" }));
        Assert.That(read.Find("feature-B")!.Inherited, Is.Null, "live nodes record no inheritance of their own");
        Assert.That(Check().UpToDate, Is.True);
    }

    [Test]
    public void A_manual_node_builds_on_what_the_lock_recorded_while_its_own_edits_apply_live_and_its_children_follow_it()
    {
        Sync();
        Edit("\"Newtonsoft.Json\": \"13.0.1\"", "\"Newtonsoft.Json\": \"13.0.3\", \"Dapper\": \"2.1.0\"");
        Edit("\"Polly\": \"8.4.0\"", "\"Polly\": \"8.5.0\"");
        var tree = Load();

        var a = tree.Find("feature-A")!;
        Assert.That(a.InheritsFromLock, Is.True);
        Assert.That(a.Find(EntryKind.Package, "Newtonsoft.Json")!.Value, Is.EqualTo("13.0.1"), "upstream's change waits for a sync");
        Assert.That(a.Find(EntryKind.Package, "Newtonsoft.Json")!.Source.FromLock, Is.True);
        Assert.That(a.Find(EntryKind.Package, "Newtonsoft.Json")!.Source.DescribeWithLock(), Is.EqualTo("release/core (locked in tree.lock.json)"));
        Assert.That(a.Find(EntryKind.Package, "Dapper"), Is.Null);
        Assert.That(a.Find(EntryKind.Package, "Polly")!.Value, Is.EqualTo("8.5.0"), "its own extends is live");
        Assert.That(a.Find(EntryKind.Package, "Polly")!.Source.FromLock, Is.False);
        Assert.That(tree.Find("hotfix")!.Find(EntryKind.Package, "Newtonsoft.Json")!.Value, Is.EqualTo("13.0.1"), "a child follows its manual parent");
        Assert.That(tree.Find("feature-B")!.Find(EntryKind.Package, "Newtonsoft.Json")!.Value, Is.EqualTo("13.0.3"), "live nodes follow upstream");
        Assert.That(tree.Find("feature-B")!.Find(EntryKind.Package, "Dapper")!.Value, Is.EqualTo("2.1.0"));

        // outdated: what release changed since feature-A's last sync, entry by entry.
        var outdated = LockDrift.Outdated(tree);
        Assert.That(outdated.Select(c => c.Describe()), Is.EqualTo(new[]
        {
            "feature-A: core/packages/Dapper (none) → 2.1.0 (release/core), changed by release",
            "feature-A: core/packages/Newtonsoft.Json 13.0.1 (release/core) → 13.0.3 (release/core), changed by release",
        }));

        // sync keeps the recorded state; sync --branch takes the parent's current one.
        Sync();
        Assert.That(Load().Find("feature-A")!.Find(EntryKind.Package, "Newtonsoft.Json")!.Value, Is.EqualTo("13.0.1"));
        Sync("feature-A");
        var synced = Load();
        Assert.That(synced.Find("feature-A")!.Find(EntryKind.Package, "Newtonsoft.Json")!.Value, Is.EqualTo("13.0.3"));
        Assert.That(synced.Find("hotfix")!.Find(EntryKind.Package, "Dapper")!.Value, Is.EqualTo("2.1.0"));
        Assert.That(LockDrift.Outdated(synced), Is.Empty);
    }

    [Test]
    public void The_check_names_each_drifted_entry_with_old_new_and_the_upstream_node_that_changed_it()
    {
        Assert.That(Check().Diagnostics.Single().Message, Does.Contain("tree.lock.json does not exist; run spicetime sync"));
        Sync();
        Edit("\"Serilog\": \"4.0.0\"", "\"Serilog\": \"4.1.0\"");
        Edit("\"version\": \"1.4.0\"", "\"version\": \"1.5.0\"");
        var check = Check();
        Assert.That(check.UpToDate, Is.False);
        var drift = check.Drift.Select(c => c.Describe()).ToList();
        Assert.That(drift, Does.Contain("feature-B: packages/Serilog 4.0.0 (release/core) → 4.1.0 (release/core), changed by release"));
        Assert.That(drift, Does.Contain("feature-B: version 1.4.0-feature-b.{build} → 1.5.0-feature-b.{build}, changed by release"));
        Assert.That(drift, Does.Contain("feature-A: version 1.4.0-feature-a.{build} → 1.5.0-feature-a.{build}, changed by release"),
            "a manual node keeps its inherited entries, not the version line");
        Assert.That(drift.Where(d => d.StartsWith("feature-A: packages", StringComparison.Ordinal)), Is.Empty, "feature-A's packages come from the lock");
        var error = check.Diagnostics.First(d => d.Code == "SPT0600");
        Assert.That(error.File, Is.EqualTo(check.LockFile));
        Assert.That(error.Message, Does.StartWith("tree.lock.json is out of date: ").And.EndWith("; run spicetime sync and commit it"));
        Assert.That(File.ReadAllText(check.LockFile), Does.Contain("\"4.0.0\""), "--check writes nothing");
    }

    [Test]
    public void A_manual_node_without_a_recorded_state_follows_its_parent_and_says_so()
    {
        var result = TreeFile.Load(TreePath);
        var warning = result.Diagnostics.Single(d => d.Code == DiagnosticCodes.ManualNodeNotLocked.Code);
        Assert.That(warning.Message, Does.Contain("feature-A").And.Contain("spicetime sync"));
        Assert.That(result.Tree!.Find("feature-A")!.InheritsFromLock, Is.False);
        Assert.That(Sync().Diagnostics.Where(d => d.Code == DiagnosticCodes.ManualNodeNotLocked.Code), Is.Empty, "sync is what records it");
    }

    [TestCase("{", "SPT0601")]
    [TestCase("""{"lockFileVersion": 2, "nodes": {}}""", "SPT0601")]
    [TestCase("""{"lockFileVersion": 1, "nodes": {"feature-A": {"packages": {"X": {"value": 1, "node": "r", "scope": "s"}}}}}""", "SPT0601")]
    [TestCase("""{"lockFileVersion": 1, "nodes": {"feature-A": {"packages": {"X": {"value": "1.0.0", "node": "r", "scope": "s", "origin": "magic"}}}}}""", "SPT0601")]
    public void A_damaged_lock_is_SPT0601_at_its_line_and_column(string content, string code)
    {
        File.WriteAllText(Path.Combine(_folder, TreeLock.FileName), content);
        var result = TreeFile.Load(TreePath);
        var error = result.Diagnostics.First(d => d.IsError);
        Assert.That(error.Code, Is.EqualTo(code));
        Assert.That(error.File, Is.EqualTo(TreeLock.PathFor(TreePath)));
        Assert.That(error.Position.Line, Is.GreaterThanOrEqualTo(1));
        Assert.That(result.Succeeded, Is.False);
    }
}
