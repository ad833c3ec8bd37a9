#if !NET
using System.Runtime.InteropServices;
using System.Text;
#endif

namespace Spicetime.Tree.Paths;

/// <summary>
/// Where a symbolic link (or, on Windows, a junction or other name-surrogate reparse point) leads: the one place the
/// repository boundary asks it. .NET answers through <see cref="FileSystemInfo.ResolveLinkTarget(bool)"/>; .NET
/// Framework (Visual Studio's MSBuild, Mono) has no such API, so there the operating system is asked directly:
/// GetFinalPathNameByHandle on Windows, realpath(3) elsewhere.
/// </summary>
public static class SymbolicLink
{
    /// <summary>
    /// The full path <paramref name="info"/> finally leads to when it is a link (links followed to the end; a dangling
    /// link: where it points); null when it is no link.
    /// </summary>
    public static string? FinalTarget(FileSystemInfo info)
    {
#if NET
        if (!info.Exists && (int)info.Attributes == -1)
        {
            return null; // nothing at all at the path, not even a dangling link (asked without the exception Resolve throws)
        }

        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        if (target is not null)
        {
            return target.FullName;
        }

        // A dangling link: where it points, even though nothing is there.
        return info.LinkTarget is { } link ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(info.FullName)!, link)) : null;
#else
        if (!IsLink(info))
        {
            return null;
        }

        return IsWindows ? WindowsFinalPath(info.FullName) : UnixRealPath(info.FullName);
#endif
    }

#if !NET
    private static bool IsWindows => Path.DirectorySeparatorChar == '\\';

    /// <summary>Whether <paramref name="info"/> is itself a link (whatever its target, even a missing one).</summary>
    private static bool IsLink(FileSystemInfo info)
    {
        if (IsWindows)
        {
            return info.Exists && (info.Attributes & FileAttributes.ReparsePoint) != 0;
        }

        var buffer = new byte[1];
        return (long)readlink(info.FullName, buffer, (IntPtr)buffer.Length) >= 0;
    }

    private static string? UnixRealPath(string path)
    {
        var buffer = new byte[4096];
        if (realpath(path, buffer) == IntPtr.Zero)
        {
            // A dangling link: where it points, even though nothing is there.
            var length = (long)readlink(path, buffer, (IntPtr)buffer.Length);
            return length < 0 ? null : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Encoding.UTF8.GetString(buffer, 0, (int)length)));
        }

        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }

    private static string? WindowsFinalPath(string path)
    {
        const uint FileReadAttributes = 0x80, ShareAll = 0x7, OpenExisting = 3, BackupSemantics = 0x02000000;
        using var handle = CreateFileW(path, FileReadAttributes, ShareAll, IntPtr.Zero, OpenExisting, BackupSemantics, IntPtr.Zero);
        if (handle.IsInvalid)
        {
            return null;
        }

        var text = new StringBuilder(1024);
        var length = GetFinalPathNameByHandleW(handle, text, (uint)text.Capacity, 0);
        if (length == 0 || length >= text.Capacity)
        {
            return null;
        }

        var final = text.ToString();
        return final.StartsWith(@"\\?\UNC\", StringComparison.Ordinal) ? @"\\" + final.Substring(8)
            : final.StartsWith(@"\\?\", StringComparison.Ordinal) ? final.Substring(4)
            : final;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr readlink([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer, IntPtr size);

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] resolved);

    [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern Microsoft.Win32.SafeHandles.SafeFileHandle CreateFileW(string name, uint access, uint share, IntPtr security, uint mode, uint flags, IntPtr template);

    [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern uint GetFinalPathNameByHandleW(Microsoft.Win32.SafeHandles.SafeFileHandle handle, StringBuilder path, uint length, uint flags);
#endif
}
