namespace Spicetime.Tree.Affected;

/// <summary>
/// What changed: files relative to the tree's folder with '/' separators, and how to read a file as it was before and
/// as it is after the change (null when it did not exist, or when the revision is unknown: then a changed
/// tree.json or Directory.Packages.props counts as changed throughout).
/// </summary>
public sealed class ChangeSet
{
    public ChangeSet(IReadOnlyList<string> files, Func<string, byte[]?>? readBefore, Func<string, byte[]?> readAfter)
    {
        Files = files.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
        ReadBefore = readBefore;
        ReadAfter = readAfter;
    }

    public IReadOnlyList<string> Files { get; }

    /// <summary>Reads a file at the base revision; null when no base is known.</summary>
    public Func<string, byte[]?>? ReadBefore { get; }

    public Func<string, byte[]?> ReadAfter { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FileExistence> _existence = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a changed file was added, removed or modified: it exists at a revision when that revision can read it.
    /// Without a base revision, a file that exists now may have been added or modified (<see cref="FileExistence.ExistsNow"/>).
    /// Asked once per file (only for the files a rule needs it for: reading a file at the base runs git).
    /// </summary>
    public FileExistence ExistenceOf(string file) =>
        _existence.GetOrAdd(file, f =>
        {
            var after = ReadAfter(f) is not null;
            if (ReadBefore is null)
            {
                return after ? FileExistence.ExistsNow : FileExistence.Removed;
            }

            var before = ReadBefore(f) is not null;
            return (before, after) switch
            {
                (false, true) => FileExistence.Added,
                (true, false) => FileExistence.Removed,
                (true, true) => FileExistence.Modified,
                _ => FileExistence.Neither,
            };
        });

    /// <summary>Changed files with no base to compare with, read from the folder on disk.</summary>
    public static ChangeSet FromFiles(string root, IReadOnlyList<string> files) =>
        new(files, null, f => File.Exists(Path.Combine(root, f)) ? File.ReadAllBytes(Path.Combine(root, f)) : null);
}

/// <summary>How a changed file's existence differs between the base and the change (<see cref="ChangeSet.ExistenceOf"/>).</summary>
public enum FileExistence
{
    Added,
    Removed,

    /// <summary>There before and after: only its content changed.</summary>
    Modified,

    /// <summary>No base revision to compare with, and the file exists now: added or modified.</summary>
    ExistsNow,

    /// <summary>Readable at neither revision (e.g. added and removed again among uncommitted changes).</summary>
    Neither,
}
