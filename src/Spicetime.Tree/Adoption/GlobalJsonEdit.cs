using System.Text;
using System.Text.Json;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Adoption;

/// <summary>
/// Adds <c>"msbuild-sdks": { "Spicetime.Sdk": "VERSION" }</c> to global.json's text, changing nothing else: the entry
/// goes after the last member of its object, in the file's own layout (indented on its own line, or inline), with the
/// file's line ending. An existing Spicetime.Sdk entry is kept, whatever its version.
/// </summary>
internal static class GlobalJsonEdit
{
    public const string SdksKey = "msbuild-sdks";

    /// <summary>The new text (the same text when the entry is there already), or null after an SPT0800 on a malformed file.</summary>
    public static string? Add(string text, string version, string file, List<Diagnostic> diagnostics, out string note)
    {
        note = string.Empty;
        var bytes = Encoding.UTF8.GetBytes(text);
        var shape = Read(bytes, text, file, diagnostics);
        if (shape is null)
        {
            return null;
        }

        var newLine = TextFile.NewLineOf(text);
        var entry = $"\"{AdoptionImports.SdkName}\": \"{version}\"";
        if (shape.Sdks is { } sdks)
        {
            if (shape.HasSpicetime)
            {
                note = $"already names {AdoptionImports.SdkName} in {SdksKey}";
                return text;
            }

            note = $"adds {AdoptionImports.SdkName} {version} to {SdksKey}";
            return Insert(text, bytes, sdks, entry, newLine, Indent(text, bytes, shape.Root) ?? string.Empty);
        }

        note = $"adds \"{SdksKey}\": {{ \"{AdoptionImports.SdkName}\": \"{version}\" }}";
        var indent = Indent(text, bytes, shape.Root);
        var value = indent is null
            ? $"\"{SdksKey}\": {{ {entry} }}"
            : $"\"{SdksKey}\": {{{newLine}{indent}{indent}{entry}{newLine}{indent}}}";
        return Insert(text, bytes, shape.Root, value, newLine, string.Empty);
    }

    /// <summary>Where an object stands: its '{', the end of its last member's value, its first member's name.</summary>
    private sealed class ObjectShape
    {
        public long Start { get; set; } = -1;

        public long LastValueEnd { get; set; } = -1;

        public long FirstMember { get; set; } = -1;
    }

    private sealed record Shape(ObjectShape Root, ObjectShape? Sdks, bool HasSpicetime);

    private static Shape? Read(byte[] bytes, string text, string file, List<Diagnostic> diagnostics)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = new ObjectShape();
        ObjectShape? sdks = null;
        var inSdks = false;
        var hasSpicetime = false;
        string? member = null;
        try
        {
            while (reader.Read())
            {
                var depth = reader.CurrentDepth;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject when depth == 0:
                        root.Start = reader.TokenStartIndex;
                        break;
                    case JsonTokenType.StartArray when depth == 0:
                    case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null when depth == 0:
                        Fail(bytes, reader.TokenStartIndex, "global.json must hold a JSON object", file, diagnostics);
                        return null;
                    case JsonTokenType.StartObject when depth == 1 && member == SdksKey:
                        sdks = new ObjectShape { Start = reader.TokenStartIndex };
                        inSdks = true;
                        break;
                    case JsonTokenType.PropertyName when depth == 1:
                        member = reader.GetString();
                        root.FirstMember = root.FirstMember < 0 ? reader.TokenStartIndex : root.FirstMember;
                        break;
                    case JsonTokenType.PropertyName when depth == 2 && inSdks:
                        hasSpicetime |= string.Equals(reader.GetString(), AdoptionImports.SdkName, StringComparison.OrdinalIgnoreCase);
                        sdks!.FirstMember = sdks.FirstMember < 0 ? reader.TokenStartIndex : sdks.FirstMember;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray when depth == 1:
                        root.LastValueEnd = reader.BytesConsumed;
                        inSdks = false;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray when depth == 2 && inSdks:
                        sdks!.LastValueEnd = reader.BytesConsumed;
                        break;
                    case JsonTokenType.StartArray or JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null when depth == 1:
                        if (member == SdksKey)
                        {
                            Fail(bytes, reader.TokenStartIndex, $"\"{SdksKey}\" in global.json must be an object (SDK name → version)", file, diagnostics);
                            return null;
                        }

                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            root.LastValueEnd = reader.BytesConsumed;
                        }

                        break;
                    case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null when depth == 2 && inSdks:
                        sdks!.LastValueEnd = reader.BytesConsumed;
                        break;
                }
            }
        }
        catch (JsonException exception)
        {
            var line = (int)(exception.LineNumber ?? 0) + 1;
            var column = Column(bytes, line, (int)(exception.BytePositionInLine ?? 0));
            diagnostics.Add(DiagnosticCodes.AdoptionInputInvalid.Create(
                $"global.json is not valid JSON ({FirstSentence(exception.Message)}); fix it, then run spicetime init again", file, new SourcePosition(line, column)));
            return null;
        }

        return new Shape(root, sdks, hasSpicetime);
    }

    /// <summary><paramref name="entry"/> added as the last member of <paramref name="shape"/>, in its layout.</summary>
    private static string Insert(string text, byte[] bytes, ObjectShape shape, string entry, string newLine, string outerIndent)
    {
        var indent = Indent(text, bytes, shape);
        if (shape.LastValueEnd >= 0)
        {
            var at = CharOffset(bytes, shape.LastValueEnd);
            var insertion = indent is null ? $", {entry}" : $",{newLine}{indent}{entry}";
            return text.Insert(at, insertion);
        }

        var open = CharOffset(bytes, shape.Start) + 1;
        return text.Insert(open, indent is null ? $" {entry} " : $"{newLine}{indent}{entry}{newLine}{outerIndent}");
    }

    /// <summary>The indentation of the object's members when they stand on their own lines; null when they are inline. An empty object at the top is indented by two spaces; nested, inline.</summary>
    private static string? Indent(string text, byte[] bytes, ObjectShape shape)
    {
        if (shape.FirstMember < 0)
        {
            var start = CharOffset(bytes, shape.Start);
            return TextFile.IndentBefore(text, start) == string.Empty ? "  " : null;
        }

        return TextFile.IndentBefore(text, CharOffset(bytes, shape.FirstMember)) is { Length: > 0 } indent ? indent : null;
    }

    private static int CharOffset(byte[] bytes, long byteOffset) => Encoding.UTF8.GetCharCount(bytes, 0, (int)byteOffset);

    private static void Fail(byte[] bytes, long offset, string message, string file, List<Diagnostic> diagnostics)
    {
        var lineStart = Array.LastIndexOf(bytes, (byte)'\n', (int)Math.Max(0, offset - 1)) + 1;
        var line = bytes.Take((int)offset).Count(b => b == (byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(bytes, lineStart, (int)offset - lineStart) + 1;
        diagnostics.Add(DiagnosticCodes.AdoptionInputInvalid.Create(message + "; fix it, then run spicetime init again", file, new SourcePosition(line, column)));
    }

    /// <summary>The 1-based column of a 0-based byte position in a 1-based line.</summary>
    private static int Column(byte[] bytes, int line, int bytePosition)
    {
        var start = 0;
        for (var current = 1; current < line; current++)
        {
            start = Array.IndexOf(bytes, (byte)'\n', start) + 1;
        }

        var length = Math.Min(bytePosition, bytes.Length - start);
        return Encoding.UTF8.GetCharCount(bytes, start, Math.Max(0, length)) + 1;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (end < 0 ? message : message.Substring(0, end)).TrimEnd('.', ' ');
    }
}
