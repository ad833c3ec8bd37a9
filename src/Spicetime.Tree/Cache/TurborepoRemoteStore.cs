using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Spicetime.Tree.Cache;

/// <summary>
/// A remote cache server speaking Turborepo's API (<c>GET</c>/<c>PUT /v8/artifacts/{hash}</c>, bearer token, the team
/// as <c>teamId</c> when it starts with <c>team_</c> and as <c>slug</c> otherwise, as Turborepo's client sends it):
/// Vercel's, or a self-hosted one such as the npm package turborepo-remote-cache. With a signature key, every artifact
/// written carries <c>x-artifact-tag</c> and every artifact read must carry the right one (<see cref="ArtifactSignature"/>).
/// Every failure (unreachable, refused, too large, unsigned, a wrong tag) is a warning and a miss: never an exception,
/// never an artifact used unchecked. Opened with a build's <see cref="CacheClient"/>, a server one request could not reach
/// is not asked again by that build (each later request is the same warning at once).
/// </summary>
public sealed class TurborepoRemoteStore : ICacheStore
{
    private readonly Uri _server;
    private readonly string? _token;
    private readonly string? _team;
    private readonly ArtifactSignature? _signature;
    private readonly bool _write;
    private readonly HttpClient _http;
    private readonly CacheClient? _client;
    private readonly long _maxArtifactBytes;

    /// <param name="http">The client (its timeout bounds each request); owned by the caller, shared across stores.</param>
    public TurborepoRemoteStore(Uri server, string? token, string? team, ArtifactSignature? signature, bool write, HttpClient http,
        long maxArtifactBytes = 1L << 30)
    {
        _server = server;
        _token = token;
        _team = team;
        _signature = signature;
        _write = write;
        _http = http;
        _maxArtifactBytes = maxArtifactBytes;
    }

    /// <param name="client">The build's client: its connections, and the servers it already found unreachable.</param>
    public TurborepoRemoteStore(Uri server, string? token, string? team, ArtifactSignature? signature, bool write, CacheClient client,
        long maxArtifactBytes = 1L << 30)
        : this(server, token, team, signature, write, client.Http, maxArtifactBytes) =>
        _client = client;

    public string Describe() => _server.GetLeftPart(UriPartial.Path);

    public CacheLookup Get(string key)
    {
        CacheKey.Check(key);
        if (UnreachableEarlier() is { } earlier)
        {
            return CacheLookup.Failed(earlier);
        }

        try
        {
            using var request = Request(HttpMethod.Get, key);
            using var response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return CacheLookup.Miss;
            }

            if (!response.IsSuccessStatusCode)
            {
                return CacheLookup.Failed(Refused(response, "read"));
            }

            if (response.Content.Headers.ContentLength is > 0 and var length && length > _maxArtifactBytes)
            {
                return CacheLookup.Failed($"{Describe()} sent an artifact of {length} bytes for {key}, more than the {_maxArtifactBytes} allowed");
            }

            using var body = response.Content.ReadAsStream();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = body.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > _maxArtifactBytes)
                {
                    return CacheLookup.Failed($"{Describe()} sent more than the {_maxArtifactBytes} bytes allowed for {key}");
                }
            }

            var artifact = buffer.ToArray();
            if (_signature is not null && !_signature.Verify(key, artifact, Header(response, "x-artifact-tag")))
            {
                return CacheLookup.Failed($"the artifact {Describe()} holds for {key} fails its signature (x-artifact-tag); not used");
            }

            var duration = long.TryParse(Header(response, "x-artifact-duration"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
            return CacheLookup.Found(artifact, duration);
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            return CacheLookup.Failed(Unreachable(e));
        }
    }

    public CacheWrite Put(string key, byte[] artifact, TimeSpan duration)
    {
        CacheKey.Check(key);
        if (!_write)
        {
            return CacheWrite.ReadOnly;
        }

        if (UnreachableEarlier() is { } earlier)
        {
            return CacheWrite.Failed(earlier);
        }

        try
        {
            using var request = Request(HttpMethod.Put, key);
            request.Content = new ByteArrayContent(artifact);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            request.Headers.Add("x-artifact-duration", ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            if (_signature is not null)
            {
                request.Headers.Add("x-artifact-tag", _signature.Tag(key, artifact));
            }

            using var response = _http.Send(request);
            return response.IsSuccessStatusCode ? CacheWrite.Done : CacheWrite.Failed(Refused(response, "write"));
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            return CacheWrite.Failed(Unreachable(e));
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string key)
    {
        var query = string.IsNullOrEmpty(_team) ? string.Empty
            : _team!.StartsWith("team_", StringComparison.Ordinal) ? $"?teamId={Uri.EscapeDataString(_team)}" : $"?slug={Uri.EscapeDataString(_team)}";
        var request = new HttpRequestMessage(method, new Uri(_server, $"{_server.AbsolutePath.TrimEnd('/')}/v8/artifacts/{key}{query}"));
        if (!string.IsNullOrEmpty(_token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        return request;
    }

    private string Refused(HttpResponseMessage response, string what) =>
        $"{Describe()} refused to {what} ({(int)response.StatusCode} {response.ReasonPhrase})"
        + (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? ": check SPICETIME_CACHE_TOKEN and SPICETIME_CACHE_TEAM" : string.Empty);

    private string Unreachable(Exception e)
    {
        var why = $"{e.GetType().Name}: {e.Message}";
        _client?.MarkUnreachable(_server, why);
        return $"{Describe()} is unreachable ({why})";
    }

    /// <summary>
    /// What a request that did not get an answer throws. A <see cref="SocketException"/> is among them: SocketsHttpHandler
    /// lets one through unwrapped when the server resets a connection as it opens (it reads the remote end point after
    /// the peer is gone).
    /// </summary>
    private static bool IsUnreachable(Exception e) =>
        e is HttpRequestException or TaskCanceledException or IOException or OperationCanceledException or SocketException;

    private string? UnreachableEarlier() =>
        _client?.Unreachable(_server) is { } why ? $"{Describe()} is unreachable ({why}, earlier in this build; not asked again)" : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? values.FirstOrDefault() : null;
}
