using System.Formats.Tar;
using ZstdSharp;

namespace Spicetime.Tree.Cache;

/// <summary>
/// A project's outputs as one artifact: a tar (GNU format, entries sorted, fixed times, modes and owners, so the same
/// files give the same bytes in any process on any machine) compressed with zstd, as Turborepo's own artifacts are.
/// Not POSIX pax: .NET's writer names each pax extended header after the writing process
/// (<c>PaxHeaders.{process id}</c>), so two builds of the same outputs gave different artifacts, and concurrent writers
/// of one key different bytes into one file. GNU headers carry everything an entry here needs (names longer than 100
/// characters go in a <c>././@LongLink</c> entry). Unpacking reads any tar format and checks every entry before
/// writing anything: regular files and folders only, relative paths that stay under the destination, a bounded size.
/// A bad artifact is a problem to report and a miss, never a partly written folder.
/// </summary>
public static class ArtifactArchive
{
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <param name="files">Each file by its path in the artifact ('/'-separated, relative) and where it is now.</param>
    public static byte[] Pack(IEnumerable<(string Name, string File)> files, int level = 3)
    {
        using var output = new MemoryStream();
        using (var zstd = new CompressionStream(output, level))
        {
            // The frame ends with a checksum of what it holds, which unpacking checks: a damaged artifact from a cache
            // that signs nothing (no signature key) is refused rather than unpacked into a wrong assembly.
            zstd.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
            WriteTar(zstd, files);
        }

        return output.ToArray();
    }

    private static void WriteTar(Stream destination, IEnumerable<(string Name, string File)> files)
    {
        using var tar = new TarWriter(destination, TarEntryFormat.Gnu, leaveOpen: true);
        {
            foreach (var (name, file) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (!IsSafeName(name))
                {
                    throw new ArgumentException($"'{name}' is not a relative path inside the artifact", nameof(files));
                }

                using var content = File.OpenRead(file);
                var entry = new GnuTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = content,
                    ModificationTime = FixedTime,
                    AccessTime = FixedTime,
                    ChangeTime = FixedTime,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                };
                tar.WriteEntry(entry);
            }
        }
    }

    /// <summary>The artifact's entries (name and size), checked; <paramref name="problem"/> says why when it is refused.</summary>
    public static IReadOnlyList<(string Name, long Size)>? List(byte[] artifact, long maxBytes, out string? problem)
    {
        var entries = new List<(string, long)>();
        problem = null;
        try
        {
            long total = 0;
            foreach (var entry in Entries(artifact))
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.Directory))
                {
                    problem = $"entry '{entry.Name}' is a {entry.EntryType}, not a file";
                    return null;
                }

                if (!IsSafeName(entry.Name.TrimEnd('/')))
                {
                    problem = $"entry '{entry.Name}' leaves the project's folders";
                    return null;
                }

                total += entry.Length;
                if (total > maxBytes)
                {
                    problem = $"it unpacks to more than {maxBytes} bytes";
                    return null;
                }

                if (entry.EntryType != TarEntryType.Directory)
                {
                    entries.Add((entry.Name, entry.Length));
                }
            }

            return entries;
        }
        catch (Exception e) when (e is InvalidDataException or ZstdException or IOException or FormatException or ArgumentException)
        {
            problem = $"it is not a valid artifact ({e.Message})";
            return null;
        }
    }

    /// <summary>
    /// Writes the artifact's files under <paramref name="destination"/> (each through a temporary file renamed into place),
    /// after checking all of it; false with <paramref name="problem"/> set when the artifact is refused (nothing written).
    /// </summary>
    public static bool Unpack(byte[] artifact, string destination, long maxBytes, out string? problem)
    {
        if (List(artifact, maxBytes, out problem) is null)
        {
            return false;
        }

        var root = Path.GetFullPath(destination);
        foreach (var entry in Entries(artifact))
        {
            if (entry.EntryType == TarEntryType.Directory || entry.DataStream is null)
            {
                continue;
            }

            var target = Path.GetFullPath(Path.Combine(root, entry.Name));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
            using (var file = File.Create(temporary))
            {
                entry.DataStream.CopyTo(file);
            }

            File.Move(temporary, target, overwrite: true);
        }

        return true;
    }

    /// <summary>The SHA-256 (lowercase hex) of one entry's content, or null when the artifact is refused or has no such entry.</summary>
    public static string? HashOf(byte[] artifact, string name, long maxBytes)
    {
        if (List(artifact, maxBytes, out _) is null)
        {
            return null;
        }

        var entry = Entries(artifact).FirstOrDefault(e => e.Name == name && e.DataStream is not null);
        return entry is null ? null : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(entry.DataStream!)).ToLowerInvariant();
    }

    /// <summary>Relative, '/'-separated, no '..' or '.' segment, no drive or root, no backslash.</summary>
    public static bool IsSafeName(string name) =>
        name.Length > 0 && !name.StartsWith('/') && !name.Contains('\\') && !name.Contains(':') && !name.Contains('\0')
        && name.Split('/').All(segment => segment.Length > 0 && segment is not ("." or ".."));

    /// <summary>
    /// The entries, then the rest of the stream read to its end: zstd checks a frame's checksum only there, and a tar
    /// reader stops at the archive's end blocks before it (a damaged artifact would otherwise unpack, wrong).
    /// </summary>
    private static IEnumerable<TarEntry> Entries(byte[] artifact)
    {
        using var input = new MemoryStream(artifact, writable: false);
        using var zstd = new DecompressionStream(input);
        using (var tar = new TarReader(zstd, leaveOpen: true))
        {
            while (tar.GetNextEntry(copyData: true) is { } entry)
            {
                yield return entry;
            }
        }

        var rest = new byte[81920];
        long trailing = 0;
        int read;
        while ((read = zstd.Read(rest, 0, rest.Length)) > 0)
        {
            trailing += read;
            if (trailing > MaxTrailingBytes)
            {
                throw new InvalidDataException($"more than {MaxTrailingBytes} bytes follow the archive's end");
            }
        }
    }

    /// <summary>What may follow a tar's end blocks (writers pad to a record of 10 KiB; .NET's writer does not pad).</summary>
    private const int MaxTrailingBytes = 1 << 20;
}
