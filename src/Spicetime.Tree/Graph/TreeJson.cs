using System.Text.Json;
using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Graph;

/// <summary>
/// Resolved nodes as JSON, the one model of <c>spicetime show --format json</c> and of the graph page's <c>tree</c>:
/// <c>{"treeFile": "...", "nodes": [ ... ]}</c>, each node with its scopes and entries, each entry with its
/// provenance, what it replaced and what it shadows. Key order is fixed.
/// </summary>
public static class TreeJson
{
    /// <param name="packsAs">The version a node packs as at the checked-out commit (null when it cannot be told).</param>
    public static void Write(Utf8JsonWriter json, string treeFile, IReadOnlyList<ResolvedNode> nodes, Func<ResolvedNode, string?> packsAs)
    {
        json.WriteStartObject();
        json.WriteString("treeFile", treeFile);
        json.WriteStartArray("nodes");
        foreach (var node in nodes)
        {
            WriteNode(json, node, packsAs(node));
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter json, ResolvedNode node, string? packsAs)
    {
        json.WriteStartObject();
        json.WriteString("branch", node.Branch);
        WriteNullable(json, "parent", node.Parent?.Branch);
        WriteNullable(json, "path", node.Definition.Path?.Value);
        WriteNullable(json, "version", node.Version);
        json.WriteString("versionPattern", node.VersionPattern);
        WriteNullable(json, "packsAs", packsAs);
        json.WriteString("updates", node.Definition.Updates == UpdateMode.Manual ? "manual" : "live");
        json.WriteBoolean("inheritsFromLock", node.InheritsFromLock);

        json.WriteStartArray("scopes");
        foreach (var scope in node.Scopes)
        {
            json.WriteStartObject();
            json.WriteString("name", scope.Name);
            json.WriteString("owner", scope.Owner);
            json.WriteBoolean("inherited", node.Inherits(scope));
            json.WriteBoolean("changedHere", node.Modified(scope));
            json.WriteBoolean("defined", scope.IsDefined);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        foreach (var kind in EntryKinds.All)
        {
            json.WriteStartArray(kind.JsonKey());
            foreach (var entry in node.Entries(kind))
            {
                WriteEntry(json, entry);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter json, NodeEntry entry)
    {
        json.WriteStartObject();
        json.WriteString(KeyName(entry.Kind), entry.Key);
        if (!entry.Kind.IsList())
        {
            json.WriteString(ValueName(entry.Kind), entry.Value);
        }

        WriteProvenance(json, entry.Source);
        json.WriteStartArray("replaced");
        for (var replaced = entry.Replaced; replaced is not null; replaced = replaced.Replaced)
        {
            json.WriteStartObject();
            json.WriteString("value", replaced.Value);
            WriteProvenance(json, replaced.Source);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("shadowed");
        foreach (var shadowed in entry.Shadowed)
        {
            json.WriteStartObject();
            json.WriteString("value", shadowed.Value);
            WriteProvenance(json, shadowed.Source);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteProvenance(Utf8JsonWriter json, Provenance source)
    {
        json.WriteStartObject("from");
        json.WriteString("node", source.Node);
        json.WriteString("scope", source.Scope);
        json.WriteString("origin", source.Origin.ToString().ToLowerInvariant());
        WriteNullable(json, "override", source.Override);
        json.WriteBoolean("fromLock", source.FromLock);
        json.WriteNumber("line", source.Position.Line);
        json.WriteNumber("column", source.Position.Column);
        json.WriteEndObject();
    }

    private static string KeyName(EntryKind kind) => kind switch
    {
        EntryKind.Package => "id",
        EntryKind.Property => "name",
        EntryKind.Project => "path",
        EntryKind.Path => "glob",
        _ => "name",
    };

    private static string ValueName(EntryKind kind) => kind switch
    {
        EntryKind.Package => "version",
        EntryKind.Contract => "file",
        _ => "value",
    };

    internal static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
