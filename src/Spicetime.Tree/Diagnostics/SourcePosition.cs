namespace Spicetime.Tree.Diagnostics;

/// <summary>A 1-based line and column in a source file; (0,0) means "the file as a whole".</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static readonly SourcePosition None = new(0, 0);

    public bool IsKnown => Line > 0;

    public override string ToString() => IsKnown ? $"({Line},{Column})" : string.Empty;
}
