namespace Spicetime.Tree.Adoption;

/// <summary>What <c>spicetime init</c> does to one file.</summary>
public enum AdoptionAction
{
    /// <summary>The file is missing and is written.</summary>
    Create,

    /// <summary>The file exists and gets the lines it lacks.</summary>
    Change,

    /// <summary>The file is left as it is: it already says what init would write (or it is tree.json, never overwritten).</summary>
    Keep,
}

/// <summary>One file of an adoption: what happens to it, why, and its text before and after.</summary>
/// <param name="Path">The full path.</param>
/// <param name="Name">The path relative to the repository's root, with '/'.</param>
/// <param name="Note">What it gets or why it is kept, for people ("adds msbuild-sdks Spicetime.Sdk 0.1.0").</param>
/// <param name="Before">The text on disk, null when the file is missing.</param>
/// <param name="After">The text init writes (equal to <paramref name="Before"/> when kept).</param>
/// <param name="ByteOrderMark">Whether the file starts with a UTF-8 byte order mark (kept as it was).</param>
public sealed record AdoptionFile(string Path, string Name, AdoptionAction Action, string Note, string? Before, string? After, bool ByteOrderMark = false)
{
    /// <summary>
    /// The change as lines of a diff: <c>- line</c> for each line removed and <c>+ line</c> for each line added (the lines
    /// between the unchanged start and end of the file), between the unchanged line before and after them (indented by
    /// two spaces); every line of a created file is added. Empty when nothing changes.
    /// </summary>
    public IReadOnlyList<string> DiffLines()
    {
        var before = Lines(Before);
        var after = Lines(After);
        if (before.SequenceEqual(after))
        {
            return Array.Empty<string>();
        }

        var start = 0;
        while (start < before.Length && start < after.Length && before[start] == after[start])
        {
            start++;
        }

        var end = 0;
        while (end < before.Length - start && end < after.Length - start && before[before.Length - 1 - end] == after[after.Length - 1 - end])
        {
            end++;
        }

        var lines = new List<string>();
        if (start > 0)
        {
            lines.Add("  " + before[start - 1]);
        }

        lines.AddRange(before.Skip(start).Take(before.Length - start - end).Select(l => "- " + l));
        lines.AddRange(after.Skip(start).Take(after.Length - start - end).Select(l => "+ " + l));
        if (end > 0)
        {
            lines.Add("  " + after[after.Length - end]);
        }

        return lines;
    }

    private static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? Array.Empty<string>() : text!.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
}
