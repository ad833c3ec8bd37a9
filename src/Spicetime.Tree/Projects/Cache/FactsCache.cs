using System.IO.Hashing;
using System.Text;
using Spicetime.Tree.Git;
using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Projects.Cache;

/// <summary>
/// The evaluated-facts cache of one analysed folder: each project's <see cref="ProjectInfo"/>, keyed by every input
/// its evaluation read (<see cref="EvaluationInputs"/>: the project file's and every imported file's content, every
/// existence probe's answer, every environment variable read, the build files a wildcard matched) and by the reader's
/// version and the folder (the file's header). A project is taken from the cache only when each of its inputs is as it
/// was, so a stale entry cannot be used; anything else is evaluated again.
///
/// It lives in the repository's git folder (<c>.git/spicetime/</c>; a worktree's own), where git never lists it, or
/// in <c>obj/spicetime/</c> of the folder outside git. One file per analysed folder, written whole and renamed into
/// place (concurrent runs each leave a complete file), holding only the projects of the last run that changed it.
/// </summary>
public sealed class FactsCache
{
    /// <summary>How many cache files of other analysed folders one repository keeps (the most recently written).</summary>
    private const int FilesKept = 8;

    public FactsCache(string root, string filePath)
    {
        Root = RepositoryPath.Normalize(Path.GetFullPath(root)).TrimEnd('/');
        FilePath = filePath;
    }

    /// <summary>The analysed folder (full path, '/' separators).</summary>
    public string Root { get; }

    public string FilePath { get; }

    /// <summary>The cache of <paramref name="root"/>: in its git folder, or in its obj folder outside git.</summary>
    public static FactsCache For(string root)
    {
        var full = RepositoryPath.Normalize(Path.GetFullPath(root)).TrimEnd('/');
        var folder = GitBranchReader.FindGitDirectory(root) is { } gitDirectory
            ? Path.Combine(gitDirectory, "spicetime")
            : Path.Combine(root, "obj", "spicetime");
        return new FactsCache(root, Path.Combine(folder, $"facts-{XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(full)):x16}.bin"));
    }

    /// <summary>The stored facts; null when there are none or they cannot be used (damaged, another version, another folder).</summary>
    /// <remarks>
    /// The stored files' stamps are looked at (in parallel) while the entries are decoded: at 20,000 projects each is
    /// about a third of a warm run, and neither needs the other.
    /// </remarks>
    internal StoredFacts? Load()
    {
        Task<bool[]>? held = null;
        // A thread of its own, not the pool's: whoever waits for the answer may hold the pool's threads (readers in a
        // parallel loop), and a Parallel.For makes progress on the thread that calls it when no other is free.
        var stored = FactsCacheFile.Read(FilePath, Root, (inputs, stamps) => held = Task.Factory.StartNew(
            () => StampsHeld(inputs, stamps), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        if (stored is null)
        {
            held?.GetAwaiter().GetResult(); // entries that could not be read: no look outlives the call
            return null;
        }

        return stored with { StampsHeld = held };
    }

    /// <summary>
    /// Per stored input, whether it is a file still at the stamp stored with its fingerprint (<see cref="FileStamp"/>):
    /// then it is that content, and is not read. One look at the file's size and time instead of reading and hashing
    /// it, which was most of a warm run.
    /// </summary>
    private bool[] StampsHeld(KeyValuePair<EvaluationInput, Fingerprint>[] inputs, FileStamp[] stamps)
    {
        var held = new bool[inputs.Length];
        Parallel.For(0, inputs.Length, i =>
            held[i] = inputs[i].Key.Kind == InputKind.File && !stamps[i].IsNone && FileStamp.Of(Root, inputs[i].Key.Name) == stamps[i]);
        return held;
    }

    /// <summary>One run's use of the cache with <paramref name="reader"/> (which must read <see cref="Root"/>).</summary>
    public FactsCacheRun Open(ProjectReader reader) => Open(reader, Load());

    internal FactsCacheRun Open(ProjectReader reader, StoredFacts? stored)
    {
        if (reader.Root != Root)
        {
            throw new ArgumentException($"the reader reads {reader.Root}, the cache is {Root}'s", nameof(reader));
        }

        return new FactsCacheRun(this, reader, stored);
    }

    /// <summary>Writes the entries; the cache is an optimisation, so a folder that cannot be written leaves it as it was.</summary>
    internal void Save(IEnumerable<FactsEntry> entries, Func<string, Fingerprint, FileStamp> stampOf)
    {
        try
        {
            var folder = Path.GetDirectoryName(FilePath)!;
            Directory.CreateDirectory(folder);
            FactsCacheFile.Write(FilePath, Root, entries, stampOf);
            Prune(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Temporary files a killed run left (older than an hour), and the cache files of folders not analysed for longest beyond <see cref="FilesKept"/>.</summary>
    private static void Prune(string folder)
    {
        foreach (var temporary in Directory.EnumerateFiles(folder, "facts-*.tmp"))
        {
            if (File.GetLastWriteTimeUtc(temporary) < DateTime.UtcNow.AddHours(-1))
            {
                File.Delete(temporary);
            }
        }

        foreach (var old in Directory.EnumerateFiles(folder, "facts-*.bin").OrderByDescending(File.GetLastWriteTimeUtc).Skip(FilesKept).ToList())
        {
            File.Delete(old);
        }
    }
}
