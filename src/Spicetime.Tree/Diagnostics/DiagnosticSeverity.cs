namespace Spicetime.Tree.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
