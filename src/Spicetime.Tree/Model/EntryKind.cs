namespace Spicetime.Tree.Model;

/// <summary>The kinds of entry a scope holds.</summary>
public enum EntryKind
{
    /// <summary>NuGet package id → version or version range.</summary>
    Package,

    /// <summary>MSBuild property name → value.</summary>
    Property,

    /// <summary>A project every member project references (keyed by its path).</summary>
    Project,

    /// <summary>A glob of files the scope owns, for change detection (keyed by the glob).</summary>
    Path,

    /// <summary>API contract name → contract file.</summary>
    Contract,
}

public static class EntryKinds
{
    public static readonly EntryKind[] All =
        { EntryKind.Package, EntryKind.Property, EntryKind.Project, EntryKind.Path, EntryKind.Contract };

    /// <summary>The tree.json key for the kind ("packages", "properties", …).</summary>
    public static string JsonKey(this EntryKind kind) => kind switch
    {
        EntryKind.Package => "packages",
        EntryKind.Property => "properties",
        EntryKind.Project => "projects",
        EntryKind.Path => "paths",
        _ => "contracts",
    };

    /// <summary>Keys compare like the thing they name: NuGet ids and MSBuild properties ignore case.</summary>
    public static StringComparer KeyComparer(this EntryKind kind) =>
        kind is EntryKind.Package or EntryKind.Property ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Lists (projects, paths) hold keys only; maps (packages, properties, contracts) hold key → value.</summary>
    public static bool IsList(this EntryKind kind) => kind is EntryKind.Project or EntryKind.Path;
}
