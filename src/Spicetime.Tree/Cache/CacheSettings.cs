namespace Spicetime.Tree.Cache;

/// <summary>
/// Where the build cache is and how to talk to it (shared/SPEC.md, "Build cache and CI shards"), read from the
/// environment the caller passes in (never from the process's own, so that a rule reads what its caller decides): the
/// location from an explicit value (<c>-p:SpicetimeCache=</c>, <c>--cache</c>) or else <c>SPICETIME_CACHE</c>, a folder
/// or an <c>http(s)://</c> URL of a Turborepo-compatible server; <c>SPICETIME_CACHE_TOKEN</c>, <c>SPICETIME_CACHE_TEAM</c>
/// and <c>SPICETIME_CACHE_SIGNATURE_KEY</c>, each falling back to Turborepo's <c>TURBO_TOKEN</c>, <c>TURBO_TEAM</c> and
/// <c>TURBO_REMOTE_CACHE_SIGNATURE_KEY</c>; and whether to write, from an explicit value or else
/// <c>SPICETIME_CACHE_WRITE</c> (<c>false</c> or <c>0</c>: only read). An empty value counts as unset, as MSBuild passes
/// an unset property.
/// </summary>
public sealed record CacheSettings
{
    /// <summary>A local folder's bound when none is given: 10 GiB (the least recently used artifacts go first beyond it).</summary>
    public const long DefaultLocalMaxBytes = 10L << 30;

    /// <summary>The location as given, or null: the cache is off.</summary>
    public string? Location { get; init; }

    /// <summary>What gave the location (the explicit setting's name, or <c>SPICETIME_CACHE</c>), for messages.</summary>
    public string? LocationSource { get; init; }

    public string? Token { get; init; }

    public string? Team { get; init; }

    public string? SignatureKey { get; init; }

    /// <summary>False: the cache is only read (pull requests from forks).</summary>
    public bool Write { get; init; } = true;

    /// <summary>A local folder's bound in bytes.</summary>
    public long LocalMaxBytes { get; init; } = DefaultLocalMaxBytes;

    /// <summary>Settings that were read but not understood (a write switch that is neither true nor false: then read-only).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    public bool Enabled => Location is not null;

    /// <param name="environment">The environment variables, by name.</param>
    /// <param name="location">An explicit location, which wins over <c>SPICETIME_CACHE</c>.</param>
    /// <param name="locationSource">Its name for messages (<c>--cache</c>, <c>SpicetimeCache</c>).</param>
    /// <param name="write">An explicit write switch (<c>-p:SpicetimeCacheWrite=</c>), which wins over <c>SPICETIME_CACHE_WRITE</c>.</param>
    public static CacheSettings From(IReadOnlyDictionary<string, string?> environment, string? location = null, string? locationSource = null, string? write = null) =>
        From(name => environment.TryGetValue(name, out var value) ? value : null, location, locationSource, write);

    /// <param name="environment">An environment variable's value by name, or null.</param>
    public static CacheSettings From(Func<string, string?> environment, string? location = null, string? locationSource = null, string? write = null)
    {
        string? Value(string name) => Present(environment(name));
        var warnings = new List<string>();
        var explicitLocation = Present(location);
        var writeText = Present(write) ?? Value("SPICETIME_CACHE_WRITE");
        var writing = true;
        if (writeText is not null)
        {
            if (writeText.Equals("false", StringComparison.OrdinalIgnoreCase) || writeText == "0")
            {
                writing = false;
            }
            else if (!writeText.Equals("true", StringComparison.OrdinalIgnoreCase) && writeText != "1")
            {
                writing = false;
                warnings.Add($"{(Present(write) is null ? "SPICETIME_CACHE_WRITE" : "SpicetimeCacheWrite")}='{writeText}' is neither true nor false; the cache is only read");
            }
        }

        return new CacheSettings
        {
            Location = explicitLocation ?? Value("SPICETIME_CACHE"),
            LocationSource = explicitLocation is not null ? locationSource ?? "the cache location" : "SPICETIME_CACHE",
            Token = Value("SPICETIME_CACHE_TOKEN") ?? Value("TURBO_TOKEN"),
            Team = Value("SPICETIME_CACHE_TEAM") ?? Value("TURBO_TEAM"),
            SignatureKey = Value("SPICETIME_CACHE_SIGNATURE_KEY") ?? Value("TURBO_REMOTE_CACHE_SIGNATURE_KEY"),
            Write = writing,
            Warnings = warnings,
        };
    }

    /// <summary>True when <see cref="Location"/> is a server's URL (http or https).</summary>
    public bool IsRemote => Location is not null && ServerUri(Location) is not null;

    /// <summary>
    /// The store the settings name: a <see cref="LocalFolderStore"/> for a folder (relative to
    /// <paramref name="baseDirectory"/>; a <c>file://</c> URL too), a <see cref="TurborepoRemoteStore"/> for an
    /// <c>http(s)://</c> URL (signed when a signature key is set). Null when the cache is off, or with
    /// <paramref name="error"/> when the location is neither (another scheme).
    /// </summary>
    /// <param name="http">The client a remote store sends with (its timeout bounds each request); the caller owns it.</param>
    public ICacheStore? Open(string baseDirectory, HttpClient http, out string? error) => Open(baseDirectory, () => http, null, out error);

    /// <summary>
    /// The same, a remote store sending through a build's <see cref="CacheClient"/> (shared connections; a server it
    /// found unreachable is not asked again), which <paramref name="client"/> gives only when the location is a server.
    /// </summary>
    public ICacheStore? Open(string baseDirectory, Func<CacheClient> client, out string? error) => Open(baseDirectory, null, client, out error);

    private ICacheStore? Open(string baseDirectory, Func<HttpClient>? http, Func<CacheClient>? client, out string? error)
    {
        error = null;
        if (Location is not { } location)
        {
            return null;
        }

        if (ServerUri(location) is { } server)
        {
            var signature = SignatureKey is { } key ? new ArtifactSignature(key, Team ?? string.Empty) : null;
            return client is not null
                ? new TurborepoRemoteStore(server, Token, Team, signature, Write, client())
                : new TurborepoRemoteStore(server, Token, Team, signature, Write, http!());
        }

        string folder;
        if (location.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || !uri.IsFile)
            {
                error = $"{LocationSource}='{location}' is neither a folder nor an http(s):// URL of a cache server";
                return null;
            }

            folder = uri.LocalPath;
        }
        else
        {
            folder = location;
        }

        try
        {
            return new LocalFolderStore(Path.GetFullPath(folder, baseDirectory), LocalMaxBytes, Write);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = $"{LocationSource}='{location}' is not a usable folder ({e.Message})";
            return null;
        }
    }

    private static Uri? ServerUri(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    private static string? Present(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
