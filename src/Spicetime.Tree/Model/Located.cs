using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Model;

/// <summary>A value read from tree.json together with where it was written.</summary>
public readonly record struct Located<T>(T Value, SourcePosition Position)
{
    public override string ToString() => Value?.ToString() ?? string.Empty;
}
