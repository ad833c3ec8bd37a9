using System.Text;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Json;

/// <summary>
/// Turns byte offsets of a UTF-8 buffer into 1-based lines and character columns. Columns count
/// characters, not bytes; for pure-ASCII text (most tree.json files) they are the byte offsets, and
/// otherwise they are counted incrementally, so a minified file on one line stays linear.
/// </summary>
internal sealed class LineMap
{
    private readonly ReadOnlyMemory<byte> _utf8;
    private readonly List<int> _lineStarts = new() { 0 };
    private readonly bool _ascii = true;

    // The last column computed: line, byte offset in the buffer, characters from the line start.
    private int _lastLine = -1;
    private int _lastOffset;
    private int _lastChars;

    public LineMap(ReadOnlyMemory<byte> utf8)
    {
        _utf8 = utf8;
        var span = utf8.Span;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
            else if (span[i] >= 0x80)
            {
                _ascii = false;
            }
        }
    }

    public SourcePosition At(long byteOffset)
    {
        var offset = (int)Math.Clamp(byteOffset, 0, _utf8.Length);
        var index = _lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return FromLine(line, offset - _lineStarts[line]);
    }

    /// <summary>From a 0-based line and a 0-based byte position in that line (what JsonException reports).</summary>
    public SourcePosition FromLine(int line, long bytePositionInLine)
    {
        line = Math.Clamp(line, 0, _lineStarts.Count - 1);
        var start = _lineStarts[line];
        var offset = start + (int)Math.Clamp(bytePositionInLine, 0, _utf8.Length - start);
        if (_ascii)
        {
            return new SourcePosition(line + 1, offset - start + 1);
        }

        int chars;
        if (line == _lastLine && offset >= _lastOffset)
        {
            chars = _lastChars + Encoding.UTF8.GetCharCount(_utf8.Span[_lastOffset..offset]);
        }
        else
        {
            chars = Encoding.UTF8.GetCharCount(_utf8.Span[start..offset]);
        }

        (_lastLine, _lastOffset, _lastChars) = (line, offset, chars);
        return new SourcePosition(line + 1, chars + 1);
    }
}
