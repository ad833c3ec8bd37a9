namespace Spicetime.Tree.Projects.Cache;

/// <summary>
/// A file's size and time of last writing, recorded with the fingerprint of the bytes read, so that a later run whose
/// look at the file finds the same stamp takes the fingerprint as it was without reading the file again (what git does
/// with its index). Recorded only when it can be trusted:
/// <list type="bullet">
/// <item>the stamp was the same before and after the read, so the bytes read are the file at that stamp;</item>
/// <item>the file was last written more than <see cref="Settling"/> before the read: a file written in the same tick of
/// the file system's clock as the read could be written again in that tick, with its size and its time unchanged
/// (git's "racily clean" entries). Such a file gets no stamp and is read again by the next run.</item>
/// </list>
/// What a stamp cannot see is a file given different content of the same size and then its old time of writing back
/// on purpose (<c>touch -d</c>, an archive extracted over it): build tools that go by time stamps, MSBuild among
/// them, miss that too.
/// </summary>
public readonly struct FileStamp : IEquatable<FileStamp>
{
    /// <summary>How long after its last writing a file's stamp is trusted: coarser than any file system's clock (FAT's is 2 s).</summary>
    public static readonly TimeSpan Settling = TimeSpan.FromSeconds(3);

    public FileStamp(long length, long lastWriteTicks)
    {
        Length = length;
        LastWriteTicks = lastWriteTicks;
    }

    public long Length { get; }

    /// <summary>The time of last writing (UTC ticks); 0 for no stamp.</summary>
    public long LastWriteTicks { get; }

    /// <summary>No stamp: the file is read and hashed to know whether it changed.</summary>
    public static FileStamp None => default;

    public bool IsNone => LastWriteTicks == 0;

    /// <summary>The file's stamp now; <see cref="None"/> when it is not a file that is there.</summary>
    public static FileStamp Of(string fullPath)
    {
        try
        {
            var file = new FileInfo(fullPath);
#if NET
            // A symbolic link's own size and time are not its content's: the final target's are (what a read opens).
            if (file.Exists && (file.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                if (file.ResolveLinkTarget(returnFinalTarget: true) is not FileInfo target)
                {
                    return None;
                }

                file = target;
            }
#else
            if (file.Exists && (file.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                return None; // a link, whose target .NET Framework cannot follow: no stamp, so it is always read
            }
#endif
            return file.Exists ? new FileStamp(file.Length, file.LastWriteTimeUtc.Ticks) : None;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return None;
        }
    }

    /// <summary>
    /// The stamp now of the file <paramref name="relative"/> ('/' separators) under the folder <paramref name="root"/>:
    /// the same as <see cref="Of(string)"/> of its full path, with one system call on Linux and no allocation
    /// (<see cref="Framework.LinuxFileStatus"/>): a warm run looks at every stored project file this way.
    /// </summary>
    public static FileStamp Of(string root, string relative)
    {
#if NET
        if (relative != Paths.RepositoryPath.Root && Framework.LinuxFileStatus.TryStat(root, relative, out var isFile, out var length, out var lastWriteTicks))
        {
            return isFile ? new FileStamp(length, lastWriteTicks) : None;
        }
#endif
        return Of(Paths.RepositoryPath.FullPath(root, relative));
    }

    /// <summary>The stamp of the file <paramref name="stream"/> has open (its own, whatever its path names meanwhile).</summary>
    internal static FileStamp Of(FileStream stream)
    {
        try
        {
#if NET
            return new FileStamp(RandomAccess.GetLength(stream.SafeFileHandle), File.GetLastWriteTimeUtc(stream.SafeFileHandle).Ticks);
#else
            // .NET Framework cannot look at the open file itself, and a look at its path may see another file renamed
            // over it meanwhile: no stamp, so such a file is always read (the facts cache is the CLI's, on .NET).
            return None;
#endif
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return None;
        }
    }

    /// <summary>
    /// The stamp to record for a read that found <paramref name="before"/> before it and <paramref name="after"/> after
    /// it, at <paramref name="readAt"/>: <see cref="None"/> unless both are the same and the file had settled.
    /// </summary>
    public static FileStamp Settled(FileStamp before, FileStamp after, DateTime readAt) =>
        !before.IsNone && before == after && before.LastWriteTicks < (readAt - Settling).Ticks ? before : None;

    public bool Equals(FileStamp other) => Length == other.Length && LastWriteTicks == other.LastWriteTicks;

    public override bool Equals(object? obj) => obj is FileStamp other && Equals(other);

    public override int GetHashCode() => (int)(LastWriteTicks ^ (LastWriteTicks >> 32) ^ Length);

    public static bool operator ==(FileStamp left, FileStamp right) => left.Equals(right);

    public static bool operator !=(FileStamp left, FileStamp right) => !left.Equals(right);

    public override string ToString() => IsNone ? "none" : $"{Length} bytes, written {new DateTime(LastWriteTicks, DateTimeKind.Utc):O}";
}
