using System.Diagnostics;
using System.Text.RegularExpressions;
using Spicetime.Tree.Cache;

namespace Spicetime.Tree.Tests.Cache;

/// <summary>
/// A build's <see cref="CacheClient"/>: one set of connections for every request, and a server that one request could
/// not reach is not asked again by the same client (a new client, the next build's, asks again).
/// </summary>
[NonParallelizable]
public class CacheClientTests
{
    private const string Team = "team_spicetime";
    private TurborepoCacheServer _server = null!;

    [OneTimeSetUp]
    public void StartServer() => _server = TurborepoCacheServer.Start("right-token");

    [OneTimeTearDown]
    public void StopServer() => _server?.Dispose();

    private static string NewKey() => Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant() + "0123456789abcdef";

    private static TurborepoRemoteStore Store(Uri server, CacheClient client, string token = "right-token") =>
        new(server, token, Team, new ArtifactSignature("signing-key", Team), write: true, client);

    [Test]
    public void A_server_one_request_could_not_reach_is_not_asked_again_by_that_client_and_a_new_client_asks()
    {
        using var server = new DroppingServer();
        using (var client = new CacheClient())
        {
            var first = Store(server.Address, client).Get(NewKey());
            Assert.That(first.Hit, Is.False);
            // A dropped connection surfaces as an HttpRequestException, or as the SocketException SocketsHttpHandler lets
            // through unwrapped when the peer is gone before it reads the remote end point: both are "unreachable".
            Assert.That(first.Warning, Does.Match($"^{Regex.Escape(server.Address.ToString())} is unreachable \\((HttpRequestException|SocketException): ").And.Not.Contain("earlier"));
            var tried = server.Connections;
            Assert.That(tried, Is.GreaterThanOrEqualTo(1)); // (SocketsHttpHandler may retry a request its new connection dropped)

            // Every later request of the build, read or write, through any store opened with the client: at once, no connection.
            var clock = Stopwatch.StartNew();
            var read = Store(server.Address, client).Get(NewKey());
            var write = Store(server.Address, client).Put(NewKey(), new byte[] { 1, 2, 3 }, TimeSpan.Zero);
            var timings = ProjectTimings.Record(Store(server.Address, client), "src/Lib/Lib.csproj", TimeSpan.FromSeconds(1), test: null);
            Assert.That(read.Warning, Does.Contain(first.Warning![(first.Warning!.IndexOf(" is unreachable (", StringComparison.Ordinal))..^1]).And.EndWith(", earlier in this build; not asked again)"));
            Assert.That(write.Stored, Is.False);
            Assert.That(write.Warning, Is.EqualTo(read.Warning));
            Assert.That(timings.Stored, Is.False);
            Thread.Sleep(200);
            Assert.That(server.Connections, Is.EqualTo(tried), "not asked again");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));

            // A store with its own HttpClient (the CLI's) keeps no such memory.
            using var http = new HttpClient();
            Assert.That(new TurborepoRemoteStore(server.Address, "t", Team, null, true, http).Get(NewKey()).Warning, Does.Not.Contain("earlier"));
            Thread.Sleep(200);
            Assert.That(server.Connections, Is.GreaterThan(tried));
        }

        var before = server.Connections;
        using var next = new CacheClient();
        Assert.That(Store(server.Address, next).Get(NewKey()).Warning, Does.Contain("is unreachable").And.Not.Contain("earlier"));
        Thread.Sleep(200);
        Assert.That(server.Connections, Is.GreaterThan(before), "the next build's client asks");
    }

    [Test]
    public void A_timeout_makes_a_server_unreachable_for_the_client_and_other_servers_are_still_asked()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start(); // accepts (the kernel does) and never answers
        var address = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}/");
        using var client = new CacheClient(timeout: TimeSpan.FromSeconds(1));

        var clock = Stopwatch.StartNew();
        Assert.That(Store(address, client).Get(NewKey()).Warning, Does.Contain("is unreachable (TaskCanceledException: "));
        Assert.That(Store(address, client).Get(NewKey()).Warning, Does.Contain("earlier in this build"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.9)), "one timeout, not two");

        var key = NewKey();
        Assert.That(Store(_server.Address, client).Put(key, new byte[] { 4, 5, 6 }, TimeSpan.Zero), Is.EqualTo(CacheWrite.Done));
        Assert.That(Store(_server.Address, client).Get(key).Artifact, Is.EqualTo(new byte[] { 4, 5, 6 }));
    }

    [Test]
    public void Every_request_of_a_client_goes_over_the_connection_it_opened_first_and_a_wrong_token_is_asked_each_time()
    {
        var server = _server;
        using var client = new CacheClient();
        var keys = Enumerable.Range(0, 6).Select(_ => NewKey()).ToList();
        foreach (var key in keys)
        {
            Assert.That(Store(server.Address, client).Put(key, new byte[] { 7 }, TimeSpan.Zero).Stored, Is.True);
            Assert.That(Store(server.Address, client).Get(key).Hit, Is.True);
        }

        Assert.That(Store(server.Address, client, token: "wrong").Get(keys[0]).Warning, Does.Contain("refused to read (401"));
        Assert.That(Store(server.Address, client, token: "wrong").Get(keys[1]).Warning, Does.Contain("refused to read (401"), "a refusal is an answer: asked again");
        var requests = server.SettledRequests().Where(r => keys.Contains(r.Key!)).ToList();
        Assert.That(requests, Has.Count.EqualTo(14));
        Assert.That(requests.Select(r => r.ClientPort).Distinct(), Has.Exactly(1).Items, "one connection, kept alive");
    }

    [Test]
    public void A_server_restarted_after_a_build_found_it_down_serves_the_next_build()
    {
        using var server = TurborepoCacheServer.Start("right-token");
        var key = NewKey();
        using (var filling = new CacheClient())
        {
            Assert.That(Store(server.Address, filling).Put(key, new byte[] { 8, 9 }, TimeSpan.Zero).Stored, Is.True);
        }

        server.Stop();
        using (var build = new CacheClient())
        {
            Assert.That(Store(server.Address, build).Get(key).Warning, Does.Contain("is unreachable (HttpRequestException: "));
            server.Restart();
            Assert.That(Store(server.Address, build).Get(key).Warning, Does.Contain("earlier in this build"), "the build that found it down");
        }

        using var next = new CacheClient();
        Assert.That(Store(server.Address, next).Get(key).Artifact, Is.EqualTo(new byte[] { 8, 9 }), "the same port and storage");
    }
}
