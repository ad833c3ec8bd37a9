using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Json;
using Spicetime.Tree.Model;
using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Loading;

/// <summary>
/// Reads tree.json into a <see cref="TreeManifest"/>: checks JSON types, keys, names, versions and
/// paths, and reports every problem it finds (not just the first) with its line and column.
/// The top level is read here, nodes by <see cref="NodeReader"/>, scopes by <see cref="ScopeReader"/>, the checks
/// every value goes through are <see cref="ManifestBinder"/>'s, and where a path may lead <see cref="RepositoryBoundary"/>'s.
/// Rules that need the whole tree resolved (inheritance) live in <c>TreeResolver</c>.
/// </summary>
public sealed class TreeManifestLoader
{
    internal static readonly string[] TopLevelKeys = { "$schema", "scopes", "root" };
    internal static readonly string[] ScopeKeys = { "packages", "properties", "projects", "paths", "contracts", "breaking", "accept", "description" };
    internal static readonly string[] NodeKeys = { "branch", "path", "version", "scopes", "inherits", "overrides", "extends", "children", "updates", "description" };

    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;
    private readonly ManifestBinder _binder;
    private readonly ScopeReader _scopes;
    private readonly NodeReader _nodes;

    private TreeManifestLoader(string file, DiagnosticBag diagnostics)
    {
        _file = Path.GetFullPath(file);
        _diagnostics = diagnostics;
        _binder = new ManifestBinder(diagnostics, new RepositoryBoundary(Path.GetDirectoryName(_file)!));
        _scopes = new ScopeReader(_binder);
        _nodes = new NodeReader(_binder, _scopes);
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
        if (!_binder.Expect(json, JsonKind.Object, "the top level of tree.json"))
        {
            return null;
        }

        string? schema = null;
        var scopes = new Dictionary<string, ScopeDefinition>(StringComparer.Ordinal);
        NodeDefinition? root = null;
        PositionedJsonProperty? rootProperty = null;

        foreach (var property in _binder.Properties(json, TopLevelKeys, "the top level"))
        {
            switch (property.Name)
            {
                case "$schema":
                    if (_binder.Expect(property.Value, JsonKind.String, "'$schema'"))
                    {
                        schema = property.Value.Text;
                    }

                    break;
                case "scopes":
                    if (_binder.Expect(property.Value, JsonKind.Object, "'scopes'"))
                    {
                        foreach (var scope in _binder.Properties(property.Value, null, "scopes"))
                        {
                            if (_binder.CheckName(scope.Name, scope.NamePosition, "scope"))
                            {
                                scopes[scope.Name] = new ScopeDefinition(scope.Name, scope.NamePosition,
                                    _scopes.Read(scope.Value, $"scope '{scope.Name}'", ScopeKeys));
                            }
                        }
                    }

                    break;
                case "root":
                    rootProperty = property;
                    root = _nodes.Read(property.Value, parent: null);
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
        return new TreeManifest { FilePath = _file, Schema = schema, Scopes = scopes, Root = root, Nodes = _nodes.Nodes };
    }

    private void CheckUniqueBranchesAndPaths()
    {
        var branches = new Dictionary<string, NodeDefinition>(StringComparer.OrdinalIgnoreCase);
        var paths = new Dictionary<string, NodeDefinition>(StringComparer.Ordinal);
        foreach (var node in _nodes.Nodes)
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
}
