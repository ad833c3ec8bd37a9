using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Model;

/// <summary>
/// One element of a node's <c>overrides</c>: the name of a defined scope, or an inline object.
/// </summary>
public sealed record OverrideDefinition(int Index, string? ScopeName, ScopeContent? Inline, SourcePosition Position)
{
    /// <summary>How provenance names the override: the scope's name, or "inline override #2".</summary>
    public string Label => ScopeName ?? $"inline override #{Index + 1}";
}
