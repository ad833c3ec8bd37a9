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

    /// <summary>Changed files with no base to compare with, read from the folder on disk.</summary>
    public static ChangeSet FromFiles(string root, IReadOnlyList<string> files) =>
        new(files, null, f => File.Exists(Path.Combine(root, f)) ? File.ReadAllBytes(Path.Combine(root, f)) : null);
}
