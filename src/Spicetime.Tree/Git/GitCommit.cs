using System.Globalization;
using System.Text;

namespace Spicetime.Tree.Git;

/// <summary>What a history walk needs of a commit: its root tree, its parents, and when it was committed.</summary>
public sealed record GitCommit(string Id, string Tree, IReadOnlyList<string> Parents, long CommitTime)
{
    /// <summary>Reads the header lines of a commit object ("tree", "parent", "committer").</summary>
    public static GitCommit Parse(string id, byte[] data)
    {
        string? tree = null;
        var parents = new List<string>(2);
        long time = 0;
        var position = 0;
        while (position < data.Length)
        {
            var end = GitBytes.IndexOf(data, (byte)'\n', position);
            if (end < 0)
            {
                end = data.Length;
            }

            if (end == position)
            {
                break; // the blank line before the message
            }

            var line = Encoding.UTF8.GetString(data, position, end - position);
            if (line.StartsWith("tree ", StringComparison.Ordinal))
            {
                tree = line[5..];
            }
            else if (line.StartsWith("parent ", StringComparison.Ordinal))
            {
                parents.Add(line[7..]);
            }
            else if (line.StartsWith("committer ", StringComparison.Ordinal))
            {
                // "committer Name <email> 1700000000 +0100": the time is the second-last field.
                var fields = line.Split(' ');
                if (fields.Length >= 3)
                {
                    long.TryParse(fields[^2], NumberStyles.Integer, CultureInfo.InvariantCulture, out time);
                }
            }

            position = end + 1;
        }

        return new GitCommit(id, tree ?? throw new GitFormatException($"commit {id} has no tree"), parents, time);
    }
}
