using System.Xml;
using System.Xml.Linq;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Adoption;

/// <summary>
/// Adds one of <see cref="AdoptionImports"/>' lines to a <c>Directory.Build.props</c> or <c>.targets</c>: as the first
/// child of <c>&lt;Project&gt;</c> (props: before anything the file sets) or the last (targets: after it), on its own
/// line, indented like the file's children, changing nothing else. A file that already imports it is kept.
/// </summary>
internal static class ImportLineEdit
{
    /// <summary>A new file holding only the line.</summary>
    public static string NewFile(string line) => $"<Project>\n  {line}\n</Project>\n";

    /// <summary>The new text (the same text when the import is there), or null after an SPT0800 on a malformed file.</summary>
    public static string? Add(string text, string line, bool first, string file, List<Diagnostic> diagnostics, out string note)
    {
        note = string.Empty;
        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException exception)
        {
            diagnostics.Add(DiagnosticCodes.AdoptionInputInvalid.Create(
                $"{Path.GetFileName(file)} is not valid XML ({FirstSentence(exception.Message)}); fix it, then run spicetime init again",
                file, new SourcePosition(exception.LineNumber, exception.LinePosition)));
            return null;
        }

        var root = document.Root!;
        var rootInfo = (IXmlLineInfo)root;
        if (root.Name.LocalName != "Project")
        {
            diagnostics.Add(DiagnosticCodes.AdoptionInputInvalid.Create(
                $"The root element of {Path.GetFileName(file)} is <{root.Name.LocalName}>, not <Project>; an MSBuild file's root is <Project>",
                file, new SourcePosition(rootInfo.LineNumber, rootInfo.LinePosition)));
            return null;
        }

        var wanted = XElement.Parse(line);
        if (root.Descendants().Any(e => e.Name.LocalName == "Import" && SameImport(e, wanted)))
        {
            note = $"already imports {wanted.Attribute("Project")!.Value} from {AdoptionImports.SdkName}";
            return text;
        }

        note = $"adds {line} as the {(first ? "first" : "last")} line of <Project>";
        var newLine = TextFile.NewLineOf(text);
        var open = OffsetOf(text, rootInfo.LineNumber, rootInfo.LinePosition);
        open = text.LastIndexOf('<', open);
        var close = EndOfTag(text, open);
        var indent = ChildIndent(text, root) ?? "  ";
        if (text[close - 1] == '/')
        {
            // <Project /> becomes <Project> with the line in it.
            var head = text.Substring(0, close - 1).TrimEnd();
            return $"{head}>{newLine}{indent}{line}{newLine}</Project>{text.Substring(close + 1)}";
        }

        if (first)
        {
            var after = close + 1;
            var restOfLine = text.Substring(after, LineEnd(text, after) - after);
            var tail = restOfLine.Trim().Length > 0 ? newLine + indent : string.Empty;
            return text.Insert(after, $"{newLine}{indent}{line}{tail}");
        }

        var end = text.LastIndexOf("</", StringComparison.Ordinal);
        var lineStart = end == 0 ? 0 : text.LastIndexOf('\n', end - 1) + 1;
        return TextFile.IndentBefore(text, end) is not null
            ? text.Insert(lineStart, $"{indent}{line}{newLine}")
            : text.Insert(end, $"{newLine}{indent}{line}{newLine}");
    }

    private static bool SameImport(XElement element, XElement wanted) =>
        string.Equals((string?)element.Attribute("Project"), (string?)wanted.Attribute("Project"), StringComparison.OrdinalIgnoreCase)
        && ((string?)element.Attribute("Sdk"))?.Split('/')[0].Trim() is { } sdk
        && string.Equals(sdk, (string?)wanted.Attribute("Sdk"), StringComparison.OrdinalIgnoreCase);

    /// <summary>The indentation of the root's first child element that starts its own line.</summary>
    private static string? ChildIndent(string text, XElement root)
    {
        foreach (var child in root.Elements())
        {
            var info = (IXmlLineInfo)child;
            var at = text.LastIndexOf('<', OffsetOf(text, info.LineNumber, info.LinePosition));
            if (TextFile.IndentBefore(text, at) is { Length: > 0 } indent)
            {
                return indent;
            }
        }

        return null;
    }

    private static int OffsetOf(string text, int line, int column)
    {
        var offset = 0;
        for (var current = 1; current < line; current++)
        {
            offset = text.IndexOf('\n', offset) + 1;
        }

        return Math.Min(text.Length - 1, offset + column - 1);
    }

    /// <summary>The offset of the '>' that closes the tag opening at <paramref name="open"/> (quoted values skipped).</summary>
    private static int EndOfTag(string text, int open)
    {
        char? quote = null;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return text.Length - 1;
    }

    private static int LineEnd(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        return end < 0 ? text.Length : end;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Line", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message.Substring(0, end);
    }
}
