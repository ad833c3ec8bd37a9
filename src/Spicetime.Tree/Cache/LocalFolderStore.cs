using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Spicetime.Tree.Cache;

/// <summary>
/// Artifacts in a folder: <c>{folder}/{key[0..2]}/{key}.spc</c>, each a one-line header (format, the duration that
/// produced it, the SHA-256 of the bytes) and the bytes. Safe under concurrent builds: a write goes to a temporary file
/// that is renamed into place (a reader sees a whole artifact or none; two writers of one key both leave a whole one);
/// a read checks the hash, and a damaged file is a warning and a miss, then removed. Bounded: when what this store
/// wrote would take the folder over its size, the least recently used artifacts go first (a hit marks an artifact used).
/// </summary>
public sealed class LocalFolderStore : ICacheStore
{
    private const string Format = "spicetime-cache-v1";
    private readonly string _folder;
    private readonly long _maxBytes;
    private readonly bool _write;
    private long? _size;

    /// <param name="maxBytes">The folder's bound; eviction brings it to 90% of that.</param>
    public LocalFolderStore(string folder, long maxBytes, bool write = true)
    {
        _folder = Path.GetFullPath(folder);
        _maxBytes = maxBytes;
        _write = write;
    }

    public string Describe() => _folder;

    public string PathOf(string key) => Path.Combine(_folder, key.Substring(0, 2), key + ".spc");

    public CacheLookup Get(string key)
    {
        CacheKey.Check(key);
        var file = PathOf(key);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return CacheLookup.Miss;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CacheLookup.Failed($"the local cache {_folder} could not be read ({e.Message})");
        }

        var newline = Array.IndexOf(content, (byte)'\n');
        var header = newline > 0 ? Encoding.ASCII.GetString(content, 0, newline).Split(' ') : Array.Empty<string>();
        var artifact = newline > 0 ? content.AsSpan(newline + 1).ToArray() : Array.Empty<byte>();
        if (header.Length != 3 || header[0] != Format || !long.TryParse(header[1], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || !string.Equals(header[2], Hex(SHA256.HashData(artifact)), StringComparison.Ordinal))
        {
            TryDelete(file);
            return CacheLookup.Failed($"the local cache's artifact {file} is damaged (its hash does not match); removed");
        }

        try
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow); // used: the last to be evicted
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only cache folder still serves hits.
        }

        return CacheLookup.Found(artifact, TimeSpan.FromMilliseconds(milliseconds));
    }

    public CacheWrite Put(string key, byte[] artifact, TimeSpan duration)
    {
        CacheKey.Check(key);
        if (!_write)
        {
            return CacheWrite.ReadOnly;
        }

        var file = PathOf(key);
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var header = Encoding.ASCII.GetBytes($"{Format} {(long)duration.TotalMilliseconds} {Hex(SHA256.HashData(artifact))}\n");
                stream.Write(header, 0, header.Length);
                stream.Write(artifact, 0, artifact.Length);
            }

            File.Move(temporary, file, overwrite: true);
            _size = (_size ?? MeasureFolder()) + artifact.Length;
            if (_size > _maxBytes)
            {
                Evict();
            }

            return CacheWrite.Done;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return CacheWrite.Failed($"the local cache {_folder} could not be written ({e.Message})");
        }
    }

    /// <summary>Removes the least recently used artifacts until the folder holds 90% of its bound.</summary>
    public void Evict()
    {
        var files = Artifacts().Select(f => new FileInfo(f)).Where(f => f.Exists).OrderBy(f => f.LastWriteTimeUtc).ToList();
        var size = files.Sum(f => f.Length);
        var target = _maxBytes / 10 * 9;
        foreach (var file in files)
        {
            if (size <= target)
            {
                break;
            }

            if (TryDelete(file.FullName))
            {
                size -= file.Length;
            }
        }

        _size = size;
    }

    private long MeasureFolder() => Artifacts().Sum(f => new FileInfo(f).Length);

    private IEnumerable<string> Artifacts() =>
        Directory.Exists(_folder) ? Directory.EnumerateFiles(_folder, "*.spc", SearchOption.AllDirectories) : Array.Empty<string>();

    private static bool TryDelete(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // another build uses or removes it
        }
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
