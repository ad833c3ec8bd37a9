using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Cache;

/// <summary>How long a project's last build and last test run took, as recorded in the cache (either may be unknown).</summary>
public sealed record ProjectTiming(TimeSpan? Build, TimeSpan? Test)
{
    /// <summary>Build and test together (an unknown part counts as nothing).</summary>
    public TimeSpan Total => (Build ?? TimeSpan.Zero) + (Test ?? TimeSpan.Zero);
}

/// <summary>
/// Per-project timings in the build cache, for balancing CI shards: one small JSON artifact a project,
/// <c>{"format":1,"buildMs":1234,"testMs":567}</c> (either time may be absent), under a key made only of the project's
/// path relative to the analysed folder (tree.json's, as `spicetime affected` reports paths), so that every build of the
/// project, whatever its inputs, updates the same record. Reading never throws: a miss, a store's warning or content that
/// is not a timing record is no record.
/// </summary>
public static class ProjectTimings
{
    /// <summary>What the key hashes before the path; a new layout of the record gets a new prefix.</summary>
    public const string KeyPrefix = "spicetime-timings/v1\n";

    private const int Format = 1;

    /// <summary>SHA-256, in lowercase hex, of <see cref="KeyPrefix"/> and the path ('\' read as '/').</summary>
    public static string KeyFor(string repoRelativeProjectPath) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(KeyPrefix + RepositoryPath.Normalize(repoRelativeProjectPath)))).ToLowerInvariant();

    /// <summary>The project's record, or null (no record, a store's warning, or unreadable content).</summary>
    public static ProjectTiming? Read(ICacheStore store, string path) => Read(store, path, out _);

    /// <summary>The same, with the store's warning when it failed (unreachable, refused, a damaged artifact).</summary>
    public static ProjectTiming? Read(ICacheStore store, string path, out string? warning)
    {
        CacheLookup lookup;
        try
        {
            lookup = store.Get(KeyFor(path));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Stores report failures as warnings; a store that throws anyway is still only a missing record here.
            warning = $"{store.Describe()} failed to read the timings of {path} ({e.GetType().Name}: {e.Message})";
            return null;
        }

        warning = lookup.Warning;
        return lookup.Artifact is { } artifact ? Parse(artifact) : null;
    }

    /// <summary>
    /// The records of <paramref name="paths"/> (those that have one), read a few at a time. The first warning stops the
    /// reading (a cache that fails once, an unreachable server, would fail and wait for every project) and is returned;
    /// the records read before it are kept.
    /// </summary>
    public static IReadOnlyDictionary<string, ProjectTiming> ReadAll(ICacheStore store, IReadOnlyList<string> paths, out string? warning, int parallel = 8)
    {
        var found = new ProjectTiming?[paths.Count];
        string? first = null;
        var failed = 0;
        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel) }, (i, state) =>
        {
            if (Volatile.Read(ref failed) != 0)
            {
                state.Stop();
                return;
            }

            found[i] = Read(store, paths[i], out var problem);
            if (problem is not null && Interlocked.CompareExchange(ref failed, 1, 0) == 0)
            {
                first = problem;
                state.Stop();
            }
        });

        warning = first;
        var records = new Dictionary<string, ProjectTiming>(StringComparer.Ordinal);
        for (var i = 0; i < paths.Count; i++)
        {
            if (found[i] is { } timing)
            {
                records[paths[i]] = timing;
            }
        }

        return records;
    }

    /// <summary>
    /// Records a build time, a test time or both, keeping what the record held for the other (recording a test run keeps
    /// the build's time). When the existing record cannot be read (the store failed, or its artifact failed a check),
    /// the new times are written alone and the read's warning comes back with the write's answer: a record that can no
    /// longer be read (another signature key) is replaced rather than kept forever; an unreachable store fails the write too.
    /// </summary>
    public static CacheWrite Record(ICacheStore store, string path, TimeSpan? build, TimeSpan? test)
    {
        if (build is null && test is null)
        {
            throw new ArgumentException("record a build time, a test time or both");
        }

        if (build < TimeSpan.Zero || test < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(build < TimeSpan.Zero ? nameof(build) : nameof(test), "a time is zero or more");
        }

        var existing = Read(store, path, out var readWarning);
        var merged = new ProjectTiming(build ?? existing?.Build, test ?? existing?.Test);
        try
        {
            var written = store.Put(KeyFor(path), Serialize(merged), merged.Total);
            return readWarning is null || !written.Stored || written.Warning is not null ? written
                : written with { Warning = $"{readWarning}; the timings of {path} were recorded without the earlier ones" };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return CacheWrite.Failed($"{store.Describe()} failed to record the timings of {path} ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>The artifact's bytes: <c>{"format":1,"buildMs":…,"testMs":…}</c>, a time left out when unknown.</summary>
    public static byte[] Serialize(ProjectTiming timing)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("format", Format);
            if (timing.Build is { } build)
            {
                json.WriteNumber("buildMs", (long)build.TotalMilliseconds);
            }

            if (timing.Test is { } test)
            {
                json.WriteNumber("testMs", (long)test.TotalMilliseconds);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A record from an artifact's bytes; null unless it is a format-1 object with at least one time (whole milliseconds, zero or more).</summary>
    public static ProjectTiming? Parse(byte[] artifact)
    {
        try
        {
            using var document = JsonDocument.Parse(artifact);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.Number
                || !format.TryGetInt32(out var version) || version != Format)
            {
                return null;
            }

            if (!Milliseconds(root, "buildMs", out var build) || !Milliseconds(root, "testMs", out var test) || (build is null && test is null))
            {
                return null;
            }

            return new ProjectTiming(build, test);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>False when the property is there but not a whole number of milliseconds, zero or more.</summary>
    private static bool Milliseconds(JsonElement root, string name, out TimeSpan? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.Number || !property.TryGetInt64(out var ms) || ms < 0 || ms > (long)TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }
}
