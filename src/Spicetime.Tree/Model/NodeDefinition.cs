using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Model;

/// <summary>A node (fork) as written in tree.json, before resolution.</summary>
public sealed class NodeDefinition
{
    public required Located<string> Branch { get; init; }

    public required SourcePosition Position { get; init; }

    public NodeDefinition? Parent { get; internal set; }

    /// <summary>Folder of the fork, relative to the tree file's folder, with '/' separators; null when not given.</summary>
    public Located<string>? Path { get; init; }

    public Located<string>? Version { get; init; }

    public IReadOnlyList<Located<string>> Scopes { get; init; } = Array.Empty<Located<string>>();

    /// <summary>Null: inherit every scope of the parent. Empty: inherit none.</summary>
    public IReadOnlyList<Located<string>>? Inherits { get; init; }

    public SourcePosition InheritsPosition { get; init; }

    public IReadOnlyList<OverrideDefinition> Overrides { get; init; } = Array.Empty<OverrideDefinition>();

    /// <summary><c>extends</c>: scope name → what to add to it, in written order.</summary>
    public IReadOnlyList<(Located<string> Scope, ScopeContent Content)> Extends { get; init; } =
        Array.Empty<(Located<string>, ScopeContent)>();

    public UpdateMode Updates { get; init; }

    public List<NodeDefinition> Children { get; } = new();

    public override string ToString() => Branch.Value;
}
