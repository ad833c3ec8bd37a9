using System.Security.Cryptography;
using System.Text;
using Spicetime.Tree.Cache;

namespace Spicetime.Tree.Tests.Cache;

/// <summary>Per-project timings in the cache: the key, the record's bytes, merging, and every failure as no record.</summary>
public class ProjectTimingsTests : BuildFolderTests
{
    private const string App = "forks/alpha/App/App.csproj";

    private LocalFolderStore Store(bool write = true) => new(Path.Combine(_root, "cache"), 1 << 20, write);

    [Test]
    public void The_key_is_the_SHA_256_of_the_prefix_and_the_path_and_only_of_them()
    {
        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("spicetime-timings/v1\n" + App))).ToLowerInvariant();
        Assert.That(ProjectTimings.KeyFor(App), Is.EqualTo(expected));
        Assert.That(CacheKey.IsValid(ProjectTimings.KeyFor(App)), Is.True);
        Assert.That(ProjectTimings.KeyFor(@"forks\alpha\App\App.csproj"), Is.EqualTo(expected), "a Windows path names the same project");
        Assert.That(ProjectTimings.KeyFor("forks/alpha/App/app.csproj"), Is.Not.EqualTo(expected));
    }

    [Test]
    public void A_record_is_a_small_JSON_object_with_the_times_it_knows()
    {
        Assert.That(Encoding.UTF8.GetString(ProjectTimings.Serialize(new ProjectTiming(TimeSpan.FromMilliseconds(1234), TimeSpan.FromMilliseconds(567)))),
            Is.EqualTo("""{"format":1,"buildMs":1234,"testMs":567}"""));
        Assert.That(Encoding.UTF8.GetString(ProjectTimings.Serialize(new ProjectTiming(null, TimeSpan.FromMilliseconds(5)))),
            Is.EqualTo("""{"format":1,"testMs":5}"""));
    }

    [Test]
    public void Recording_a_test_time_keeps_the_build_time_and_the_reverse()
    {
        var store = Store();
        Assert.That(ProjectTimings.Read(store, App), Is.Null, "no record yet");
        Assert.That(ProjectTimings.Record(store, App, TimeSpan.FromMilliseconds(4000), null), Is.EqualTo(CacheWrite.Done));
        Assert.That(ProjectTimings.Record(store, App, null, TimeSpan.FromMilliseconds(900)), Is.EqualTo(CacheWrite.Done));
        Assert.That(ProjectTimings.Read(store, App), Is.EqualTo(new ProjectTiming(TimeSpan.FromMilliseconds(4000), TimeSpan.FromMilliseconds(900))));

        ProjectTimings.Record(store, App, TimeSpan.FromMilliseconds(3500), null);
        var timing = ProjectTimings.Read(store, App)!;
        Assert.That(timing, Is.EqualTo(new ProjectTiming(TimeSpan.FromMilliseconds(3500), TimeSpan.FromMilliseconds(900))));
        Assert.That(timing.Total, Is.EqualTo(TimeSpan.FromMilliseconds(4400)));
        Assert.That(store.Get(ProjectTimings.KeyFor(App)).RecordedDuration, Is.EqualTo(TimeSpan.FromMilliseconds(4400)), "the artifact's duration is the total");
        Assert.That(ProjectTimings.Read(store, "forks/alpha/Other/Other.csproj"), Is.Null);
    }

    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("""{"format":2,"buildMs":10}""")]
    [TestCase("""{"buildMs":10}""")]
    [TestCase("""{"format":1}""")]
    [TestCase("""{"format":1,"buildMs":-5}""")]
    [TestCase("""{"format":1,"buildMs":1.5}""")]
    [TestCase("""{"format":1,"buildMs":"10"}""")]
    [TestCase("""{"format":"1","buildMs":10}""")]
    [TestCase("""{"format":1,"buildMs":99999999999999999999}""")]
    public void Content_that_is_not_a_timing_record_is_no_record(string content)
    {
        var store = Store();
        store.Put(ProjectTimings.KeyFor(App), Encoding.UTF8.GetBytes(content), TimeSpan.Zero);
        Assert.That(ProjectTimings.Read(store, App, out var warning), Is.Null);
        Assert.That(warning, Is.Null);
    }

    [Test]
    public void Unknown_keys_of_a_format_1_record_are_ignored()
    {
        var store = Store();
        store.Put(ProjectTimings.KeyFor(App), Encoding.UTF8.GetBytes("""{"format":1,"buildMs":10,"testMs":null,"host":"ci"}"""), TimeSpan.Zero);
        Assert.That(ProjectTimings.Read(store, App), Is.EqualTo(new ProjectTiming(TimeSpan.FromMilliseconds(10), null)));
    }

    [Test]
    public void A_store_that_fails_or_throws_is_no_record_and_a_warning_never_an_exception()
    {
        Assert.That(ProjectTimings.Read(new FailingStore("unreachable"), App, out var warning), Is.Null);
        Assert.That(warning, Is.EqualTo("unreachable"));
        Assert.That(ProjectTimings.Read(new FailingStore(null), App, out warning), Is.Null);
        Assert.That(warning, Does.Contain("failing store failed to read the timings of " + App).And.Contain("IOException"));
        Assert.That(ProjectTimings.Record(new FailingStore(null), App, TimeSpan.FromSeconds(1), null).Warning, Does.Contain("IOException"));
    }

    [Test]
    public void ReadAll_stops_at_the_first_warning_and_keeps_what_it_read_before()
    {
        var store = Store();
        var paths = Enumerable.Range(0, 40).Select(i => $"p{i}/P.csproj").ToList();
        foreach (var path in paths)
        {
            ProjectTimings.Record(store, path, TimeSpan.FromMilliseconds(paths.IndexOf(path)), null);
        }

        var all = ProjectTimings.ReadAll(store, paths, out var warning);
        Assert.That(warning, Is.Null);
        Assert.That(all, Has.Count.EqualTo(40));
        Assert.That(all["p7/P.csproj"].Build, Is.EqualTo(TimeSpan.FromMilliseconds(7)));

        var failing = new FailingStore("the server is unreachable");
        Assert.That(ProjectTimings.ReadAll(failing, paths, out warning), Is.Empty);
        Assert.That(warning, Is.EqualTo("the server is unreachable"));
        Assert.That(failing.Reads, Is.LessThanOrEqualTo(8), "at most one read in flight per worker after the first failure");
    }

    [Test]
    public void A_read_only_store_records_nothing_and_a_record_needs_a_time()
    {
        Assert.That(ProjectTimings.Record(Store(write: false), App, TimeSpan.FromSeconds(1), null), Is.EqualTo(CacheWrite.ReadOnly));
        Assert.Throws<ArgumentException>(() => ProjectTimings.Record(Store(), App, null, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProjectTimings.Record(Store(), App, TimeSpan.FromSeconds(-1), null));
    }

    [Test]
    public void A_record_that_cannot_be_read_is_replaced_and_the_write_says_so()
    {
        var store = new FailingStore("the artifact fails its signature") { Writes = true };
        var written = ProjectTimings.Record(store, App, null, TimeSpan.FromMilliseconds(30));
        Assert.That(written.Stored, Is.True);
        Assert.That(written.Warning, Does.Contain("fails its signature").And.Contain("recorded without the earlier ones"));
        Assert.That(Encoding.UTF8.GetString(store.Written!), Is.EqualTo("""{"format":1,"testMs":30}"""));
    }

    /// <summary>A store whose reads fail with a warning (or throw, for a null warning).</summary>
    private sealed class FailingStore(string? warning) : ICacheStore
    {
        private int _reads;

        public int Reads => _reads;

        public bool Writes { get; init; }

        public byte[]? Written { get; private set; }

        public string Describe() => "the failing store";

        public CacheLookup Get(string key)
        {
            Interlocked.Increment(ref _reads);
            Thread.Sleep(5);
            return warning is null ? throw new IOException("disk gone") : CacheLookup.Failed(warning);
        }

        public CacheWrite Put(string key, byte[] artifact, TimeSpan duration)
        {
            if (!Writes)
            {
                throw new IOException("disk gone");
            }

            Written = artifact;
            return CacheWrite.Done;
        }
    }
}
