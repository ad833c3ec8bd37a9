namespace Spicetime.Tree.Diagnostics;

/// <summary>Collects every diagnostic of one operation, so that all problems are reported in one run.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    public DiagnosticBag(string? file) => File = file;

    public string? File { get; }

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors { get; private set; }

    public void Error(string code, SourcePosition position, string message) =>
        Add(new Diagnostic(code, DiagnosticSeverity.Error, message, File, position));

    public void Warning(string code, SourcePosition position, string message) =>
        Add(new Diagnostic(code, DiagnosticSeverity.Warning, message, File, position));

    public void Add(Diagnostic diagnostic)
    {
        _items.Add(diagnostic);
        HasErrors |= diagnostic.IsError;
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Add(d);
        }
    }
}
