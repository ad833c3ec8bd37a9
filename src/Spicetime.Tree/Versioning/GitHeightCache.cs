using System.Globalization;
using System.Text;
using Spicetime.Tree.Build;

namespace Spicetime.Tree.Versioning;

/// <summary>
/// Heights already counted, kept in the repository's git folder (<c>.git/spicetime/heights-v1.txt</c>, beside git's own
/// state, the way GitVersion keeps its cache) so that the next build, in any process, walks only the commits made
/// since: a commit's height on a line never changes (history is immutable), so "commit, line → height" stays true.
/// One line per entry, <c>&lt;commit&gt; &lt;tree file&gt;|&lt;line&gt; &lt;height&gt;</c> (both escaped), the most recent <see cref="Capacity"/> kept.
/// It also keeps what a tree.json content says of each fork's line, <c>&lt;blob&gt; =v1:&lt;branch&gt; &lt;line or -&gt;</c> (a blob's content
/// never changes either), so that a new commit that left tree.json as it was costs its commit and trees, not a blob read
/// and a parse. A cache that cannot be read or written is skipped: it only saves time, never changes a number.
/// </summary>
public sealed class GitHeightCache
{
    /// <summary>Entries kept: a few hundred builds' HEADs of a 10-fork tree.</summary>
    public const int Capacity = 4096;

    private readonly string _file;
    private readonly string _treeFile;
    private readonly List<string> _entries;
    // "<commit> <key>" → value: string keys, not tuples, keep the first call cheap (no generic code to compile for a struct key).
    private readonly Dictionary<string, long> _index;
    // "<blob> =v1:<branch>" → the fork's line in that tree.json content, or null where it has none.
    private readonly Dictionary<string, string?> _lines;
    private const string NoLine = "-";

    // Lines are what ForkVersions.Pattern computed from a blob: a change to how it computes them must change this, so
    // that no line recorded by an older Spicetime is compared with one computed by a newer one.
    private const string LinesVersion = "=v1:";

    private GitHeightCache(string file, string treeFile, List<string> entries)
    {
        _file = file;
        _treeFile = treeFile;
        _entries = entries;
        _index = new Dictionary<string, long>(StringComparer.Ordinal);
        _lines = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var space = entry.LastIndexOf(' ');
            if (space <= 0)
            {
                continue;
            }

            var first = entry.IndexOf(' ');
            if (first < space && entry[first + 1] == '=')
            {
                var line = entry[(space + 1)..];
                _lines[entry[..space]] = line == NoLine ? null : Unescape(line);
            }
            else if (long.TryParse(entry.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                _index[entry[..space]] = value;
            }
        }
    }

    /// <summary>The cache of <paramref name="commonGitDirectory"/> for the tree file at <paramref name="treeFileInRepository"/>.</summary>
    public static GitHeightCache Open(string commonGitDirectory, string treeFileInRepository)
    {
        var file = Path.Combine(commonGitDirectory, "spicetime", "heights-v1.txt");
        var entries = new List<string>();
        try
        {
            if (File.Exists(file))
            {
                entries.AddRange(File.ReadAllText(file).Split('\n', StringSplitOptions.RemoveEmptyEntries));
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
        _index.TryGetValue(commit + " " + TimeKey, out var time) ? time : null;

    private const string TimeKey = "@time";

    /// <summary>The height of <paramref name="commit"/> on <paramref name="line"/>, when counted before.</summary>
    public int? Find(string commit, string line) => _index.TryGetValue(commit + " " + Key(line), out var height) ? (int)height : null;

    /// <summary>Each branch's line in the tree.json content <paramref name="blob"/>, when every one of them was recorded.</summary>
    public string?[]? FindLines(string blob, IReadOnlyList<string> branches)
    {
        var lines = new string?[branches.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            if (!_lines.TryGetValue(blob + " " + LinesVersion + Escape(branches[i]), out lines[i]))
            {
                return null;
            }
        }

        return lines;
    }

    /// <summary>Records a commit's time and heights (of HEAD, per line; 0 for a line that does not run there) and what the
    /// tree.json contents read on the way say of each branch's line, and saves the cache when it learned something.</summary>
    public void Save(string commit, long commitTime, IReadOnlyList<LineHeight> heights,
        IReadOnlyDictionary<string, string?[]>? blobLines = null, IReadOnlyList<string>? branches = null)
    {
        var added = false;
        foreach (var (blob, lines) in blobLines ?? new Dictionary<string, string?[]>())
        {
            for (var i = 0; i < lines.Length && branches is not null; i++)
            {
                var key = blob + " " + LinesVersion + Escape(branches[i]);
                if (!_lines.ContainsKey(key))
                {
                    _lines[key] = lines[i];
                    _entries.Add(key + " " + (lines[i] is { } line ? Escape(line) : NoLine));
                    added = true;
                }
            }
        }

        void Add(string key, long value)
        {
            var entry = commit + " " + key;
            if (!_index.TryGetValue(entry, out _)) // TryGetValue: ContainsKey of this dictionary has no ahead-of-time code
            {
                _index[entry] = value;
                _entries.Add(entry + " " + value.ToString(CultureInfo.InvariantCulture));
                added = true;
            }
        }

        Add(TimeKey, commitTime);
        // Indexed, over a class of its own: the framework's generic code over a tuple would be JIT-compiled in a build's first task.
        for (var i = 0; i < heights.Count; i++)
        {
            Add(Key(heights[i].Line), heights[i].Height);
        }

        if (!added)
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var entry in _entries.Skip(Math.Max(0, _entries.Count - Capacity)))
        {
            text.Append(entry).Append('\n');
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
            key = Escape(_treeFile) + "|" + Escape(line);
            _keys[line] = key;
        }

        return key;
    }

    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    private static string Unescape(string text) => Uri.UnescapeDataString(text);

    /// <summary>Keeps a key one space-free token: '%', ' ', '|' and line breaks as %XX.</summary>
    private static string Escape(string text) =>
        text.Replace("%", "%25").Replace(" ", "%20")
            .Replace("|", "%7C").Replace("\n", "%0A").Replace("\r", "%0D");
}

/// <summary>A version line's height at a commit, as <see cref="GitHeightCache.Save"/> records it.</summary>
public sealed record LineHeight(string Line, int Height);
