using System.Globalization;
using System.Text;
using Spicetime.Tree.Build;

namespace Spicetime.Tree.Versioning;

/// <summary>
/// Heights already counted, kept in the repository's git folder (<c>.git/spicetime/heights-v1.txt</c>, beside git's own
/// state, the way GitVersion keeps its cache) so that the next build, in any process, walks only the commits made
/// since: a commit's height on a line never changes (history is immutable), so "commit, line → height" stays true.
/// One line per entry, <c>&lt;commit&gt; &lt;tree file&gt;|&lt;line&gt; &lt;height&gt;</c> (both escaped), the most recent <see cref="Capacity"/> kept. A cache
/// that cannot be read or written is skipped: it only saves time, never changes a number.
/// </summary>
public sealed class GitHeightCache
{
    /// <summary>Entries kept: a few hundred builds' HEADs of a 10-fork tree.</summary>
    public const int Capacity = 4096;

    private readonly string _file;
    private readonly string _treeFile;
    private readonly List<(string Commit, string Line, long Value)> _entries;
    private readonly Dictionary<(string Commit, string Line), long> _index;

    private GitHeightCache(string file, string treeFile, List<(string, string, long)> entries)
    {
        _file = file;
        _treeFile = treeFile;
        _entries = entries;
        _index = new Dictionary<(string, string), long>();
        foreach (var (commit, line, height) in entries)
        {
            _index[(commit, line)] = height;
        }
    }

    /// <summary>The cache of <paramref name="commonGitDirectory"/> for the tree file at <paramref name="treeFileInRepository"/>.</summary>
    public static GitHeightCache Open(string commonGitDirectory, string treeFileInRepository)
    {
        var file = Path.Combine(commonGitDirectory, "spicetime", "heights-v1.txt");
        var entries = new List<(string, string, long)>();
        try
        {
            if (File.Exists(file))
            {
                foreach (var text in File.ReadLines(file))
                {
                    var parts = text.Split(' ');
                    if (parts.Length == 3 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var height))
                    {
                        entries.Add((parts[0], parts[1], height));
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            entries.Clear();
        }

        return new GitHeightCache(file, treeFileInRepository, entries);
    }

    /// <summary>The commit time of <paramref name="commit"/>, when recorded.</summary>
    public long? CommitTime(string commit) =>
        _index.TryGetValue((commit, TimeKey), out var time) ? time : null;

    private const string TimeKey = "@time";

    /// <summary>The height of <paramref name="commit"/> on <paramref name="line"/>, when counted before.</summary>
    public int? Find(string commit, string line) => _index.TryGetValue((commit, Key(line)), out var height) ? (int)height : null;

    /// <summary>Records a commit's time and heights (of HEAD, per line; 0 for a line that does not run there) and saves the cache when it learned something.</summary>
    public void Save(string commit, long commitTime, IEnumerable<(string Line, int Height)> heights)
    {
        var added = false;
        foreach (var (key, height) in heights.Select(h => (Key(h.Line), (long)h.Height)).Prepend((TimeKey, commitTime)))
        {
            if (_index.TryAdd((commit, key), height))
            {
                _entries.Add((commit, key, height));
                added = true;
            }
        }

        if (!added)
        {
            return;
        }

        var kept = _entries.Skip(Math.Max(0, _entries.Count - Capacity));
        var text = new StringBuilder();
        foreach (var (c, l, h) in kept)
        {
            text.Append(c).Append(' ').Append(l).Append(' ').Append(h.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        try
        {
            GeneratedFile.WriteIfChanged(_file, text.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only clone: the next build counts again.
        }
    }

    /// <summary>A line is keyed with the tree file's path: two tree files in one repository have their own lines.</summary>
    private string Key(string line)
    {
        if (!_keys.TryGetValue(line, out var key))
        {
            // Readable and space-free: lines are version patterns (no spaces); the tree file's path is escaped.
            key = Uri.EscapeDataString(_treeFile) + "|" + Uri.EscapeDataString(line);
            _keys[line] = key;
        }

        return key;
    }

    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
}
