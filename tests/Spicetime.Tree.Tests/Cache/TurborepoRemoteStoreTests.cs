using Spicetime.Tree.Cache;

namespace Spicetime.Tree.Tests.Cache;

/// <summary>The remote store against the real turborepo-remote-cache server on loopback.</summary>
[NonParallelizable]
public class TurborepoRemoteStoreTests
{
    private const string Team = "team_spicetime";
    private TurborepoCacheServer _server = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = TurborepoCacheServer.Start("right-token");
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    [OneTimeTearDown]
    public void StopServer()
    {
        _http?.Dispose();
        _server?.Dispose();
    }

    private TurborepoRemoteStore Store(string token = "right-token", string? key = "signing-key", bool write = true, Uri? server = null) =>
        new(server ?? _server.Address, token, Team, key is null ? null : new ArtifactSignature(key, Team), write, _http);

    private static string NewKey() => Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant() + "0123456789abcdef";

    private static byte[] Artifact(int size = 4096) => Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();

    [Test]
    public void What_is_written_is_read_back_signed_and_an_unknown_key_is_a_miss()
    {
        var key = NewKey();
        Assert.That(Store().Put(key, Artifact(), TimeSpan.FromMilliseconds(1234)), Is.EqualTo(CacheWrite.Done));

        var lookup = Store().Get(key);
        Assert.That(lookup.Warning, Is.Null);
        Assert.That(lookup.Artifact, Is.EqualTo(Artifact()));
        Assert.That(File.Exists(_server.ArtifactFile(Team, key)), Is.True, "the server stored it");

        var miss = Store().Get(NewKey());
        Assert.That(miss.Hit, Is.False);
        Assert.That(miss.Warning, Is.Null, "a miss is not a problem");
    }

    [Test]
    public void A_wrong_token_is_a_warning_and_a_miss_never_an_exception()
    {
        var key = NewKey();
        Store().Put(key, Artifact(), TimeSpan.Zero);

        var read = Store(token: "wrong").Get(key);
        Assert.That(read.Hit, Is.False);
        Assert.That(read.Warning, Does.Contain("refused to read").And.Contain("SPICETIME_CACHE_TOKEN"));
        var write = Store(token: "wrong").Put(NewKey(), Artifact(), TimeSpan.Zero);
        Assert.That(write.Stored, Is.False);
        Assert.That(write.Warning, Does.Contain("refused to write"));
    }

    [Test]
    public void A_tampered_or_unsigned_artifact_is_never_used()
    {
        var key = NewKey();
        Store().Put(key, Artifact(), TimeSpan.Zero);
        var file = _server.ArtifactFile(Team, key);
        var bytes = File.ReadAllBytes(file);
        bytes[100] ^= 0xFF;
        File.WriteAllBytes(file, bytes);

        var tampered = Store().Get(key);
        Assert.That(tampered.Hit, Is.False);
        Assert.That(tampered.Warning, Does.Contain("fails its signature"));

        Assert.That(Store(key: "another-key").Get(key).Hit, Is.False, "another signer's key");
    }

    [Test]
    public void An_unsigned_artifact_from_a_server_that_keeps_no_tags_is_never_used()
    {
        using var server = TurborepoCacheServer.Start("right-token", signatures: false);
        var key = NewKey();
        Store(key: null, server: server.Address).Put(key, Artifact(), TimeSpan.Zero);
        Assert.That(Store(key: null, server: server.Address).Get(key).Hit, Is.True, "unsigned caches work without a key");

        var lookup = Store(server: server.Address).Get(key);
        Assert.That(lookup.Hit, Is.False);
        Assert.That(lookup.Warning, Does.Contain("fails its signature"), "no x-artifact-tag at all");
    }

    [Test]
    public void Read_only_writes_nothing()
    {
        var key = NewKey();
        Assert.That(Store(write: false).Put(key, Artifact(), TimeSpan.Zero), Is.EqualTo(CacheWrite.ReadOnly));
        Assert.That(File.Exists(_server.ArtifactFile(Team, key)), Is.False);
        Assert.That(Store(write: false).Get(key).Hit, Is.False);
    }

    [Test]
    public void Concurrent_writers_of_one_key_leave_one_whole_artifact()
    {
        var key = NewKey();
        var results = new CacheWrite[8];
        Parallel.For(0, results.Length, i => results[i] = Store().Put(key, Artifact(200_000), TimeSpan.FromSeconds(1)));
        Assert.That(results.Select(r => r.Warning), Is.All.Null);
        Assert.That(Store().Get(key).Artifact, Is.EqualTo(Artifact(200_000)));
    }

    [Test]
    public void A_server_that_stops_mid_build_is_a_warning_then_builds_go_on()
    {
        using var server = TurborepoCacheServer.Start("right-token");
        var key = NewKey();
        Assert.That(Store(server: server.Address).Put(key, Artifact(), TimeSpan.Zero).Stored, Is.True);
        server.Stop();

        var read = Store(server: server.Address).Get(key);
        Assert.That(read.Hit, Is.False);
        Assert.That(read.Warning, Does.Contain("is unreachable"));
        Assert.That(Store(server: server.Address).Put(NewKey(), Artifact(), TimeSpan.Zero).Warning, Does.Contain("is unreachable"));
    }
}
