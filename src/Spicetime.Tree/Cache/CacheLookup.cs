namespace Spicetime.Tree.Cache;

/// <summary>
/// What a store answered for a key: the artifact (a hit), nothing (a miss), or a problem that makes it a miss and is
/// reported as a warning (unreachable, refused, a failed signature or check). A store never throws for these: a cache
/// that fails is a normal build, never a failed one.
/// </summary>
public sealed record CacheLookup(byte[]? Artifact, string? Warning, TimeSpan? RecordedDuration = null)
{
    public bool Hit => Artifact is not null;

    public static CacheLookup Miss { get; } = new(null, null);

    public static CacheLookup Found(byte[] artifact, TimeSpan? duration = null) => new(artifact, null, duration);

    public static CacheLookup Failed(string warning) => new(null, warning);
}

/// <summary>What a store answered to a write: stored, skipped (read-only), or a warning.</summary>
public sealed record CacheWrite(bool Stored, string? Warning)
{
    public static CacheWrite Done { get; } = new(true, null);

    public static CacheWrite ReadOnly { get; } = new(false, null);

    public static CacheWrite Failed(string warning) => new(false, warning);
}

/// <summary>A place artifacts are kept by key: a local folder or a remote cache server.</summary>
public interface ICacheStore
{
    /// <summary>Where it is, for messages.</summary>
    string Describe();

    CacheLookup Get(string key);

    /// <param name="duration">How long producing the artifact took (recorded for CI shards' balancing).</param>
    CacheWrite Put(string key, byte[] artifact, TimeSpan duration);
}
