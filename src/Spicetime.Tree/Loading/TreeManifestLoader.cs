using System.Text.RegularExpressions;
using NuGet.Versioning;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Json;
using Spicetime.Tree.Model;
using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Loading;

/// <summary>
/// Reads tree.json into a <see cref="TreeManifest"/>: checks JSON types, keys, names, versions and
/// paths, and reports every problem it finds (not just the first) with its line and column.
/// Rules that need the whole tree resolved (inheritance) live in <c>TreeResolver</c>.
/// </summary>
public sealed partial class TreeManifestLoader
{
    internal static readonly string[] TopLevelKeys = { "$schema", "scopes", "root" };
    internal static readonly string[] ScopeKeys = { "packages", "properties", "projects", "paths", "contracts", "breaking", "accept", "description" };
    internal static readonly string[] NodeKeys = { "branch", "path", "version", "scopes", "inherits", "overrides", "extends", "children", "updates", "description" };

    private readonly string _file;
    private readonly string _directory;
    private readonly Lazy<string> _realDirectory;

    // A tree parsed from a base revision or in a test may name a folder that is not there: then no link can be followed.
    private readonly Lazy<bool> _directoryExists;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<NodeDefinition> _nodes = new();

    private TreeManifestLoader(string file, DiagnosticBag diagnostics)
    {
        _file = Path.GetFullPath(file);
        _directory = Path.GetDirectoryName(_file)!;
        _directoryExists = new Lazy<bool>(() => Directory.Exists(_directory));
        _realDirectory = new Lazy<string>(() =>
        {
            try
            {
                return SymbolicLink.FinalTarget(new DirectoryInfo(_directory)) ?? _directory;
            }
            catch (IOException)
            {
                return _directory;
            }
        });
        _diagnostics = diagnostics;
    }

    /// <summary>Reads and loads <paramref name="file"/>; returns null when it cannot be used (errors are in <paramref name="diagnostics"/>).</summary>
    public static TreeManifest? LoadFile(string file, DiagnosticBag diagnostics)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Report(DiagnosticCodes.TreeFileUnreadable, SourcePosition.None, $"Cannot read '{file}': {e.Message}");
            return null;
        }

        return Load(content, file, diagnostics);
    }

    /// <summary>Loads tree.json content; <paramref name="file"/> names it (node paths are relative to its folder).</summary>
    public static TreeManifest? Load(ReadOnlyMemory<byte> content, string file, DiagnosticBag diagnostics)
    {
        var json = PositionedJsonParser.Parse(content, diagnostics);
        return json is null ? null : new TreeManifestLoader(file, diagnostics).Bind(json);
    }

    private TreeManifest? Bind(PositionedJson json)
    {
        if (!Expect(json, JsonKind.Object, "the top level of tree.json"))
        {
            return null;
        }

        string? schema = null;
        var scopes = new Dictionary<string, ScopeDefinition>(StringComparer.Ordinal);
        NodeDefinition? root = null;
        PositionedJsonProperty? rootProperty = null;

        foreach (var property in Properties(json, TopLevelKeys, "the top level"))
        {
            switch (property.Name)
            {
                case "$schema":
                    if (Expect(property.Value, JsonKind.String, "'$schema'"))
                    {
                        schema = property.Value.Text;
                    }

                    break;
                case "scopes":
                    if (Expect(property.Value, JsonKind.Object, "'scopes'"))
                    {
                        foreach (var scope in Properties(property.Value, null, "scopes"))
                        {
                            if (CheckName(scope.Name, scope.NamePosition, "scope"))
                            {
                                scopes[scope.Name] = new ScopeDefinition(scope.Name, scope.NamePosition,
                                    ReadContent(scope.Value, $"scope '{scope.Name}'", ScopeKeys));
                            }
                        }
                    }

                    break;
                case "root":
                    rootProperty = property;
                    root = ReadNode(property.Value, parent: null);
                    break;
            }
        }

        if (rootProperty is null)
        {
            _diagnostics.Report(DiagnosticCodes.MissingKey, json.Position,
                "tree.json has no 'root': add {\"root\": {\"branch\": \"main\"}} naming the branch at the top of the tree");
            return null;
        }

        if (root is null)
        {
            return null;
        }

        CheckUniqueBranchesAndPaths();
        return new TreeManifest { FilePath = _file, Schema = schema, Scopes = scopes, Root = root, Nodes = _nodes };
    }

    private NodeDefinition? ReadNode(PositionedJson json, NodeDefinition? parent)
    {
        var where = parent is null ? "'root'" : $"a child of {parent.Branch.Value}";
        if (!Expect(json, JsonKind.Object, where))
        {
            return null;
        }

        Located<string>? branch = null, path = null, version = null;
        var scopes = new List<Located<string>>();
        List<Located<string>>? inherits = null;
        var inheritsPosition = SourcePosition.None;
        var overrides = new List<OverrideDefinition>();
        var extends = new List<(Located<string>, ScopeContent)>();
        var updates = UpdateMode.Live;
        PositionedJson? children = null;

        // Read the branch first, so that messages about the other keys can name the node.
        foreach (var property in json.Properties)
        {
            if (property.Name == "branch" && Expect(property.Value, JsonKind.String, "'branch'"))
            {
                var name = property.Value.Text!;
                if (CheckName(name, property.Value.Position, "branch"))
                {
                    branch = new Located<string>(name, property.Value.Position);
                }
            }
        }

        var label = branch?.Value ?? where;
        foreach (var property in Properties(json, NodeKeys, $"node {label}"))
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "path":
                    if (Expect(value, JsonKind.String, $"'path' of {label}"))
                    {
                        path = ReadPath(value, label);
                    }

                    break;
                case "version":
                    if (Expect(value, JsonKind.String, $"'version' of {label}"))
                    {
                        if (HasWhiteSpaceAround(value.Text!, value.Position, label))
                        {
                            // reported
                        }
                        else if (NuGetVersion.TryParse(value.Text, out _))
                        {
                            version = new Located<string>(value.Text!, value.Position);
                        }
                        else
                        {
                            _diagnostics.Report(DiagnosticCodes.InvalidVersion, value.Position,
                                $"'{value.Text}' is not a valid version for {label}; write a semantic version such as 1.4.0 or 2.0.0-rc.1");
                        }
                    }

                    break;
                case "scopes":
                    scopes = ReadNameList(value, $"'scopes' of {label}", "scope");
                    break;
                case "inherits":
                    inherits = ReadNameList(value, $"'inherits' of {label}", "scope");
                    inheritsPosition = value.Position;
                    break;
                case "overrides":
                    if (Expect(value, JsonKind.Array, $"'overrides' of {label}"))
                    {
                        for (var i = 0; i < value.Items.Count; i++)
                        {
                            var item = value.Items[i];
                            if (item.Kind == JsonKind.String)
                            {
                                if (CheckName(item.Text!, item.Position, "scope"))
                                {
                                    overrides.Add(new OverrideDefinition(i, item.Text, null, item.Position));
                                }
                            }
                            else if (Expect(item, JsonKind.Object, $"an element of 'overrides' of {label}", "a scope name or an object"))
                            {
                                overrides.Add(new OverrideDefinition(i, null,
                                    ReadContent(item, $"inline override #{i + 1} of {label}", ScopeKeys), item.Position));
                            }
                        }
                    }

                    break;
                case "extends":
                    if (Expect(value, JsonKind.Object, $"'extends' of {label}"))
                    {
                        foreach (var scope in Properties(value, null, $"'extends' of {label}"))
                        {
                            if (CheckName(scope.Name, scope.NamePosition, "scope"))
                            {
                                extends.Add((new Located<string>(scope.Name, scope.NamePosition),
                                    ReadContent(scope.Value, $"'extends.{scope.Name}' of {label}", ScopeKeys)));
                            }
                        }
                    }

                    break;
                case "updates":
                    if (Expect(value, JsonKind.String, $"'updates' of {label}"))
                    {
                        switch (value.Text)
                        {
                            case "manual": updates = UpdateMode.Manual; break;
                            case "live": updates = UpdateMode.Live; break;
                            default:
                                _diagnostics.Report(DiagnosticCodes.InvalidUpdates, value.Position,
                                    $"'updates' of {label} is '{value.Text}'; use \"manual\" (take upstream changes with 'spicetime sync --branch') or \"live\" (the default)");
                                break;
                        }
                    }

                    break;
                case "children":
                    if (Expect(value, JsonKind.Array, $"'children' of {label}"))
                    {
                        children = value;
                    }

                    break;
            }
        }

        if (branch is null)
        {
            if (!json.Properties.Any(p => p.Name == "branch"))
            {
                _diagnostics.Report(DiagnosticCodes.MissingKey, json.Position,
                    $"{char.ToUpperInvariant(where[0])}{where[1..]} has no 'branch': every node names the git branch of its fork");
            }

            return null;
        }

        var node = new NodeDefinition
        {
            Branch = branch.Value,
            Position = json.Position,
            Parent = parent,
            Path = path,
            Version = version,
            Scopes = scopes,
            Inherits = inherits,
            InheritsPosition = inheritsPosition,
            Overrides = overrides,
            Extends = extends,
            Updates = updates,
        };
        _nodes.Add(node);

        if (children is not null)
        {
            foreach (var child in children.Items)
            {
                var childNode = ReadNode(child, node);
                if (childNode is not null)
                {
                    node.Children.Add(childNode);
                }
            }
        }

        return node;
    }

    private ScopeContent ReadContent(PositionedJson json, string where, string[] allowedKeys)
    {
        var content = new ScopeContent();
        if (!Expect(json, JsonKind.Object, where))
        {
            return content;
        }

        foreach (var property in Properties(json, allowedKeys, where))
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "packages":
                    ReadMap(value, EntryKind.Package, $"'packages' of {where}", content, CheckPackage);
                    break;
                case "properties":
                    ReadMap(value, EntryKind.Property, $"'properties' of {where}", content, CheckProperty);
                    break;
                case "contracts":
                    ReadMap(value, EntryKind.Contract, $"'contracts' of {where}", content, CheckContract);
                    break;
                case "projects":
                    ReadList(value, EntryKind.Project, $"'projects' of {where}", content);
                    break;
                case "paths":
                    ReadList(value, EntryKind.Path, $"'paths' of {where}", content);
                    break;
                case "breaking":
                    if (Expect(value, JsonKind.Boolean, $"'breaking' of {where}"))
                    {
                        content.Breaking = value.Text == "true";
                    }

                    break;
                case "accept":
                    if (Expect(value, JsonKind.Array, $"'accept' of {where}"))
                    {
                        foreach (var item in value.Items)
                        {
                            if (Expect(item, JsonKind.String, $"an item of 'accept' of {where}") && !string.IsNullOrWhiteSpace(item.Text))
                            {
                                content.Accept.Add(new Located<string>(item.Text!, item.Position));
                            }
                        }
                    }

                    break;
                case "description":
                    Expect(value, JsonKind.String, $"'description' of {where}");
                    break;
            }
        }

        return content;
    }

    private delegate bool EntryCheck(PositionedJsonProperty property, string value, string where);

    private void ReadMap(PositionedJson json, EntryKind kind, string where, ScopeContent content, EntryCheck check)
    {
        if (!Expect(json, JsonKind.Object, where))
        {
            return;
        }

        content.Declare(kind);
        foreach (var property in Properties(json, null, where, kind.KeyComparer()))
        {
            var value = property.Value;
            string? text = value.Kind switch
            {
                JsonKind.String => value.Text,
                // MSBuild property values are text; accept true/false/numbers and keep them as written.
                JsonKind.Boolean or JsonKind.Number when kind == EntryKind.Property => value.Text,
                _ => null,
            };
            if (text is null)
            {
                var expected = kind == EntryKind.Property ? "a string, number or boolean" : "a string";
                Expect(value, JsonKind.String, $"'{property.Name}' in {where}", expected);
                continue;
            }

            if (check(property, text, where))
            {
                content.Add(new ContentEntry(kind,
                    new Located<string>(property.Name, property.NamePosition),
                    new Located<string>(text, value.Position)));
            }
        }
    }

    private void ReadList(PositionedJson json, EntryKind kind, string where, ScopeContent content)
    {
        if (!Expect(json, JsonKind.Array, where))
        {
            return;
        }

        content.Declare(kind);
        foreach (var item in json.Items)
        {
            if (Expect(item, JsonKind.String, $"an element of {where}") && CheckRelativeFile(item, where))
            {
                var located = new Located<string>(Normalize(item.Text!), item.Position);
                content.Add(new ContentEntry(kind, located, located));
            }
        }
    }

    private bool CheckPackage(PositionedJsonProperty property, string version, string where)
    {
        var ok = true;
        if (property.Name.Length > 100 || !PackageIdPattern().IsMatch(property.Name))
        {
            _diagnostics.Report(DiagnosticCodes.InvalidPackageId, property.NamePosition,
                $"'{property.Name}' in {where} is not a valid NuGet package id (letters, digits, '_', separated by '.' or '-', at most 100 characters)");
            ok = false;
        }

        if (HasWhiteSpaceAround(version, property.Value.Position, $"package {property.Name} in {where}"))
        {
            ok = false;
        }
        else if (!VersionRange.TryParse(version, out _))
        {
            _diagnostics.Report(DiagnosticCodes.InvalidVersion, property.Value.Position,
                $"'{version}' is not a valid version or version range for package {property.Name} in {where}; write e.g. \"13.0.3\" or \"[4.0.0,5.0.0)\"");
            ok = false;
        }

        return ok;
    }

    /// <summary>
    /// NuGet trims the version text it parses; the tree does not accept it untrimmed, so that " 13.0.3" and "13.0.3"
    /// are never two values of one pin that compare unequal for the lock, the cascade and affected.
    /// </summary>
    private bool HasWhiteSpaceAround(string version, SourcePosition position, string what)
    {
        if (version.Length == 0 || (!char.IsWhiteSpace(version[0]) && !char.IsWhiteSpace(version[^1])))
        {
            return false;
        }

        _diagnostics.Report(DiagnosticCodes.InvalidVersion, position, $"'{version}' for {what} has white space around it; write \"{version.Trim()}\"");
        return true;
    }

    private bool CheckProperty(PositionedJsonProperty property, string value, string where)
    {
        if (PropertyNamePattern().IsMatch(property.Name))
        {
            return true;
        }

        _diagnostics.Report(DiagnosticCodes.InvalidPropertyName, property.NamePosition,
            $"'{property.Name}' in {where} is not a valid MSBuild property name (a letter or '_', then letters, digits, '_' or '-')");
        return false;
    }

    private bool CheckContract(PositionedJsonProperty property, string file, string where)
    {
        if (!CheckName(property.Name, property.NamePosition, "contract"))
        {
            return false;
        }

        return CheckRelativeFile(property.Value, $"contract '{property.Name}' in {where}");
    }

    /// <summary>Files, globs and fork folders are relative to tree.json's folder and stay inside it.</summary>
    private bool CheckRelativeFile(PositionedJson value, string where)
    {
        var text = value.Text!;
        if (text.Length == 0)
        {
            _diagnostics.Report(DiagnosticCodes.InvalidName, value.Position, $"An empty path in {where}");
            return false;
        }

        if (text.Any(char.IsControl))
        {
            var shown = string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
            _diagnostics.Report(DiagnosticCodes.InvalidPath, value.Position,
                $"'{shown}' in {where} holds a control character, which no file name can; write the path without it");
            return false;
        }

        if (Path.IsPathRooted(text) || text.StartsWith('/') || text.StartsWith('\\') || EscapesRepository(text))
        {
            _diagnostics.Report(DiagnosticCodes.PathOutsideRepository, value.Position,
                $"'{text}' in {where} points outside the repository; paths are relative to the folder of tree.json ({_directory}) and stay inside it");
            return false;
        }

        if (EscapingLink(RepositoryPath.Clean(text)) is { } link)
        {
            _diagnostics.Report(DiagnosticCodes.PathOutsideRepository, value.Position,
                $"'{text}' in {where} leads outside the repository through the symbolic link '{link.Path}' (to {link.Target}); paths stay inside the folder of tree.json ({_directory}), links included");
            return false;
        }

        return true;
    }

    // Per path prefix: the symbolic link on it that leads outside the folder, or null (shared by every path of the file).
    // (A class, not a tuple: see Build/TreeContentCache.cs.)
    private sealed record EscapingLinkFound(string Path, string Target);

    private readonly Dictionary<string, EscapingLinkFound?> _escapingLinks = new(StringComparer.Ordinal);

    /// <summary>
    /// The first symbolic link along <paramref name="relative"/> (a cleaned path; a glob's folders up to its first
    /// wildcard) whose final target lies outside tree.json's folder, or null. Only what exists is looked at, one
    /// lstat per folder prefix, remembered for the other paths of the file.
    /// </summary>
    private EscapingLinkFound? EscapingLink(string relative)
    {
        if (relative == RepositoryPath.Root || !_directoryExists.Value)
        {
            return null;
        }

        var prefix = string.Empty;
        foreach (var segment in relative.Split('/'))
        {
            if (segment.IndexOfAny(GlobCharacters) >= 0)
            {
                return null;
            }

            prefix = prefix.Length == 0 ? segment : $"{prefix}/{segment}";
            if (!_escapingLinks.TryGetValue(prefix, out var escape))
            {
                escape = LinkOutside(prefix, out var exists);
                _escapingLinks[prefix] = escape;
                if (escape is null && !exists)
                {
                    return null; // nothing deeper exists, so no link is there to follow
                }
            }

            if (escape is not null)
            {
                return escape;
            }
        }

        return null;
    }

    private EscapingLinkFound? LinkOutside(string prefix, out bool exists)
    {
        exists = false;
        try
        {
            var full = Path.Combine(_directory, prefix.Replace('/', Path.DirectorySeparatorChar));
            FileSystemInfo info = new FileInfo(full);
            if (!info.Exists)
            {
                info = new DirectoryInfo(full);
            }

            var target = SymbolicLink.FinalTarget(info);
            exists = info.Exists || target is not null;
            return target is null || Inside(target) ? null : new EscapingLinkFound(prefix, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private bool Inside(string fullPath)
    {
        return RepositoryPath.IsWithin(fullPath, _directory) || RepositoryPath.IsWithin(fullPath, _realDirectory.Value);
    }

    private static readonly char[] GlobCharacters = { '*', '?', '[', '{' };

    private Located<string>? ReadPath(PositionedJson value, string label)
    {
        if (!CheckRelativeFile(value, $"'path' of {label}"))
        {
            return null;
        }

        var normalized = Normalize(value.Text!);
        return new Located<string>(normalized, value.Position);
    }

    /// <summary>Whether a relative path leads out of the tree's folder: string work only, so no character in it can throw.</summary>
    private static bool EscapesRepository(string relative) => RepositoryPath.IsOutside(RepositoryPath.Clean(relative));

    /// <summary>'/' separators, no "./" prefix, no trailing '/'; "." for the tree's own folder.</summary>
    internal static string Normalize(string relative) => RepositoryPath.Clean(relative);

    private List<Located<string>> ReadNameList(PositionedJson json, string where, string what)
    {
        var names = new List<Located<string>>();
        if (!Expect(json, JsonKind.Array, where))
        {
            return names;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in json.Items)
        {
            if (Expect(item, JsonKind.String, $"an element of {where}") && CheckName(item.Text!, item.Position, what))
            {
                if (seen.Add(item.Text!))
                {
                    names.Add(new Located<string>(item.Text!, item.Position));
                }
                else
                {
                    _diagnostics.Report(DiagnosticCodes.DuplicateKey, item.Position, $"'{item.Text}' is listed twice in {where}");
                }
            }
        }

        return names;
    }

    private bool CheckName(string name, SourcePosition position, string what)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            _diagnostics.Report(DiagnosticCodes.InvalidName, position, $"A {what} name cannot be empty");
            return false;
        }

        if (what == "branch" && (!BranchPattern().IsMatch(name) || name.Contains("..")))
        {
            _diagnostics.Report(DiagnosticCodes.InvalidName, position,
                $"'{name}' is not a valid {what} name: no spaces, control characters, '..' or any of ~^:?*[\\");
            return false;
        }

        if (what != "branch" && name.Any(char.IsControl))
        {
            _diagnostics.Report(DiagnosticCodes.InvalidName, position, $"'{name}' is not a valid {what} name: no control characters");
            return false;
        }

        return true;
    }

    /// <summary>The object's properties, reporting duplicates (SPT0110) and, when <paramref name="allowed"/> is given, unknown keys (SPT0105; SPT0122 for a slip of a key that changes meaning).</summary>
    private IEnumerable<PositionedJsonProperty> Properties(PositionedJson json, string[]? allowed, string where,
        StringComparer? comparer = null)
    {
        var seen = new HashSet<string>(comparer ?? StringComparer.Ordinal);
        foreach (var property in json.Properties)
        {
            if (!seen.Add(property.Name))
            {
                _diagnostics.Report(DiagnosticCodes.DuplicateKey, property.NamePosition,
                    $"'{property.Name}' appears more than once in {where}; keep one");
                continue;
            }

            if (allowed is not null && !allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                if (KeySlip.Of(property.Name, allowed) is { } meant)
                {
                    _diagnostics.Report(DiagnosticCodes.MisspeltKey, property.NamePosition,
                        $"Unknown key '{property.Name}' in {where} looks like '{meant}'; ignoring it would change what the tree means, so write '{meant}' (or remove the key)");
                    continue;
                }

                _diagnostics.Report(DiagnosticCodes.UnknownKey, property.NamePosition,
                    $"Unknown key '{property.Name}' in {where} is ignored{NameSuggester.DidYouMean(property.Name, allowed)}");
                continue;
            }

            yield return property;
        }
    }

    private bool Expect(PositionedJson json, JsonKind kind, string what, string? expected = null)
    {
        if (json.Kind == kind)
        {
            return true;
        }

        _diagnostics.Report(DiagnosticCodes.WrongType, json.Position,
            $"{char.ToUpperInvariant(what[0])}{what[1..]} must be {expected ?? PositionedJson.Describe(kind)}, not {PositionedJson.Describe(json.Kind)}");
        return false;
    }

    private void CheckUniqueBranchesAndPaths()
    {
        var branches = new Dictionary<string, NodeDefinition>(StringComparer.OrdinalIgnoreCase);
        var paths = new Dictionary<string, NodeDefinition>(StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            if (!branches.TryAdd(node.Branch.Value, node))
            {
                var first = branches[node.Branch.Value];
                _diagnostics.Report(DiagnosticCodes.DuplicateBranch, node.Branch.Position,
                    $"Branch '{node.Branch.Value}' is already a node at line {first.Branch.Position.Line}; each branch appears once in the tree (names compare ignoring case)");
            }

            if (node.Path is { } path && !paths.TryAdd(path.Value, node))
            {
                _diagnostics.Report(DiagnosticCodes.DuplicatePath, path.Position,
                    $"{node.Branch.Value} and {paths[path.Value].Branch.Value} both claim path '{path.Value}'; a folder belongs to one fork");
            }
        }
    }

    // NuGet's own rule for package ids.
    private const string PackageIdRegex = @"^\w+([.-]\w+)*$";
    private const string PropertyNameRegex = @"^[A-Za-z_][A-Za-z0-9_\-]*$";
    // git check-ref-format, simplified: no spaces, control characters or ~^:?*[\ and no leading '-' or trailing '/' or '.'.
    private const string BranchRegex = @"^(?!-)[^\s~^:?*\[\\\x00-\x1f\x7f]+(?<![/.])$";

#if NET
    [GeneratedRegex(PackageIdRegex, RegexOptions.CultureInvariant)]
    private static partial Regex PackageIdPattern();

    [GeneratedRegex(PropertyNameRegex, RegexOptions.CultureInvariant)]
    private static partial Regex PropertyNamePattern();

    [GeneratedRegex(BranchRegex, RegexOptions.CultureInvariant)]
    private static partial Regex BranchPattern();
#else
    // .NET Framework (Visual Studio's MSBuild) has no regex source generator.
    private static readonly Regex PackageId = new(PackageIdRegex, RegexOptions.CultureInvariant);
    private static readonly Regex PropertyName = new(PropertyNameRegex, RegexOptions.CultureInvariant);
    private static readonly Regex Branch = new(BranchRegex, RegexOptions.CultureInvariant);
    private static Regex PackageIdPattern() => PackageId;
    private static Regex PropertyNamePattern() => PropertyName;
    private static Regex BranchPattern() => Branch;
#endif
}
