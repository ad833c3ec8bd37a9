using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Resolution;

/// <summary>Who set an entry: the node, the scope it lives in, how (definition, extends, override), and where it is written.</summary>
public sealed record Provenance(string Node, string Scope, EntryOrigin Origin, string? Override, SourcePosition Position)
{
    /// <summary>"release/core", "feature-A extends core", "feature-A override 'frontend-theme'".</summary>
    public string Describe() => Origin switch
    {
        EntryOrigin.Definition => $"{Node}/{Scope}",
        EntryOrigin.Extends => $"{Node} extends {Scope}",
        _ => $"{Node} {(Override!.StartsWith("inline", StringComparison.Ordinal) ? Override : $"override '{Override}'")}",
    };

    public override string ToString() => Describe();
}
