using System.Buffers.Binary;
using System.Text;

namespace Spicetime.Tree.Git;

/// <summary>
/// The paths git's index (<c>.git/index</c>, formats 2 to 4) tracks: what <c>git ls-files --cached</c> lists, read
/// without starting git. An index this reader does not take as it is, a split index (its entries partly in another
/// file) or a sparse one (folders standing for their files), gives null, and the caller asks git.
/// </summary>
public static class GitIndex
{
    /// <summary>Whether a path (its UTF-8 bytes, '/' separators) is wanted: decided before it is made a string.</summary>
    public delegate bool PathFilter(ReadOnlySpan<byte> path);

    private const int EntryFixedLength = 40; // ctime, mtime (seconds and nanoseconds), dev, ino, mode, uid, gid, size
    private const ushort ExtendedFlag = 0x4000;
    private const int NameLengthMask = 0x0FFF;

    /// <summary>
    /// The paths in the index file at <paramref name="indexFile"/> ('/' separators, in the index's order, each once) that
    /// <paramref name="keep"/> wants (all without it); null when it cannot be read here.
    /// </summary>
    public static IReadOnlyList<string>? ReadPaths(string indexFile, int idLength, PathFilter? keep = null)
    {
        Framework.MappedFile? file;
        try
        {
            file = Framework.MappedFile.Open(indexFile, p => new ArgumentOutOfRangeException(nameof(indexFile), $"{p} ends early"));
        }
        catch (FileNotFoundException)
        {
            return Array.Empty<string>(); // a repository with nothing staged yet has no index
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        using (file)
        {
            try
            {
                return file is null || file.Length > int.MaxValue ? null : Parse(file.All, idLength, keep);
            }
            catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or DecoderFallbackException)
            {
                return null; // damaged: git words the error
            }
        }
    }

    private static IReadOnlyList<string>? Parse(ReadOnlySpan<byte> span, int idLength, PathFilter? keep)
    {
        if (span.Length < 12 || !span[..4].SequenceEqual("DIRC"u8))
        {
            return null;
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
        var count = BinaryPrimitives.ReadUInt32BigEndian(span[8..]);
        if (version is < 2 or > 4 || count > (uint)span.Length)
        {
            return null;
        }

        var paths = new List<string>();
        var position = 12;
        var name = new byte[256]; // the current entry's name (format 4 builds each from the previous one)
        var nameLength = 0;
        var previousKept = Array.Empty<byte>();
        for (var i = 0; i < count; i++)
        {
            var start = position;
            var mode = BinaryPrimitives.ReadUInt32BigEndian(span[(start + 24)..]);
            if ((mode & 0xF000) == 0x4000)
            {
                return null; // a sparse index's folder entry: its files are git's to expand
            }

            position += EntryFixedLength + idLength;
            var flags = BinaryPrimitives.ReadUInt16BigEndian(span[position..]);
            position += 2;
            if ((flags & ExtendedFlag) != 0)
            {
                if (version < 3)
                {
                    return null;
                }

                position += 2;
            }

            ReadOnlySpan<byte> suffix;
            var kept = 0;
            if (version == 4)
            {
                // The name is the previous one less its last N bytes, plus this entry's NUL-terminated suffix.
                var strip = ReadVarint(span, ref position);
                var end = span[position..].IndexOf((byte)0);
                if (strip > nameLength || end < 0)
                {
                    return null;
                }

                kept = nameLength - strip;
                suffix = span.Slice(position, end);
                position += end + 1;
            }
            else
            {
                var length = flags & NameLengthMask;
                var end = length < NameLengthMask ? length : span[position..].IndexOf((byte)0);
                if (end < 0)
                {
                    return null;
                }

                suffix = span.Slice(position, end);
                // Entries are padded with NULs to a multiple of eight bytes.
                position = start + ((position - start + end + 8) & ~7);
            }

            nameLength = kept + suffix.Length;
            if (nameLength > name.Length)
            {
                Array.Resize(ref name, Math.Max(nameLength, name.Length * 2));
            }

            suffix.CopyTo(name.AsSpan(kept));
            var path = name.AsSpan(0, nameLength);
            // An unmerged path has an entry per stage, next to each other: listed once.
            if ((keep is null || keep(path)) && !path.SequenceEqual(previousKept))
            {
                paths.Add(Encoding.UTF8.GetString(name, 0, nameLength));
                previousKept = path.ToArray();
            }
        }

        // Extensions: four-letter signature and length. A split index keeps entries elsewhere ("link"); a sparse one says so ("sdir").
        while (position + 8 <= span.Length - idLength)
        {
            var signature = span.Slice(position, 4);
            var length = BinaryPrimitives.ReadUInt32BigEndian(span[(position + 4)..]);
            if (signature.SequenceEqual("link"u8) || signature.SequenceEqual("sdir"u8))
            {
                return null;
            }

            position += 8 + (int)Math.Min(length, (uint)span.Length);
        }

        return paths;
    }

    /// <summary>git's offset varint (varint.c): seven bits a byte, each continuation adding one.</summary>
    private static int ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        var b = span[position++];
        var value = b & 0x7F;
        while ((b & 0x80) != 0)
        {
            b = span[position++];
            value = ((value + 1) << 7) | (b & 0x7F);
            if (value > 1 << 24)
            {
                throw new ArgumentOutOfRangeException(nameof(span), "a damaged path length");
            }
        }

        return value;
    }
}
