using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Json;
using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Locking;

/// <summary>
/// tree.lock.json's format (docs/tree-json.md, "Lock file"): written the same, byte for byte, for the same lock on any
/// OS (nodes and map keys sorted ordinally, lists in resolved order, two-space indent, LF, a final newline, no absolute
/// path: entries are what tree.json says, relative to its folder). Read back with positions, so a damaged lock is
/// SPT0601 at its line and column.
/// <code>
/// { "lockFileVersion": 1,
///   "nodes": {
///     "feature-A": { "version": "1.4.0-feature-a.{build}", "updates": "manual", "scopes": ["core", "frontend"],
///                    "packages": { "Newtonsoft.Json": { "value": "13.0.3", "node": "feature-A", "scope": "core", "origin": "override", "override": "inline #1" } },
///                    "projects": [ { "value": "shared/Core/Core.csproj", "node": "release", "scope": "core" } ],
///                    "inherited": [ { "scope": "core", "owner": "release", "packages": { … } } ] } } }
/// </code>
/// </summary>
public static class TreeLockFile
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
#if NET
        NewLine = "\n",
#endif
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(TreeLock treeLock)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("lockFileVersion", TreeLock.FormatVersion);
            json.WriteStartObject("nodes");
            foreach (var node in treeLock.Nodes.Values.OrderBy(n => n.Branch, StringComparer.Ordinal))
            {
                json.WriteStartObject(node.Branch);
                json.WriteString("version", node.Version);
                if (node.Manual)
                {
                    json.WriteString("updates", "manual");
                }

                json.WriteStartArray("scopes");
                foreach (var scope in node.Scopes)
                {
                    json.WriteStringValue(scope);
                }

                json.WriteEndArray();
                WriteEntries(json, node.Entries);
                if (node.Inherited is { } inherited)
                {
                    json.WriteStartArray("inherited");
                    foreach (var scope in inherited)
                    {
                        json.WriteStartObject();
                        json.WriteString("scope", scope.Name);
                        json.WriteString("owner", scope.Owner);
                        if (!scope.Defined)
                        {
                            json.WriteBoolean("defined", false);
                        }

                        WriteEntries(json, scope.Entries);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        var text = Encoding.UTF8.GetString(buffer.ToArray());
#if !NET
        // System.Text.Json 8 (the version Visual Studio's MSBuild binds) writes Environment.NewLine between tokens and
        // has no NewLine option; string values escape their line breaks, so every CR LF here is a separator.
        text = text.Replace("\r\n", "\n");
#endif
        return text + "\n";
    }

    private static void WriteEntries(Utf8JsonWriter json, IReadOnlyList<LockedEntry> entries)
    {
        foreach (var kind in EntryKinds.All)
        {
            var ofKind = entries.Where(e => e.Kind == kind).ToList();
            if (ofKind.Count == 0)
            {
                continue;
            }

            if (kind.IsList())
            {
                json.WriteStartArray(kind.JsonKey());
                foreach (var entry in ofKind)
                {
                    WriteEntry(json, null, entry);
                }

                json.WriteEndArray();
            }
            else
            {
                json.WriteStartObject(kind.JsonKey());
                foreach (var entry in ofKind.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    WriteEntry(json, entry.Key, entry);
                }

                json.WriteEndObject();
            }
        }
    }

    private static void WriteEntry(Utf8JsonWriter json, string? key, LockedEntry entry)
    {
        if (key is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(key);
        }

        json.WriteString("value", entry.Value);
        json.WriteString("node", entry.Node);
        json.WriteString("scope", entry.Scope);
        if (entry.Origin != EntryOrigin.Definition)
        {
            json.WriteString("origin", entry.Origin == EntryOrigin.Extends ? "extends" : "override");
        }

        if (entry.Override is not null)
        {
            json.WriteString("override", entry.Override);
        }

        json.WriteEndObject();
    }

    /// <summary>Reads a lock; problems are SPT0601 on <paramref name="path"/>, and the result is null when it cannot be used.</summary>
    public static TreeLock? Read(ReadOnlyMemory<byte> content, string path, DiagnosticBag diagnostics)
    {
        var parsing = new DiagnosticBag(path);
        var root = PositionedJsonParser.Parse(content, parsing);
        var reader = new Reader(path, diagnostics);
        if (root is null || parsing.HasErrors)
        {
            foreach (var problem in parsing.Items.Where(d => d.IsError))
            {
                reader.Fail(problem.Position, $"{TreeLock.FileName} is not valid JSON: {problem.Message}; run spicetime sync to write it again");
            }

            return null;
        }

        return reader.Lock(root);
    }

    /// <summary>Reads the lock beside <paramref name="treeFile"/>; null (and no diagnostic) when there is none.</summary>
    public static TreeLock? ReadBeside(string treeFile, DiagnosticBag diagnostics)
    {
        var path = TreeLock.PathFor(treeFile);
        if (!File.Exists(path))
        {
            return null; // the common case, without the cost of an exception's first throw (the catch below keeps the race)
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCodes.LockFileInvalid.Create($"{TreeLock.FileName} cannot be read: {e.Message}", path, SourcePosition.None));
            return null;
        }

        return Read(content, path, diagnostics);
    }

    private sealed class Reader
    {
        private readonly string _path;
        private readonly DiagnosticBag _diagnostics;
        private bool _failed;

        public Reader(string path, DiagnosticBag diagnostics)
        {
            _path = path;
            _diagnostics = diagnostics;
        }

        public void Fail(SourcePosition position, string message)
        {
            _failed = true;
            _diagnostics.Add(DiagnosticCodes.LockFileInvalid.Create(message, _path, position));
        }

        public TreeLock? Lock(PositionedJson root)
        {
            if (!Expect(root, JsonKind.Object, "the lock"))
            {
                return null;
            }

            var version = Property(root, "lockFileVersion");
            if (version is null || version.Kind != JsonKind.Number || version.Text != TreeLock.FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                Fail(version?.Position ?? root.Position, $"lockFileVersion must be {TreeLock.FormatVersion}; this lock was written by another Spicetime: run spicetime sync to write it again");
                return null;
            }

            var nodes = new Dictionary<string, LockedNode>(StringComparer.OrdinalIgnoreCase);
            var nodesJson = Property(root, "nodes");
            if (nodesJson is null || !Expect(nodesJson, JsonKind.Object, "nodes"))
            {
                Fail(root.Position, "the lock has no \"nodes\" object");
                return null;
            }

            foreach (var property in nodesJson.Properties)
            {
                if (Node(property.Name, property.Value) is { } node)
                {
                    nodes[node.Branch] = node;
                }
            }

            return _failed ? null : new TreeLock(nodes);
        }

        private LockedNode? Node(string branch, PositionedJson json)
        {
            if (!Expect(json, JsonKind.Object, $"node '{branch}'"))
            {
                return null;
            }

            var scopes = Property(json, "scopes")?.Items.Select(i => i.Text ?? string.Empty).ToList() ?? new List<string>();
            IReadOnlyList<LockedScope>? inherited = null;
            if (Property(json, "inherited") is { } inheritedJson && Expect(inheritedJson, JsonKind.Array, "inherited"))
            {
                inherited = inheritedJson.Items.Where(i => Expect(i, JsonKind.Object, "an inherited scope")).Select(i => new LockedScope(
                    Text(i, "scope") ?? string.Empty, Text(i, "owner") ?? string.Empty, Property(i, "defined")?.Text != "false", Entries(i))).ToList();
            }

            return new LockedNode(branch, Text(json, "version") ?? string.Empty, Text(json, "updates") == "manual", scopes, Entries(json), inherited);
        }

        private List<LockedEntry> Entries(PositionedJson json)
        {
            var entries = new List<LockedEntry>();
            foreach (var kind in EntryKinds.All)
            {
                if (Property(json, kind.JsonKey()) is not { } group)
                {
                    continue;
                }

                if (kind.IsList() && Expect(group, JsonKind.Array, kind.JsonKey()))
                {
                    entries.AddRange(group.Items.Select(i => Entry(kind, null, i)).OfType<LockedEntry>());
                }
                else if (!kind.IsList() && Expect(group, JsonKind.Object, kind.JsonKey()))
                {
                    entries.AddRange(group.Properties.Select(p => Entry(kind, p.Name, p.Value)).OfType<LockedEntry>());
                }
            }

            return entries;
        }

        private LockedEntry? Entry(EntryKind kind, string? key, PositionedJson json)
        {
            if (!Expect(json, JsonKind.Object, "an entry"))
            {
                return null;
            }

            var value = Text(json, "value");
            var node = Text(json, "node");
            var scope = Text(json, "scope");
            if (value is null || node is null || scope is null)
            {
                Fail(json.Position, "an entry needs \"value\", \"node\" and \"scope\"");
                return null;
            }

            var origin = Text(json, "origin") switch
            {
                null => EntryOrigin.Definition,
                "extends" => EntryOrigin.Extends,
                "override" => EntryOrigin.Override,
                var other => Unknown(json, other),
            };
            return new LockedEntry(kind, key ?? value, value, node, scope, origin, Text(json, "override"));
        }

        private EntryOrigin Unknown(PositionedJson json, string origin)
        {
            Fail(json.Position, $"unknown origin '{origin}' (definition, extends or override)");
            return EntryOrigin.Definition;
        }

        private bool Expect(PositionedJson json, JsonKind kind, string what)
        {
            if (json.Kind == kind)
            {
                return true;
            }

            Fail(json.Position, $"{what} must be {PositionedJson.Describe(kind)}, not {PositionedJson.Describe(json.Kind)}");
            return false;
        }

        private static PositionedJson? Property(PositionedJson json, string name) =>
            json.Properties.FirstOrDefault(p => p.Name == name)?.Value;

        private string? Text(PositionedJson json, string name) =>
            Property(json, name) is { } value ? (value.Kind == JsonKind.String ? value.Text : FailText(value, name)) : null;

        private string? FailText(PositionedJson value, string name)
        {
            Fail(value.Position, $"\"{name}\" must be a string");
            return null;
        }
    }
}
