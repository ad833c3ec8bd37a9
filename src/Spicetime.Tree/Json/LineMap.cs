using System.Text;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Json;

/// <summary>Turns byte offsets of a UTF-8 buffer into 1-based lines and character columns.</summary>
internal sealed class LineMap
{
    private readonly ReadOnlyMemory<byte> _utf8;
    private readonly List<int> _lineStarts = new() { 0 };

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
        var length = (int)Math.Clamp(bytePositionInLine, 0, _utf8.Length - start);
        var column = Encoding.UTF8.GetCharCount(_utf8.Span.Slice(start, length)) + 1;
        return new SourcePosition(line + 1, column);
    }
}
