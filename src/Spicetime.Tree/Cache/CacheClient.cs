using System.Collections.Concurrent;

namespace Spicetime.Tree.Cache;

/// <summary>
/// What one build's requests to cache servers share (the MSBuild tasks register one for the build: MSBuild disposes it
/// when the build ends): one <see cref="HttpClient"/>, so every project's requests reuse the connections the first ones
/// opened instead of each task opening its own; and what the build learnt of each server: once a request could not
/// reach it (a refused or cut connection, a name that does not resolve, a timeout), the build's later requests to it
/// fail at once with that first failure instead of each waiting out its own timeout (an unreachable server would
/// otherwise cost every project of a build a timeout for its read and another for its write). The next build, even in
/// the same MSBuild node, asks again. Safe for parallel callers.
/// </summary>
public sealed class CacheClient : IDisposable
{
    /// <summary>A request's bound, its body included (a large artifact on a slow link).</summary>
    public const int DefaultTimeoutSeconds = 60;

    /// <summary>A connection's bound: a server that does not accept within it is unreachable.</summary>
    public const int DefaultConnectTimeoutSeconds = 10;

    private readonly ConcurrentDictionary<string, string> _unreachable = new(StringComparer.Ordinal);

    public CacheClient(TimeSpan? timeout = null, TimeSpan? connectTimeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(DefaultConnectTimeoutSeconds),
            // A node's requests can be minutes apart (compiles between them); the build's end closes them.
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        };
        Http = new HttpClient(handler, disposeHandler: true) { Timeout = timeout ?? TimeSpan.FromSeconds(DefaultTimeoutSeconds) };
    }

    /// <summary>The client every store opened with this one sends through.</summary>
    public HttpClient Http { get; }

    /// <summary>Why <paramref name="server"/> could not be reached earlier with this client, or null.</summary>
    public string? Unreachable(Uri server) => _unreachable.TryGetValue(Name(server), out var why) ? why : null;

    /// <summary>Remembers that <paramref name="server"/> could not be reached (the first reason is kept).</summary>
    public void MarkUnreachable(Uri server, string why) => _unreachable.TryAdd(Name(server), why);

    public void Dispose() => Http.Dispose();

    private static string Name(Uri server) => server.GetLeftPart(UriPartial.Path);
}
