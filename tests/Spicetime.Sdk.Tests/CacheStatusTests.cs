namespace Spicetime.Sdk.Tests;

/// <summary>
/// spicetime cache status and explain on real projects: without compiling, a clone elsewhere is told every project hits;
/// after an edit, the edited library misses and what references it waits on it; explain prints the key's inputs.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class CacheStatusTests
{
    private static ProcessResult Spicetime(string root, params string[] args) =>
        DotnetRun.Run("dotnet", root, new[] { typeof(global::Spicetime.Cli.SpicetimeCli).Assembly.Location }.Concat(args));

    private static Dictionary<string, string> Lines(ProcessResult status) =>
        status.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(".csproj"))
            .ToDictionary(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1] switch { _ => Project(l) }, l => l.Split(' ')[0]);

    private static string Project(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(w => w.EndsWith(".csproj"));

    [Test]
    public void Status_tells_hits_misses_and_waits_without_compiling_and_explain_prints_the_inputs()
    {
        var origin = BuildCacheTests.CreateOrigin();
        var cache = BuildCacheTests.NewCache();
        BuildCacheTests.BuildAll(origin.Root, cache);

        var clone = BuildCacheTests.Clone(origin, "status-clone");
        var status = Spicetime(clone, "cache", "status", "src/App/App.csproj", "--cache", cache).ShouldSucceed();
        Assert.That(Lines(status), Is.EquivalentTo(new Dictionary<string, string> { ["src/Lib/Lib.csproj"] = "hit", ["src/App/App.csproj"] = "hit" }), status.ToString());
        Assert.That(status.Output, Does.Contain("2 project(s) against").And.Contain("2 hit"));
        Assert.That(Directory.GetFiles(clone, "Lib.dll", SearchOption.AllDirectories), Is.Empty, "nothing compiled, nothing restored");
        Assert.That(File.ReadAllText(Path.Combine(clone, "src/Lib/obj/Debug/net10.0/spicetime.cache-key.json")),
            Is.EqualTo(File.ReadAllText(origin.PathOf("src/Lib/obj/Debug/net10.0/spicetime.cache-key.json"))), "the key a build computed, input for input");

        // A body-only edit: Lib misses; App references it, so its key is known only once Lib is compiled.
        var code = Path.Combine(clone, "src/Lib/Code.cs");
        File.WriteAllText(code, File.ReadAllText(code).Replace("\"hello\"", "\"hi\""));
        var edited = Spicetime(clone, "cache", "status", "src/App/App.csproj", "--cache", cache, "--format", "json").ShouldSucceed();
        Assert.That(edited.Output, Does.Contain("\"project\": \"src/Lib/Lib.csproj\"").And.Contain("\"status\": \"miss\""), edited.ToString());
        Assert.That(edited.Output, Does.Contain("\"status\": \"waits\"").And.Contain("\"waitsOn\": [\n        \"src/Lib/Lib.csproj\""));

        // Building it for real: Lib compiles, and App, whose reference assembly input did not change, hits as status could not know.
        var build = DotnetRun.Run("dotnet", clone, new[] { "build", "-nodeReuse:false", "-v:n", "src/App/App.csproj" },
            new Dictionary<string, string> { ["SPICETIME_CACHE"] = cache }).ShouldSucceed();
        Assert.That(build.Output, Does.Contain("Lib.csproj: miss for key").And.Contain("App: compiled outputs from the cache"));
        var after = Spicetime(clone, "cache", "status", "src/App/App.csproj", "--cache", cache).ShouldSucceed();
        Assert.That(Lines(after), Is.EquivalentTo(new Dictionary<string, string> { ["src/Lib/Lib.csproj"] = "current", ["src/App/App.csproj"] = "current" }), after.ToString());

        var explain = Spicetime(clone, "cache", "explain", "src/Lib/Lib.csproj", "--cache", cache).ShouldSucceed();
        Assert.That(explain.Output, Does.Match(@"src/Lib/Lib\.csproj \(net10\.0\): key [0-9a-f]{64} \(its outputs are in obj/ already\)"), explain.ToString());
        Assert.That(explain.Output, Does.Match(@"file\s+Sources\s+\{repo\}/src/Lib/Code\.cs\s+[0-9a-f]{16}"));
        Assert.That(explain.Output, Does.Match(@"parameter\s+DefineConstants\s+TRACE;DEBUG"));
        Assert.That(explain.Output, Does.Contain("immutable").And.Not.Contain(clone));
    }

    [Test]
    public void Status_without_a_cache_is_a_usage_error_and_explain_without_one_still_prints_the_key()
    {
        var origin = BuildCacheTests.CreateOrigin();
        var status = Spicetime(origin.Root, "cache", "status", "src/App/App.csproj");
        Assert.That(status.ExitCode, Is.EqualTo(2), status.ToString());
        Assert.That(status.Output, Does.Contain("cache status needs a cache: --cache LOCATION or SPICETIME_CACHE"));
        var explain = Spicetime(origin.Root, "cache", "explain", "src/Lib/Lib.csproj").ShouldSucceed();
        Assert.That(explain.Output, Does.Match(@"src/Lib/Lib\.csproj \(net10\.0\): key [0-9a-f]{64} \(no cache asked\)"), explain.ToString());
    }
}
