using Spicetime.Tree.Cache;

namespace Spicetime.Tree.Tests.Cache;

public class LocalFolderStoreTests : BuildFolderTests
{
    private static string Key(int i) => i.ToString("x2").PadRight(32, 'a');

    private static byte[] Artifact(int size, int seed = 1) => Enumerable.Range(0, size).Select(i => (byte)(i * seed)).ToArray();

    [Test]
    public void An_artifact_is_read_back_with_its_duration_and_an_unknown_key_is_a_quiet_miss()
    {
        var store = new LocalFolderStore(_root, 1 << 20);
        Assert.That(store.Put(Key(1), Artifact(1000), TimeSpan.FromMilliseconds(4321)), Is.EqualTo(CacheWrite.Done));
        var lookup = store.Get(Key(1));
        Assert.That(lookup.Artifact, Is.EqualTo(Artifact(1000)));
        Assert.That(lookup.RecordedDuration, Is.EqualTo(TimeSpan.FromMilliseconds(4321)));
        Assert.That(store.Get(Key(2)), Is.EqualTo(CacheLookup.Miss));
        Assert.That(Directory.GetFiles(_root, "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void A_damaged_artifact_is_a_warning_and_a_miss_and_is_removed()
    {
        var store = new LocalFolderStore(_root, 1 << 20);
        store.Put(Key(1), Artifact(1000), TimeSpan.Zero);
        var file = store.PathOf(Key(1));
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..^10]); // truncated, as a full disk or a killed copy leaves it

        var lookup = store.Get(Key(1));
        Assert.That(lookup.Hit, Is.False);
        Assert.That(lookup.Warning, Does.Contain("is damaged"));
        Assert.That(File.Exists(file), Is.False);
    }

    [Test]
    public void Over_its_bound_the_least_recently_used_artifacts_go_first()
    {
        var store = new LocalFolderStore(_root, 10_000);
        for (var i = 0; i < 4; i++)
        {
            store.Put(Key(i), Artifact(2000, i + 1), TimeSpan.Zero);
            File.SetLastWriteTimeUtc(store.PathOf(Key(i)), DateTime.UtcNow.AddMinutes(i - 10));
        }

        Assert.That(store.Get(Key(0)).Hit, Is.True, "a hit marks the oldest one used");
        store.Put(Key(9), Artifact(3000), TimeSpan.Zero); // 11,000 bytes and headers: over 10,000

        Assert.That(store.Get(Key(1)).Hit, Is.False, "the least recently used went");
        Assert.That(store.Get(Key(0)).Hit && store.Get(Key(9)).Hit && store.Get(Key(3)).Hit, Is.True);
        var size = Directory.GetFiles(_root, "*.spc", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.That(size, Is.LessThanOrEqualTo(9_000));
    }

    [Test]
    public void Read_only_writes_nothing()
    {
        var store = new LocalFolderStore(_root, 1 << 20, write: false);
        Assert.That(store.Put(Key(1), Artifact(10), TimeSpan.Zero), Is.EqualTo(CacheWrite.ReadOnly));
        Assert.That(Directory.GetFiles(_root, "*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void Concurrent_writers_and_readers_of_one_key_only_ever_see_a_whole_artifact()
    {
        var artifact = Artifact(300_000, 3);
        var problems = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var store = new LocalFolderStore(_root, 1L << 30); // one store per build, as concurrent builds have
            if (i % 2 == 0)
            {
                if (store.Put(Key(7), artifact, TimeSpan.Zero).Warning is { } warning)
                {
                    problems.Add(warning);
                }
            }
            else
            {
                var lookup = store.Get(Key(7));
                if (lookup.Warning is not null || (lookup.Hit && !lookup.Artifact!.SequenceEqual(artifact)))
                {
                    problems.Add(lookup.Warning ?? "a partial artifact");
                }
            }
        });

        Assert.That(problems, Is.Empty);
        Assert.That(new LocalFolderStore(_root, 1L << 30).Get(Key(7)).Artifact, Is.EqualTo(artifact));
    }

    [Test]
    public void A_key_that_is_no_hex_name_is_refused_before_any_path_is_made()
    {
        var store = new LocalFolderStore(_root, 1 << 20);
        Assert.Throws<ArgumentException>(() => store.Get("../../etc/passwd0000000"));
        Assert.Throws<ArgumentException>(() => store.Put("ABCDEF0123456789", Artifact(1), TimeSpan.Zero));
    }
}
