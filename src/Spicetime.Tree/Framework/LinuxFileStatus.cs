#if NET
using System.Runtime.InteropServices;
using System.Text;

namespace Spicetime.Tree.Framework;

/// <summary>
/// A regular file's size and time of last writing in one <c>statx</c> call on Linux, following symbolic links to the final
/// target, with the path encoded on the stack. What <see cref="FileInfo"/> gives for the same file, for less: FileInfo
/// allocates ~240 bytes, looks at the link itself first and asks the kernel for the user id to work out a read-only
/// attribute nobody here reads. A warm <c>affected</c> looks at every project file: at 20,000 projects the looks were
/// 27 % of its CPU with FileInfo and are 18 % this way, nearly all of it the kernel's path walk. Anywhere else (no
/// Linux, a libc without <c>statx</c>, a path too long for the stack buffer) <see cref="TryStat"/> says so and the
/// caller takes FileInfo's way.
/// </summary>
internal static unsafe partial class LinuxFileStatus
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const uint StatxMtime = 0x40;
    private const ushort FileTypeMask = 0xF000; // S_IFMT
    private const ushort RegularFile = 0x8000; // S_IFREG
    private const int MaxPathBytes = 4096; // PATH_MAX

    /// <summary>Whether this process can call statx: probed once (the C library does not change while it runs).</summary>
    private static readonly bool Available = Probe();

    /// <summary>
    /// Looks at the file at <paramref name="root"/> + '/' + <paramref name="relative"/> ('/' separators). False when
    /// this way cannot answer; else true, with <paramref name="isFile"/> false when no regular file is there (missing,
    /// a directory, a broken link, not allowed to look).
    /// </summary>
    public static bool TryStat(string root, string relative, out bool isFile, out long length, out long lastWriteTicks)
    {
        (isFile, length, lastWriteTicks) = (false, 0, 0);
        if (!Available || (root.Length + 1 + relative.Length) * 3 + 1 > MaxPathBytes)
        {
            return false;
        }

        var path = stackalloc byte[MaxPathBytes];
        var span = new Span<byte>(path, MaxPathBytes);
        var written = Encoding.UTF8.GetBytes(root, span);
        if (relative.Length > 0)
        {
            span[written++] = (byte)'/';
            written += Encoding.UTF8.GetBytes(relative, span[written..]);
        }

        span[written] = 0;
        StatxBuffer buffer;
        if (Statx(AtFdCwd, path, 0, StatxType | StatxSize | StatxMtime, &buffer) != 0)
        {
            return true; // no file there to look at (ENOENT, ENOTDIR, EACCES, a loop of links, ...)
        }

        if ((buffer.Mode & FileTypeMask) != RegularFile)
        {
            return true;
        }

        isFile = true;
        length = (long)buffer.Size;
        // As FileInfo.LastWriteTimeUtc computes it: the seconds since the Unix epoch, then the nanoseconds in whole ticks.
        lastWriteTicks = DateTime.UnixEpoch.Ticks + (buffer.MtimeSeconds * TimeSpan.TicksPerSecond) + (buffer.MtimeNanoseconds / 100);
        return true;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var path = stackalloc byte[] { (byte)'/', 0 };
            StatxBuffer buffer;
            return Statx(AtFdCwd, path, 0, StatxType, &buffer) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // a C library without statx (glibc before 2.28)
        }
    }

    [LibraryImport("libc", EntryPoint = "statx")]
    private static partial int Statx(int directory, byte* path, int flags, uint mask, StatxBuffer* buffer);

    /// <summary>Linux's <c>struct statx</c> (the same layout on every architecture): only the fields read are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(40)]
        public ulong Size;

        [FieldOffset(112)]
        public long MtimeSeconds;

        [FieldOffset(120)]
        public uint MtimeNanoseconds;
    }
}
#endif
