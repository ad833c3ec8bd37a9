namespace Spicetime.Tree.Diagnostics;

/// <summary>
/// What every diagnostic of one code shares: the code, its severity, its title, and the section of docs/errors.md that
/// explains it (MSBuild shows <see cref="HelpLink"/> beside the message). Declared once each in <see cref="DiagnosticCodes"/>.
/// </summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title)
{
    /// <summary>The published reference of every code.</summary>
    public const string ErrorsDocument = "https://github.com/spicetime/spicetime/blob/main/docs/errors.md";

    public string HelpLink => $"{ErrorsDocument}#{Code.ToLowerInvariant()}";

    public Diagnostic Create(string message, string? file, SourcePosition position) => new(Code, Severity, message, file, position);

    public override string ToString() => Code;
}
