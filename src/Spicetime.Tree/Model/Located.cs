using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Model;

/// <summary>
/// A value read from tree.json together with where it was written. A class, not a struct: the framework's collections
/// of a Spicetime struct are outside ReadyToRun's version bubble and would be JIT-compiled on every MSBuild node's first
/// generation (docs/architecture.md, "Task assemblies").
/// </summary>
public sealed record Located<T>(T Value, SourcePosition Position)
{
    public override string ToString() => Value?.ToString() ?? string.Empty;
}
