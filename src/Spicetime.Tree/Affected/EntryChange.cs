namespace Spicetime.Tree.Affected;

/// <summary>An entry whose value changed: a node's resolved entry in tree.json, or a central PackageVersion.</summary>
/// <param name="Entry">"packages.Newtonsoft.Json", "properties.Nullable", "PackageVersion Serilog", "scopes".</param>
/// <param name="Before">The value at the base revision; null when it did not exist.</param>
/// <param name="After">The value now; null when it was removed.</param>
/// <param name="Source">Which node and scope (or override) set the value now, "release/core"; null when not known.</param>
public sealed record EntryChange(string Entry, string? Before, string? After, string? Source)
{
    /// <summary>"packages.Newtonsoft.Json 13.0.3 -> 13.0.4 (release/core)".</summary>
    public override string ToString()
    {
        var text = $"{Entry} {Before ?? "(none)"} -> {After ?? "(removed)"}";
        return Source is null ? text : $"{text} ({Source})";
    }
}
