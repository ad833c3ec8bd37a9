namespace Spicetime.Tree.Diagnostics;

/// <summary>
/// One problem found in user input, in MSBuild's canonical form:
/// <c>tree.json(7,21): error SPT0102: feature-B inherits 'core', which release does not have</c>.
/// </summary>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    string? File,
    SourcePosition Position)
{
    private readonly string _message = OnOneLine(Message);

    /// <summary>
    /// The message on one line: a control character quoted from user input (a version with a line break in it, a
    /// tab in a name) is written as an escape (<c>\n</c>, <c>\u001B</c>), so that the diagnostic stays one canonical
    /// line for MSBuild, CI log parsers and editors — whether the message came through the constructor or a
    /// <c>with</c> expression.
    /// </summary>
    public string Message { get => _message; init => _message = OnOneLine(value); }

    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The code's section of docs/errors.md.</summary>
    public string? HelpLink => DiagnosticCodes.Find(Code)?.HelpLink;

    /// <summary>Formats the diagnostic; <paramref name="displayFile"/> replaces the file path (e.g. a path relative to the working directory).</summary>
    public string Format(string? displayFile = null)
    {
        var file = displayFile ?? File;
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var location = string.IsNullOrEmpty(file) ? "spicetime" : file + Position;
        return $"{location}: {severity} {Code}: {Message}";
    }

    public override string ToString() => Format();

    private static string OnOneLine(string message)
    {
        var first = 0;
        while (first < message.Length && !IsLineBreaking(message[first]))
        {
            first++;
        }

        if (first == message.Length)
        {
            return message;
        }

        var text = new System.Text.StringBuilder(message, 0, first, message.Length + 8);
        foreach (var c in message.AsSpan(first))
        {
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when IsLineBreaking(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    private static bool IsLineBreaking(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
