using System.Text;

namespace Spicetime.Tree.Adoption;

/// <summary>A text file as init reads and writes it: UTF-8, its byte order mark and its line ending kept.</summary>
internal sealed record TextFile(string Text, bool ByteOrderMark)
{
    private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };

    /// <summary>The file's text, or null when it does not exist.</summary>
    public static TextFile? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        var bom = bytes.Length >= 3 && bytes[0] == Bom[0] && bytes[1] == Bom[1] && bytes[2] == Bom[2];
        var text = new UTF8Encoding(false).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        return new TextFile(text, bom);
    }

    public static void Write(string path, string text, bool byteOrderMark)
    {
        var body = new UTF8Encoding(false).GetBytes(text);
        File.WriteAllBytes(path, byteOrderMark ? Bom.Concat(body).ToArray() : body);
    }

    /// <summary>The line ending the text uses: CR LF when it has one, else LF.</summary>
    public static string NewLineOf(string text) => text.Contains("\r\n") ? "\r\n" : "\n";

    /// <summary>The spaces and tabs that start the line holding <paramref name="offset"/>, when nothing else precedes it there; else null.</summary>
    public static string? IndentBefore(string text, int offset)
    {
        var lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        var prefix = text.Substring(lineStart, offset - lineStart);
        return prefix.All(c => c is ' ' or '\t') ? prefix : null;
    }
}
