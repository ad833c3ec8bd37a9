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
}
