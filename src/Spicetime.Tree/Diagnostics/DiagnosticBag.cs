namespace Spicetime.Tree.Diagnostics;

/// <summary>Collects every diagnostic of one operation, so that all problems are reported in one run.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    public DiagnosticBag(string? file) => File = file;

    public string? File { get; }

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors { get; private set; }

    /// <summary>Adds a diagnostic of <paramref name="descriptor"/>'s code and severity, on this bag's file.</summary>
    public void Report(DiagnosticDescriptor descriptor, SourcePosition position, string message) =>
        Add(descriptor.Create(message, File, position));

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
