using System.Globalization;
using System.Text;
using Spicetime.Tree.Build;

namespace Spicetime.Tree.Versioning;

/// <summary>
/// Heights already counted, kept in the repository's git folder (<c>.git/spicetime/heights-v2.txt</c>, beside git's own
/// state, the way GitVersion keeps its cache) so that the next build, in any process, walks only the commits made
/// since: a commit's height on a line never changes (history is immutable), so "commit, line → height" stays true.
/// One line per entry, <c>&lt;commit&gt; &lt;tree file&gt;|&lt;line&gt; &lt;height&gt; &lt;check&gt;</c> (both escaped), the most recent <see cref="Capacity"/> kept.
/// It also keeps what a tree.json content says of each fork's line, <c>&lt;blob&gt; =v1:&lt;branch&gt; &lt;line or -&gt;</c> (a blob's content
/// never changes either), so that a new commit that left tree.json as it was costs its commit and trees, not a blob read
/// and a parse. A cache that cannot be read or written is skipped: it only saves time, never changes a number.
/// <para>
/// A build appends what it learnt (one write: a build after one new commit costs no rewrite of the file, no temporary
/// file and no rename) until the file holds a quarter more than <see cref="Capacity"/> lines; then it is rewritten with
/// the newest entries, atomically. Appends are not atomic with each other: .NET's append mode seeks to the end once and
/// writes there (no O_APPEND), so two builds at once can write over each other's bytes, and either can be cut short.
/// Every line therefore ends with a check, XXH32 of the rest of the line in eight hexadecimal digits, and a line is
/// used only when it is whole: ended by a line break, four space-free fields, an object id first (40 or 64 hexadecimal
/// digits), and its check right. A line pieced together from two writes fails the check (but for a chance of one in
/// 2^32 per such line); any line that passes was written whole by some build, and is true: what it says of a commit or
/// a blob never changes.
/// </para>
/// </summary>
public sealed class GitHeightCache
{
    /// <summary>Entries kept: a few hundred builds' HEADs of a 10-fork tree.</summary>
    public const int Capacity = 4096;

    /// <summary>Lines the file may hold before a build rewrites it with the newest <see cref="Capacity"/> entries.</summary>
    public const int CompactAt = Capacity + (Capacity / 4);

    private readonly string _file;
    private readonly string _treeFile;
    private readonly List<string> _entries;
    // What the file held when opened: lines of any kind, whether it ended with a line break (or was empty or absent), and
    // whether it could be read at all (if not, nothing is written: a rewrite would drop what another build keeps there).
    private readonly int _linesInFile;
    private readonly bool _appendable;
    private readonly bool _readable;
    // "<commit> <key>" → value: string keys, not tuples, keep the first call cheap (no generic code to compile for a struct key).
    private readonly Dictionary<string, long> _index;
    // "<blob> =v1:<branch>" → the fork's line in that tree.json content, or null where it has none.
    private readonly Dictionary<string, string?> _lines;
    private const string NoLine = "-";

    // Lines are what ForkVersions.Pattern computed from a blob: a change to how it computes them must change this, so
    // that no line recorded by an older Spicetime is compared with one computed by a newer one.
    private const string LinesVersion = "=v1:";

    private GitHeightCache(string file, string treeFile, List<string> entries, int linesInFile, bool appendable, bool readable)
    {
        _readable = readable;
        _file = file;
        _treeFile = treeFile;
        _entries = entries;
        _linesInFile = linesInFile;
        _appendable = appendable;
        _index = new Dictionary<string, long>(StringComparer.Ordinal);
        _lines = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var first = entry.IndexOf(' ');
            var space = entry.LastIndexOf(' ');
            if (entry[first + 1] == '=')
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
        var file = Path.Combine(commonGitDirectory, "spicetime", FileName);
        var entries = new List<string>();
        var lines = 0;
        var appendable = true;
        var readable = true;
        try
        {
            if (File.Exists(file))
            {
                // Shared with a build appending to it (Windows refuses a plain read while a writer holds the file). Read as
                // bytes: each line's check is over its bytes, so a line costs no string but its entry's, and only when whole.
                byte[] bytes;
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    bytes = ReadToEnd(stream);
                }

                appendable = bytes.Length == 0 || bytes[bytes.Length - 1] == (byte)'\n';
                var start = 0;
                // Only lines ended by a line break: the last one of a write cut short has none.
                for (var end = Array.IndexOf(bytes, (byte)'\n'); end >= 0; start = end + 1, end = Array.IndexOf(bytes, (byte)'\n', start))
                {
                    lines++;
                    if (Whole(new ReadOnlySpan<byte>(bytes, start, end - start)) is { } entry)
                    {
                        entries.Add(entry);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            entries.Clear();
            readable = false;
        }

        return new GitHeightCache(file, treeFileInRepository, entries, lines, appendable, readable);
    }

    private const string FileName = "heights-v2.txt";

    /// <summary>The entry of a line written whole (its check right), without the check; null for any other line.</summary>
    private static string? Whole(ReadOnlySpan<byte> line)
    {
        var last = line.Length - CheckLength - 1;
        if (last <= 0 || line[last] != (byte)' ' || !TryParseCheck(line.Slice(last + 1), out var check))
        {
            return null;
        }

        var entry = line.Slice(0, last);
        return WellFormed(entry) && System.IO.Hashing.XxHash32.HashToUInt32(entry) == check ? Utf8(entry) : null;
    }

    /// <summary>Three space-free fields: an object id (lowercase hexadecimal, SHA-1 or SHA-256), a key, a value (a number
    /// unless the key is a tree.json line's).</summary>
    private static bool WellFormed(ReadOnlySpan<byte> entry)
    {
        var first = entry.IndexOf((byte)' ');
        if (first is not (40 or 64))
        {
            return false;
        }

        foreach (var b in entry.Slice(0, first))
        {
            if (b is not ((>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f')))
            {
                return false;
            }
        }

        var rest = entry.Slice(first + 1);
        var second = rest.IndexOf((byte)' ');
        if (second <= 0 || second == rest.Length - 1)
        {
            return false;
        }

        var value = rest.Slice(second + 1);
        if (value.IndexOf((byte)' ') >= 0)
        {
            return false;
        }

        if (rest[0] == (byte)'=')
        {
            return true;
        }

        // A number: digits only (heights and commit times; 18 digits stay within a long).
        if (value.Length > 18)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A check as <see cref="Check"/> writes it: eight lowercase hexadecimal digits.</summary>
    private static bool TryParseCheck(ReadOnlySpan<byte> text, out uint check)
    {
        check = 0;
        if (text.Length != CheckLength)
        {
            return false;
        }

        foreach (var b in text)
        {
            var digit = b is >= (byte)'0' and <= (byte)'9' ? b - '0' : b is >= (byte)'a' and <= (byte)'f' ? b - 'a' + 10 : -1;
            if (digit < 0)
            {
                return false;
            }

            check = (check << 4) | (uint)digit;
        }

        return true;
    }

    private static string Utf8(ReadOnlySpan<byte> bytes)
    {
#if NET
        return Encoding.UTF8.GetString(bytes);
#else
        return Encoding.UTF8.GetString(bytes.ToArray());
#endif
    }

    private static byte[] ReadToEnd(Stream stream)
    {
        using var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length, int.MaxValue) : 0);
        stream.CopyTo(buffer);
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    private const int CheckLength = 8;

    /// <summary>The line as written: the entry and its check.</summary>
    internal static string Line(string entry) => entry + " " + Check(entry);

    /// <summary>XXH32 of the entry's UTF-8 bytes, eight lowercase hexadecimal digits.</summary>
    private static string Check(string entry) =>
        System.IO.Hashing.XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(entry)).ToString("x8", CultureInfo.InvariantCulture);

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
        var added = 0;
        foreach (var (blob, lines) in blobLines ?? new Dictionary<string, string?[]>())
        {
            for (var i = 0; i < lines.Length && branches is not null; i++)
            {
                var key = blob + " " + LinesVersion + Escape(branches[i]);
                if (!_lines.ContainsKey(key))
                {
                    _lines[key] = lines[i];
                    _entries.Add(key + " " + (lines[i] is { } line ? Escape(line) : NoLine));
                    added++;
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
                added++;
            }
        }

        Add(TimeKey, commitTime);
        // Indexed, over a class of its own: the framework's generic code over a tuple would be JIT-compiled in a build's first task.
        for (var i = 0; i < heights.Count; i++)
        {
            Add(Key(heights[i].Line), heights[i].Height);
        }

        if (added == 0 || !_readable)
        {
            return;
        }

        try
        {
            if (_appendable && _linesInFile > 0 && _linesInFile + added <= CompactAt)
            {
                Append(_entries.Count - added);
            }
            else
            {
                Rewrite();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only clone: the next build counts again.
        }
    }

    /// <summary>The entries from <paramref name="from"/> on, added to the end of the file in one write.</summary>
    private void Append(int from)
    {
        var bytes = Encoding.UTF8.GetBytes(Lines(from));
        using var stream = new FileStream(_file, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        stream.Write(bytes, 0, bytes.Length);
    }

    /// <summary>The entries from <paramref name="from"/> on as the file holds them, each line with its check.</summary>
    private string Lines(int from)
    {
        var text = new StringBuilder();
        for (var i = from; i < _entries.Count; i++)
        {
            text.Append(Line(_entries[i])).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The file anew with the newest <see cref="Capacity"/> entries: a temporary file renamed over it.</summary>
    private void Rewrite()
    {
        GeneratedFile.WriteIfChanged(_file, Lines(Math.Max(0, _entries.Count - Capacity)));

        // The first format (no checks) is left behind by an older Spicetime: nothing reads it.
        var older = Path.Combine(Path.GetDirectoryName(_file)!, "heights-v1.txt");
        if (File.Exists(older))
        {
            File.Delete(older);
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
