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
        return new Fingerprint(BinaryPrimitives.ReadUInt64BigEndian(hash), BinaryPrimitives.ReadUInt64BigEndian(hash[8..]) | 0x10UL << 56);
    }

    /// <summary>A text value (a variable, a list of paths joined with '\n'); null is <see cref="Absent"/>.</summary>
    public static Fingerprint Of(string? text) => text is null ? Absent : Of(Encoding.UTF8.GetBytes(text));

    /// <summary>The content of a file on disk, read whole; <see cref="Absent"/> when it is not there.</summary>
    public static Fingerprint OfFile(string fullPath) => Read(fullPath, out _);

    /// <summary>Reads a file whole (shared with writers, as MSBuild does) and fingerprints exactly the bytes read.</summary>
    public static Fingerprint Read(string fullPath, out byte[]? content)
    {
        content = null;
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            var buffer = new byte[Math.Max(0, (int)Math.Min(stream.Length, int.MaxValue - 1))];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    // The file grew while being read: read on, so that the fingerprint is of everything parsed.
                    Array.Resize(ref buffer, Math.Max(4096, buffer.Length * 2));
                }

                var read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            Array.Resize(ref buffer, length);
            content = buffer;
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

    public bool Equals(Fingerprint other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is Fingerprint other && Equals(other);

    public override int GetHashCode() => (int)(Low ^ (Low >> 32) ^ High);

    public static bool operator ==(Fingerprint left, Fingerprint right) => left.Equals(right);

    public static bool operator !=(Fingerprint left, Fingerprint right) => !left.Equals(right);

    public override string ToString() => $"{High:x16}{Low:x16}";
}
