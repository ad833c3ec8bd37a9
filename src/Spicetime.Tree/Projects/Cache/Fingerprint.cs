using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Spicetime.Tree.Projects.Cache;

/// <summary>
/// What one input of a project's evaluation was: a file's content (XXH3-128 of its bytes), an answer (present or
/// absent), an environment variable's value, the build files a wildcard matched. Two equal fingerprints mean the
/// evaluation would read the same thing; 128 bits so that an accidental collision is out of the question.
/// </summary>
public readonly struct Fingerprint : IEquatable<Fingerprint>
{
    public Fingerprint(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    public ulong High { get; }

    public ulong Low { get; }

    /// <summary>A file that is not there, an environment variable that is not set.</summary>
    public static Fingerprint Absent => new(0, 1);

    /// <summary>A file that is there but could not be read: never equal to what a later run finds, so never cached.</summary>
    public static Fingerprint Unreadable => new(0, 2);

    /// <summary>An existence probe's answer.</summary>
    public static Fingerprint Of(bool present) => new(0, present ? 4UL : 3UL);

    public static Fingerprint Of(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(content, hash);
        return FromDigest(hash);
    }

    private static Fingerprint FromDigest(ReadOnlySpan<byte> hash) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(hash), BinaryPrimitives.ReadUInt64BigEndian(hash[8..]) | 0x10UL << 56);

    /// <summary>A text value (a variable, a list of paths joined with '\n'); null is <see cref="Absent"/>.</summary>
    public static Fingerprint Of(string? text) => text is null ? Absent : Of(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// The content of a file on disk, read whole; <see cref="Absent"/> when it is not there. Hashed as it is read, in
    /// one pooled buffer: a warm <c>affected</c> fingerprints every file whose stamp changed (every project file, before
    /// stamps), and allocating each one's bytes was a third of its time at 20,000 projects (the GC zeroing fresh pages).
    /// </summary>
    public static Fingerprint OfFile(string fullPath) => OfFile(fullPath, out _);

    /// <summary>
    /// <see cref="OfFile(string)"/>, with the file's stamp when the bytes hashed are the file at it (<see cref="FileStamp.Settled"/>).
    /// </summary>
    public static Fingerprint OfFile(string fullPath, out FileStamp stamp)
    {
        stamp = FileStamp.None;
        var readAt = DateTime.UtcNow;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var stream = Open(fullPath);
            var before = FileStamp.Of(stream);
            var filled = Fill(stream, buffer);
            Fingerprint fingerprint;
            if (filled < buffer.Length)
            {
                fingerprint = Of(buffer.AsSpan(0, filled)); // the common case: the whole file in one buffer
            }
            else
            {
                var hash = new XxHash128();
                do
                {
                    hash.Append(buffer.AsSpan(0, filled));
                }
                while ((filled = Fill(stream, buffer)) > 0);

                var digest = new byte[16];
                hash.GetCurrentHash(digest);
                fingerprint = FromDigest(digest);
            }

            stamp = FileStamp.Settled(before, FileStamp.Of(stream), readAt);
            return fingerprint;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Absent;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Unreadable;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a file whole (shared with writers, as MSBuild does) and fingerprints exactly the bytes read.</summary>
    public static Fingerprint Read(string fullPath, out byte[]? content) => Read(fullPath, out content, out _);

    /// <summary><see cref="Read(string, out byte[])"/>, with the file's stamp when the bytes read are the file at it (<see cref="FileStamp.Settled"/>).</summary>
    public static Fingerprint Read(string fullPath, out byte[]? content, out FileStamp stamp)
    {
        content = null;
        stamp = FileStamp.None;
        var readAt = DateTime.UtcNow;
        try
        {
            using var stream = Open(fullPath);
            var before = FileStamp.Of(stream);
            var buffer = new byte[Math.Max(0, (int)Math.Min(stream.Length, int.MaxValue - 1))];
            var filled = Fill(stream, buffer);
            var probe = new byte[1];
            if (filled == buffer.Length && stream.Read(probe, 0, 1) > 0)
            {
                // The file grew while being read: read on, so that the fingerprint is of everything parsed.
                using var grown = new MemoryStream();
                grown.Write(buffer, 0, filled);
                grown.Write(probe, 0, 1);
                stream.CopyTo(grown);
                buffer = grown.ToArray();
            }
            else if (filled < buffer.Length)
            {
                Array.Resize(ref buffer, filled); // it shrank
            }

            content = buffer;
            stamp = FileStamp.Settled(before, FileStamp.Of(stream), readAt);
            return Of(buffer);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Absent;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Unreadable;
        }
    }

    /// <summary>Shared with writers, as MSBuild reads; no buffer of the stream's own (the callers read into theirs).</summary>
    private static FileStream Open(string fullPath) =>
        new(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);

    /// <summary>Reads into <paramref name="buffer"/> until it is full or the file ends; the bytes held.</summary>
    private static int Fill(Stream stream, byte[] buffer)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = stream.Read(buffer, filled, buffer.Length - filled)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    public bool Equals(Fingerprint other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is Fingerprint other && Equals(other);

    public override int GetHashCode() => (int)(Low ^ (Low >> 32) ^ High);

    public static bool operator ==(Fingerprint left, Fingerprint right) => left.Equals(right);

    public static bool operator !=(Fingerprint left, Fingerprint right) => !left.Equals(right);

    public override string ToString() => $"{High:x16}{Low:x16}";
}
