using System.Text;

namespace Spicetime.Tree.Build;

/// <summary>Writes generated files atomically (a temporary file renamed over the target) and only when their content changes.</summary>
public static class GeneratedFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> unless it already holds exactly that; returns true when it wrote.</summary>
    public static bool WriteIfChanged(string path, string content) => WriteIfChanged(path, content, out _);

    /// <summary>
    /// The same, and what the file held before (null when it did not exist or could not be read), for a caller that
    /// tells which part of the content changed.
    /// </summary>
    public static bool WriteIfChanged(string path, string content, out string? previous) =>
        WriteIfChanged(path, content, mayReplace: null, out previous);

    /// <summary>
    /// The same, writing only when <paramref name="mayReplace"/> accepts what the file held (it is not asked when the
    /// file is absent or already holds <paramref name="content"/>); returns false when it refused. Reading, asking and
    /// writing happen under an exclusive lock on a file of the system's temporary folder named by the path's hash (not beside
    /// it: a first restore writes one file a project into obj/), so two writers that race (two projects restoring at once
    /// in one build) are asked one after the other: the second sees the first's file, never an absent one.
    /// </summary>
    public static bool WriteIfChanged(string path, string content, Func<string, bool>? mayReplace, out string? previous)
    {
        if (mayReplace is null)
        {
            return Write(path, content, mayReplace, out previous);
        }

        using var exclusive = ExclusiveLock(LockFileFor(path));
        return Write(path, content, mayReplace, out previous);
    }

    private static bool Write(string path, string content, Func<string, bool>? mayReplace, out string? previous)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var bytes = encoding.GetBytes(content);
        previous = null;
        try
        {
            if (File.Exists(path))
            {
                var existing = File.ReadAllBytes(path);
                if (existing.AsSpan().SequenceEqual(bytes))
                {
                    previous = content;
                    return false;
                }

                previous = encoding.GetString(existing);
            }
        }
        catch (IOException)
        {
            // Unreadable: write it anew.
        }

        if (previous is not null && mayReplace is not null && !mayReplace(previous))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            return Replace(temporary, path, bytes);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// Renames <paramref name="temporary"/> over <paramref name="path"/>. On Windows the rename fails while another
    /// process reads the file without letting it be deleted (an MSBuild evaluation of another project importing a node's
    /// shared file): it is tried again for up to ten seconds, and a file that meanwhile holds <paramref name="bytes"/>
    /// (another writer's identical content) is taken as written. False when that writer wrote it; an error that outlasts
    /// the wait is thrown.
    /// </summary>
    internal static bool Replace(string temporary, string path, byte[] bytes, Action<string, string>? move = null)
    {
        move ??= static (from, to) => File.Move(from, to, overwrite: true);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                move(temporary, path);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                if (Holds(path, bytes))
                {
                    return false;
                }

                Thread.Sleep(20);
            }
        }
    }

    private static bool Holds(string path, byte[] bytes)
    {
        try
        {
            return File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The lock file for <paramref name="path"/>: in the temporary folder, named by two seeded XXH64 hashes of its full path
    /// (not SHA-256: the first SHA-256 of a process initialises OpenSSL, ~5 ms on every MSBuild node's first generation;
    /// nor XXH3, whose vectorised code for a path over 240 bytes ReadyToRun leaves to the JIT).
    /// </summary>
    private static string LockFileFor(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(Path.GetFullPath(path));
        var name = System.IO.Hashing.XxHash64.HashToUInt64(bytes).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)
            + System.IO.Hashing.XxHash64.HashToUInt64(bytes, seed: 1).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        return Path.Combine(Path.GetTempPath(), "spicetime-locks", name + ".lock");
    }

    /// <summary>
    /// Holds <paramref name="lockFile"/> open with no sharing (an OS lock: across MSBuild nodes too), waiting while another
    /// writer holds it. The file stays: deleting a lock file lets a third writer lock a new one while the second holds the old.
    /// After a minute (a writer that hangs) it goes on without the lock rather than fail the build.
    /// </summary>
    private static IDisposable? ExclusiveLock(string lockFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(lockFile))!);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(1))
            {
                Thread.Sleep(15);
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    /// <summary>Creates <paramref name="path"/> or updates its time stamp (the marker that an up-to-date check compares with its inputs).</summary>
    public static void Touch(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path))
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        else
        {
            File.WriteAllBytes(path, Array.Empty<byte>());
        }
    }
}
