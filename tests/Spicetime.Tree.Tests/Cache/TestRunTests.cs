using Spicetime.Tree.Cache.Keys;
using Spicetime.Tree.Cache.Tests;

namespace Spicetime.Tree.Tests.Cache;

/// <summary>Test run keys and records: what decides a run, and that only a passing run becomes a record.</summary>
public class TestRunTests : BuildFolderTests
{
    private const string Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private static string Trx(string outcome, int passed, int failed, int notExecuted = 0) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="{Ns}">
          <Times creation="2026-12-02T05:00:00.000+00:00" start="2026-12-02T05:00:01.000+00:00" finish="2026-12-02T05:00:03.500+00:00" />
          <Results>
            <UnitTestResult testName="Adds" outcome="Passed" duration="00:00:00.0120000" />
            <UnitTestResult testName="Subtracts" outcome="NotExecuted" duration="00:00:00" />
          </Results>
          <ResultSummary outcome="{outcome}">
            <Counters total="{passed + failed + notExecuted}" executed="{passed + failed}" passed="{passed}" failed="{failed}" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="{notExecuted}" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
          </ResultSummary>
        </TestRun>
        """;

    [Test]
    public void A_passing_TRX_becomes_a_record_that_round_trips_and_prints_as_VSTest_does()
    {
        var record = TestRunRecord.FromTrx(Trx("Completed", 1, 0, 1), "Lib.Tests.dll", "net10.0", out var why)!;
        Assert.That(why, Is.Null);
        Assert.That((record.Total, record.Passed, record.Skipped, record.Duration), Is.EqualTo((2, 1, 1, TimeSpan.FromSeconds(2.5))));
        Assert.That(record.Results.Select(r => (r.Name, r.Outcome)), Is.EqualTo(new[] { ("Adds", "Passed"), ("Subtracts", "NotExecuted") }));
        var back = TestRunRecord.FromBytes(record.ToBytes())!;
        Assert.That(back.Results, Is.EqualTo(record.Results));
        Assert.That(back with { RecordedAt = record.RecordedAt, Results = record.Results }, Is.EqualTo(record));
        Assert.That(back.Summary(), Does.StartWith("Passed!  - Failed:     0, Passed:     1, Skipped:     1, Total:     2, Duration: 2.5 s - Lib.Tests.dll (net10.0) [from the Spicetime cache"));
    }

    [TestCase("Failed", 1, 1, "failed 1")]
    [TestCase("Completed", 1, 1, "failed 1")]
    [TestCase("Aborted", 1, 0, "Aborted")]
    public void A_run_that_did_not_pass_is_never_a_record(string outcome, int passed, int failed, string because)
    {
        Assert.That(TestRunRecord.FromTrx(Trx(outcome, passed, failed), "T.dll", "net10.0", out var why), Is.Null);
        Assert.That(why, Does.Contain(because));
    }

    [Test]
    public void Garbage_is_neither_a_TRX_nor_a_record()
    {
        Assert.That(TestRunRecord.FromTrx("<TestRun", "T.dll", "net10.0", out var why), Is.Null);
        Assert.That(why, Does.Contain("could not be read"));
        Assert.That(TestRunRecord.FromTrx($"<TestRun xmlns=\"{Ns}\" />", "T.dll", "net10.0", out why), Is.Null);
        Assert.That(why, Does.Contain("no result summary"));
        Assert.That(TestRunRecord.FromBytes("{\"format\":\"other\"}"u8.ToArray()), Is.Null);
        Assert.That(TestRunRecord.FromBytes(new byte[] { 0xff }), Is.Null);
    }

    private TestRunKey Key(string clone, string filter = "", IEnumerable<KeyValuePair<string, string?>>? environment = null)
    {
        var root = Path.Combine(_root, clone);
        var roots = new PathRoots(Path.Combine(root, "tests/T/obj/Debug/net10.0"), root, null, null);
        return TestRunKey.Compute(new[] { new KeyValuePair<string, string>("TestCaseFilter", filter) }, Path.Combine(root, "tests/T/bin/Debug/net10.0"),
            Path.Combine(root, "tests/T"), Array.Empty<string>(), environment ?? Array.Empty<KeyValuePair<string, string?>>(), roots, new FileHashes());
    }

    private void Clone(string clone)
    {
        Write($"{clone}/tests/T/T.csproj", "<Project />");
        Write($"{clone}/tests/T/Data/case.json", "{}");
        Write($"{clone}/tests/T/bin/Debug/net10.0/T.dll", "assembly");
        Write($"{clone}/tests/T/bin/Debug/net10.0/.msCoverageSourceRootsMapping_T", "");
        File.WriteAllText(Path.Combine(_root, clone, "tests/T/bin/Debug/net10.0/.msCoverageSourceRootsMapping_T"),
            $"{Path.Combine(_root, clone)}/tests/T/T.csproj|{Path.Combine(_root, clone)}/=/_/", System.Text.Encoding.Unicode);
        Write($"{clone}/tests/T/obj/project.assets.json", "{}");
        Write($"{clone}/tests/T/TestResults/old.trx", "<TestRun />");
    }

    [Test]
    public void A_test_key_reads_the_output_folder_and_the_project_folder_but_not_bin_obj_or_results()
    {
        Clone("a");
        Clone("clone-b");
        var key = Key("a");
        Assert.That(Key("clone-b").Key, Is.EqualTo(key.Key), "a clone elsewhere (coverage's UTF-16 source root map names it)");
        Assert.That(key.Inputs.Select(i => i.Name + " " + i.Value), Does.Contain("project {repo}/tests/T/Data/case.json").And.Contain("output T.dll"));
        Assert.That(key.Inputs.Select(i => i.Value), Has.None.Contain("TestResults").And.None.Contain("project.assets.json"));

        Write("a/tests/T/TestResults/new.trx", "x");
        Write("a/tests/T/obj/other", "x");
        Assert.That(Key("a").Key, Is.EqualTo(key.Key), "results and intermediate files do not count");
        Assert.That(Key("a", filter: "Name=Adds").Key, Is.Not.EqualTo(key.Key), "another filter");
        Assert.That(Key("a", environment: new[] { new KeyValuePair<string, string?>("DB", "x") }).Key, Is.Not.EqualTo(key.Key), "an allowed variable");
        Write("a/tests/T/Data/case.json", "{ \"changed\": true }");
        Assert.That(Key("a").Key, Is.Not.EqualTo(key.Key), "data in the project's folder");
        Write("a/tests/T/Data/case.json", "{}");
        Write("a/tests/T/bin/Debug/net10.0/T.dll", "rebuilt");
        Assert.That(Key("a").Key, Is.Not.EqualTo(key.Key), "what the host loads");
    }
}
