using System.Text.Json;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Json;

/// <summary>
/// Parses JSON with System.Text.Json's reader into <see cref="PositionedJson"/>, keeping each
/// value's line and column. Comments and trailing commas are accepted, as in global.json.
/// </summary>
public static class PositionedJsonParser
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 1024,
    };

    /// <summary>How many levels of forks below the root fit in <see cref="JsonReaderOptions.MaxDepth"/>: the root node sits at depth 2, each level adds a 'children' array and a node, and a node's own arrays one more.</summary>
    public const int MaxForkLevels = (1024 - 3) / 2;

    /// <summary>Parses <paramref name="utf8"/>; on failure reports SPT0100/SPT0101 into <paramref name="diagnostics"/> and returns null.</summary>
    public static PositionedJson? Parse(ReadOnlyMemory<byte> utf8, DiagnosticBag diagnostics)
    {
        var span = utf8.Span;
        if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF)
        {
            utf8 = utf8.Slice(3);
        }

        var lines = new LineMap(utf8);
        if (IsBlank(utf8.Span))
        {
            diagnostics.Report(DiagnosticCodes.EmptyFile, new SourcePosition(1, 1),
                "tree.json is empty; it needs at least {\"root\": {\"branch\": \"main\"}}");
            return null;
        }

        var reader = new Utf8JsonReader(utf8.Span, Options);
        var started = false;
        try
        {
            started = reader.Read();
            if (!started)
            {
                diagnostics.Report(DiagnosticCodes.EmptyFile, new SourcePosition(1, 1),
                    "tree.json holds only comments; it needs at least {\"root\": {\"branch\": \"main\"}}");
                return null;
            }

            var value = ReadValue(ref reader, lines);
            if (reader.Read())
            {
                diagnostics.Report(DiagnosticCodes.MalformedJson, lines.At(reader.TokenStartIndex),
                    "Malformed JSON: unexpected content after the end of the top-level value");
                return null;
            }

            return value;
        }
        catch (JsonException) when (!started && OnlyComments(utf8.Span))
        {
            diagnostics.Report(DiagnosticCodes.EmptyFile, new SourcePosition(1, 1),
                "tree.json holds no JSON value; it needs at least {\"root\": {\"branch\": \"main\"}}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json reads a string's escapes only when asked for its value, and a lone surrogate escape
            // ("\ud800" without its pair) is an InvalidOperationException there, not a JsonException.
            diagnostics.Report(DiagnosticCodes.MalformedJson, lines.At(reader.TokenStartIndex),
                "Malformed JSON: a string holds half of a UTF-16 surrogate pair (an escape such as \\ud800 without the \\udc00-\\udfff that must follow it)");
            return null;
        }
        catch (JsonException e) when (reader.CurrentDepth >= Options.MaxDepth - 1)
        {
            var position = lines.FromLine((int)(e.LineNumber ?? 0), e.BytePositionInLine ?? 0);
            diagnostics.Report(DiagnosticCodes.MalformedJson, position,
                $"tree.json nests deeper than Spicetime reads: at most {Options.MaxDepth} levels of JSON, which is {MaxForkLevels} levels of forks below the root (each level is a node and its 'children' array). Make very deep chains of forks shallower (siblings instead of children)");
            return null;
        }
        catch (JsonException e)
        {
            var position = lines.FromLine((int)(e.LineNumber ?? 0), e.BytePositionInLine ?? 0);
            diagnostics.Report(DiagnosticCodes.MalformedJson, position, "Malformed JSON: " + Describe(e));
            return null;
        }
    }

    private static PositionedJson ReadValue(ref Utf8JsonReader reader, LineMap lines)
    {
        var position = lines.At(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var properties = new List<PositionedJsonProperty>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var namePosition = lines.At(reader.TokenStartIndex);
                    var name = reader.GetString()!;
                    reader.Read();
                    properties.Add(new PositionedJsonProperty(name, namePosition, ReadValue(ref reader, lines)));
                }

                return PositionedJson.Object(position, properties);
            }

            case JsonTokenType.StartArray:
            {
                var items = new List<PositionedJson>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, lines));
                }

                return PositionedJson.Array(position, items);
            }

            case JsonTokenType.String:
                return PositionedJson.Scalar(JsonKind.String, position, reader.GetString());
            case JsonTokenType.Number:
                return PositionedJson.Scalar(JsonKind.Number, position, System.Text.Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
                return PositionedJson.Scalar(JsonKind.Boolean, position, "true");
            case JsonTokenType.False:
                return PositionedJson.Scalar(JsonKind.Boolean, position, "false");
            default:
                return PositionedJson.Scalar(JsonKind.Null, position, null);
        }
    }

    /// <summary>True when the text is nothing but comments and white space.</summary>
    private static bool OnlyComments(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Allow });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.Comment)
                {
                    return false;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>System.Text.Json's message without its own "LineNumber: … | BytePositionInLine: …" suffix (we print positions ourselves).</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return message.TrimEnd(' ', '.', '|');
    }
}
