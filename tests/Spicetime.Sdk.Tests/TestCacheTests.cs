namespace Spicetime.Sdk.Tests;

/// <summary>
/// dotnet test with the cache: a passing run is recorded, and a clone at another path with the same inputs prints it
/// without running a test process; an edit of the code under test runs again; a failing run is never recorded.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class TestCacheTests
{
    private const string Tree = """{ "root": { "branch": "main", "version": "1.0.0" } }""";

    private static ConsumerRepo Create(string name)
    {
        var repo = new ConsumerRepo(name).Write("tree.json", Tree);
        repo.Project("src/Lib/Lib.csproj", "", "namespace Lib;\npublic static class Calc\n{\n    public static int Add(int a, int b) => a + b;\n}\n");
        repo.Project("tests/Lib.Tests/Lib.Tests.csproj", ConsumerRepo.NUnitTestProjectBody("../../src/Lib/Lib.csproj"), """
            using NUnit.Framework;
            public class CalcTests
            {
                [Test] public void Adds() => Assert.That(Lib.Calc.Add(2, 2), Is.EqualTo(4));
                [Test] public void Adds_negatives() => Assert.That(Lib.Calc.Add(-2, -2), Is.EqualTo(-4));
                [Test, Ignore("not yet")] public void Subtracts() { }
            }
            """);
        repo.InitGit();
        repo.Commit("a library and its tests");
        return repo;
    }

    private static ProcessResult Test(string root, string cache, params string[] extra) =>
        DotnetRun.Run("dotnet", root, new[] { "test", "tests/Lib.Tests/Lib.Tests.csproj", "-nodeReuse:false", "-tl:off" }.Concat(extra),
            new Dictionary<string, string> { ["SPICETIME_CACHE"] = cache });

    private static string Clone(ConsumerRepo origin, string name)
    {
        var path = Path.Combine(SdkPackage.WorkRoot, "clones", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        DotnetRun.Run("git", origin.Root, new[] { "clone", "-q", origin.Root, path }).ShouldSucceed();
        return path;
    }

    /// <summary>VSTest prints this when it starts a test run.</summary>
    private const string RunStarted = "Test run for ";

    [Test]
    public void A_passing_run_is_recorded_and_a_clone_elsewhere_prints_it_without_running_the_tests()
    {
        var origin = Create("test-cache");
        var cache = Path.Combine(SdkPackage.WorkRoot, "caches", Guid.NewGuid().ToString("N")[..8]);
        var first = Test(origin.Root, cache, "-v:n").ShouldSucceed();
        Assert.That(first.Output, Does.Contain(RunStarted).And.Contain("recorded a passing run (2 passed, 1 skipped)"), first.ToString());

        var second = Clone(origin, "test-cache-second");
        var replay = Test(second, cache, "-v:n").ShouldSucceed();
        const string explanation = "tests/Lib.Tests/obj/Debug/net10.0/spicetime.test-key.json";
        Assert.That(File.ReadAllLines(Path.Combine(second, explanation)).Where(l => !l.Contains("\"key\"")),
            Is.EqualTo(File.ReadAllLines(origin.PathOf(explanation)).Where(l => !l.Contains("\"key\""))), "the test key's inputs");
        Assert.That(replay.Output, Does.Not.Contain(RunStarted).And.Not.Contain("test files matched the specified pattern"), replay.ToString());
        Assert.That(replay.Output, Does.Match(@"Passed!  - Failed:     0, Passed:     2, Skipped:     1, Total:     3, Duration: .* - Lib\.Tests\.dll \(net10\.0\) \[from the Spicetime cache"));
        Assert.That(replay.Output, Does.Contain("Passed Adds [").And.Contain("Skipped Subtracts ["), "every result, at normal verbosity");

        // Another filter is another run.
        var filtered = Test(second, cache, "--filter", "Name=Adds").ShouldSucceed();
        Assert.That(filtered.Output, Does.Contain(RunStarted));

        // The code under test changed: the tests run again, and this run is recorded for the new key.
        File.WriteAllText(Path.Combine(second, "src/Lib/Code.cs"), File.ReadAllText(Path.Combine(second, "src/Lib/Code.cs")).Replace("a + b", "b + a"));
        var edited = Test(second, cache, "-v:n").ShouldSucceed();
        Assert.That(edited.Output, Does.Contain(RunStarted).And.Contain("recorded a passing run"), edited.ToString());
        Assert.That(Test(second, cache).ShouldSucceed().Output, Does.Not.Contain(RunStarted).And.Contain("[from the Spicetime cache"));
    }

    [Test]
    public void A_failing_run_is_never_recorded_and_a_logger_asked_for_runs_the_tests()
    {
        var origin = Create("test-cache-fail");
        var cache = Path.Combine(SdkPackage.WorkRoot, "caches", Guid.NewGuid().ToString("N")[..8]);
        origin.Write("src/Lib/Code.cs", origin.Read("src/Lib/Code.cs").Replace("a + b", "a - b"));
        for (var run = 0; run < 2; run++)
        {
            var failed = Test(origin.Root, cache);
            Assert.That(failed.ExitCode, Is.Not.EqualTo(0), failed.ToString());
            Assert.That(failed.Output, Does.Contain(RunStarted).And.Contain("Failed Adds").And.Not.Contain("recorded a passing run").And.Not.Contain("from the Spicetime cache"));
        }

        origin.Write("src/Lib/Code.cs", origin.Read("src/Lib/Code.cs").Replace("a - b", "a + b"));
        Test(origin.Root, cache).ShouldSucceed();
        var withLogger = Test(origin.Root, cache, "--logger", "trx;LogFileName=mine.trx", "-v:n").ShouldSucceed();
        Assert.That(withLogger.Output, Does.Contain(RunStarted).And.Contain("tests run without the cache: a logger was asked for"));
        Assert.That(Directory.GetFiles(origin.Root, "mine.trx", SearchOption.AllDirectories), Is.Not.Empty, "the user's TRX file is written");
    }
}
