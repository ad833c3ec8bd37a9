using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Resolution;

/// <summary>Who set an entry: the node, the scope it lives in, how (definition, extends, override), and where it is written.</summary>
public sealed record Provenance(string Node, string Scope, EntryOrigin Origin, string? Override, SourcePosition Position)
{
    /// <summary>True when the value comes from tree.lock.json (a manual node builds on the parent's state it recorded).</summary>
    public bool FromLock { get; init; }

    /// <summary><see cref="Describe"/>, and "(locked in tree.lock.json)" for a value from the lock.</summary>
    public string DescribeWithLock() => FromLock ? $"{Describe()} (locked in tree.lock.json)" : Describe();

    /// <summary>"release/core", "feature-A extends core", "feature-A override 'frontend-theme'".</summary>
    public string Describe() => Origin switch
    {
        EntryOrigin.Definition => $"{Node}/{Scope}",
        EntryOrigin.Extends => $"{Node} extends {Scope}",
        _ => $"{Node} {(Override!.StartsWith("inline", StringComparison.Ordinal) ? Override : $"override '{Override}'")}",
    };

    public override string ToString() => Describe();
}
