using System.Diagnostics;
using System.Text.Json;
using Spicetime.Tree.Cache;

namespace Spicetime.Cli.Tests.Commands;

/// <summary>
/// `spicetime affected --format github-matrix --shards N` in a real git repository: five projects in three forks, all
/// affected by a Directory.Build.props change, split by their sizes, by times recorded in a cache folder, and by sizes
/// again when the cache cannot be reached.
/// </summary>
public class AffectedShardsCommandTests
{
    private const string Tree = """
        {"root": {"branch": "release", "path": "release", "children": [
           {"branch": "alpha", "path": "forks/alpha"},
           {"branch": "beta", "path": "forks/beta"}]}}
        """;

    /// <summary>Each project's code file, in bytes: their order by size is A1, B1, A2, B2, App.</summary>
    private static readonly Dictionary<string, int> CodeSizes = new()
    {
        ["release/App/App.csproj"] = 100,
        ["forks/alpha/A1/A1.csproj"] = 5000,
        ["forks/alpha/A2/A2.csproj"] = 1000,
        ["forks/beta/B1/B1.csproj"] = 3000,
        ["forks/beta/B2/B2.csproj"] = 200,
    };

    private TreeFolder _repo = null!;

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repo.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "user.name=t", "-c", "user.email=t@t.invalid" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(0), process.StandardError.ReadToEnd());
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_repo.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private void Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
    }

    [SetUp]
    public void CreateRepository()
    {
        _repo = new TreeFolder(Tree);
        Write("Directory.Build.props", "<Project />");
        foreach (var (project, size) in CodeSizes)
        {
            Write(project, """<Project Sdk="Spicetime.Sdk" />""");
            Write(Path.ChangeExtension(project, ".cs"), new string('x', size));
        }

        Git("init", "-q", "-b", "release");
        Commit("init");
        Write("Directory.Build.props", "<Project><PropertyGroup><Deterministic>true</Deterministic></PropertyGroup></Project>");
        Commit("every project");
    }

    [TearDown]
    public void RemoveRepository() => _repo.Dispose();

    private static long SizeOf(string project) => CodeSizes[project] + """<Project Sdk="Spicetime.Sdk" />""".Length;

    private static List<JsonElement> Entries(CliRun run)
    {
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line, for $GITHUB_OUTPUT");
        return JsonDocument.Parse(run.Output).RootElement.GetProperty("include").EnumerateArray().ToList();
    }

    private static string[] Projects(JsonElement entry) => entry.GetProperty("projects").EnumerateArray().Select(p => p.GetString()!).ToArray();

    private static string Show(List<JsonElement> entries) => string.Join(" | ", entries.Select(e =>
        $"{e.GetProperty("shard").GetInt32()}:{e.GetProperty("weight").GetInt64()}{e.GetProperty("weightUnit").GetString()}:{string.Join(",", Projects(e))}"));

    [Test]
    public void Shards_split_the_affected_projects_by_size_each_once_with_a_list_to_build_and_their_branches()
    {
        var plain = Entries(_repo.Run("affected", "--base", "HEAD~1", "--format", "github-matrix"));
        var run = _repo.Run("affected", "--base", "HEAD~1", "--format", "github-matrix", "--shards", "2");
        var entries = Entries(run);

        // Heaviest first, each to the lighter shard: A1 alone; B1, A2, B2 and App together still weigh less.
        Assert.That(Show(entries), Is.EqualTo(
            $"1:{SizeOf("forks/alpha/A1/A1.csproj")}bytes:forks/alpha/A1/A1.csproj"
            + $" | 2:{SizeOf("forks/alpha/A2/A2.csproj") + SizeOf("forks/beta/B1/B1.csproj") + SizeOf("forks/beta/B2/B2.csproj") + SizeOf("release/App/App.csproj")}bytes:"
            + "forks/alpha/A2/A2.csproj,forks/beta/B1/B1.csproj,forks/beta/B2/B2.csproj,release/App/App.csproj"));
        Assert.That(entries.SelectMany(Projects).Order(StringComparer.Ordinal), Is.EqualTo(plain.Select(p => p.GetProperty("project").GetString()).Order(StringComparer.Ordinal)));
        var second = entries[1];
        Assert.That(second.GetProperty("name").GetString(), Is.EqualTo("2 of 2"));
        Assert.That(second.GetProperty("count").GetInt32(), Is.EqualTo(4));
        Assert.That(second.GetProperty("list").GetString(), Is.EqualTo(string.Join(";", Projects(second))));
        Assert.That(second.GetProperty("branches").EnumerateArray().Select(b => b.GetString()), Is.EqualTo(new[] { "alpha", "beta", "release" }));
        Assert.That(entries[0].GetProperty("branches").EnumerateArray().Select(b => b.GetString()), Is.EqualTo(new[] { "alpha" }));
        Assert.That(_repo.Run("affected", "--base", "HEAD~1", "--format", "github-matrix", "--shards", "2").Output, Is.EqualTo(run.Output), "the same answer every time");
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public void More_shards_than_projects_give_each_its_own_and_nothing_affected_is_the_empty_matrix()
    {
        var entries = Entries(_repo.Run("affected", "--base", "HEAD~1", "--format", "github-matrix", "--shards", "256"));
        Assert.That(entries.Select(e => Projects(e).Single()), Is.EqualTo(new[]
        {
            "forks/alpha/A1/A1.csproj", "forks/beta/B1/B1.csproj", "forks/alpha/A2/A2.csproj", "forks/beta/B2/B2.csproj", "release/App/App.csproj",
        }));

        Write("README.md", "nothing builds this");
        Commit("docs");
        var nothing = _repo.Run("affected", "--base", "HEAD~1", "--format", "github-matrix", "--shards", "4");
        Assert.That(nothing.ExitCode, Is.EqualTo(0), nothing.ToString());
        Assert.That(nothing.Output.Trim(), Is.EqualTo("""{"include":[]}"""));
    }

    [Test]
    public void Recorded_times_from_the_cache_balance_the_shards_and_a_project_without_one_is_estimated_from_its_size()
    {
        var cache = Path.Combine(_repo.Path, ".cache-store");
        var store = new LocalFolderStore(cache, 1 << 20);
        // B1 is the slowest by far; App has no record: its 131 bytes at the median rate of the others.
        ProjectTimings.Record(store, "forks/beta/B1/B1.csproj", TimeSpan.FromMilliseconds(60_000), TimeSpan.FromMilliseconds(30_000));
        ProjectTimings.Record(store, "forks/alpha/A1/A1.csproj", TimeSpan.FromMilliseconds(20_000), null);
        ProjectTimings.Record(store, "forks/alpha/A2/A2.csproj", null, TimeSpan.FromMilliseconds(15_000));
        ProjectTimings.Record(store, "forks/beta/B2/B2.csproj", TimeSpan.FromMilliseconds(1_000), TimeSpan.FromMilliseconds(500));

        var rates = new[]
        {
            90_000.0 / SizeOf("forks/beta/B1/B1.csproj"), 20_000.0 / SizeOf("forks/alpha/A1/A1.csproj"),
            15_000.0 / SizeOf("forks/alpha/A2/A2.csproj"), 1_500.0 / SizeOf("forks/beta/B2/B2.csproj"),
        }.Order().ToArray();
        var app = (long)Math.Round(SizeOf("release/App/App.csproj") * (rates[1] + rates[2]) / 2, MidpointRounding.AwayFromZero);

        var run = _repo.Run("affected", "--base", "HEAD~1", "--format", "github-matrix", "--shards", "2", "--cache", ".cache-store");
        Assert.That(Show(Entries(run)), Is.EqualTo(
            "1:90000ms:forks/beta/B1/B1.csproj"
            + $" | 2:{20_000 + 15_000 + 1_500 + app}ms:forks/alpha/A1/A1.csproj,forks/alpha/A2/A2.csproj,forks/beta/B2/B2.csproj,release/App/App.csproj"));
        Assert.That(run.Error, Is.Empty);

        // SPICETIME_CACHE is the default location, relative to the current folder as --cache is.
        var fromEnvironment = CliRun.In(_repo.Path, new Dictionary<string, string> { ["SPICETIME_CACHE"] = cache },
            "affected", "--base", "HEAD~1", "--format", "github-matrix", "--shards", "2");
        Assert.That(fromEnvironment.Output, Is.EqualTo(run.Output), fromEnvironment.ToString());
    }

    [Test]
    public void A_cache_that_cannot_be_read_is_a_warning_and_the_shards_are_balanced_by_size()
    {
        var bySize = _repo.Run("affected", "--base", "HEAD~1", "--format", "github-matrix", "--shards", "2").Output;
        var unreachable = _repo.Run("affected", "--base", "HEAD~1", "--format", "github-matrix", "--shards", "2", "--cache", "http://127.0.0.1:1/");
        Assert.That(unreachable.ExitCode, Is.EqualTo(0), unreachable.ToString());
        Assert.That(unreachable.Output, Is.EqualTo(bySize));
        Assert.That(unreachable.Error, Does.StartWith("spicetime: warning: the recorded times could not be read: http://127.0.0.1:1/ is unreachable")
            .And.Contain("the shards are balanced by project size"));

        var other = _repo.Run("affected", "--base", "HEAD~1", "--format", "github-matrix", "--shards", "2", "--cache", "ftp://cache");
        Assert.That(other.ExitCode, Is.EqualTo(0), other.ToString());
        Assert.That(other.Output, Is.EqualTo(bySize));
        Assert.That(other.Error, Does.Contain("spicetime: warning: --cache='ftp://cache' is neither a folder nor an http(s):// URL"));
    }

    [TestCase(new[] { "--format", "github-matrix", "--shards", "0" }, "--shards takes a number of jobs from 1 to 256")]
    [TestCase(new[] { "--format", "github-matrix", "--shards", "257" }, "--shards takes a number of jobs from 1 to 256")]
    [TestCase(new[] { "--format", "github-matrix", "--shards", "many" }, "not 'many'")]
    [TestCase(new[] { "--shards", "2" }, "--shards splits a github-matrix; it cannot be combined with --format text")]
    [TestCase(new[] { "--format", "traversal", "--shards", "2" }, "it cannot be combined with --format traversal")]
    [TestCase(new[] { "--format", "github-matrix", "--branches", "--shards", "2" }, "it cannot be combined with --branches")]
    [TestCase(new[] { "--format", "github-matrix", "--cache", "x" }, "--cache is read with --shards")]
    public void Shards_outside_1_to_256_or_without_a_github_matrix_are_usage_errors(string[] options, string message)
    {
        var run = _repo.Run(new[] { "affected", "--base", "HEAD~1" }.Concat(options).ToArray());
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("spicetime: error: ").And.Contain(message));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void A_shards_list_makes_the_traversal_project_take_exactly_its_projects()
    {
        var entries = Entries(_repo.Run("affected", "--base", "HEAD~1", "--format", "github-matrix", "--shards", "2"));
        var traversal = _repo.Run("affected", "--base", "HEAD~1", "--format", "traversal");
        File.WriteAllText(Path.Combine(_repo.Path, "affected.proj"), traversal.Output);

        Assert.That(Items(null), Has.Length.EqualTo(5), "without the variable: every affected project");
        foreach (var entry in entries)
        {
            Assert.That(Items(entry.GetProperty("list").GetString()), Is.EqualTo(Projects(entry)));
        }
    }

    /// <summary>What MSBuild evaluates affected.proj's ProjectToBuild items to, with SpicetimeAffectedProjects set in the environment.</summary>
    private string[] Items(string? list)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _repo.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "msbuild", "affected.proj", "-getItem:ProjectToBuild", "-nologo" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("SpicetimeAffectedProjects");
        if (list is not null)
        {
            start.Environment["SpicetimeAffectedProjects"] = list;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(0), output + process.StandardError.ReadToEnd());
        return JsonDocument.Parse(output).RootElement.GetProperty("Items").GetProperty("ProjectToBuild").EnumerateArray()
            .Select(i => i.GetProperty("Identity").GetString()!).ToArray();
    }
}
