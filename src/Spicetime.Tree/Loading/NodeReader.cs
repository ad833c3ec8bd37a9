using NuGet.Versioning;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Json;
using Spicetime.Tree.Model;

namespace Spicetime.Tree.Loading;

/// <summary>
/// Reads a node of tree.json and its children: the branch first (so that every other message can name the node), then
/// its keys (path, version, scopes, inherits, overrides, extends, updates, children). Every node read is kept in
/// document order for the checks that need them all.
/// </summary>
internal sealed class NodeReader
{
    private readonly ManifestBinder _binder;
    private readonly ScopeReader _scopes;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<NodeDefinition> _nodes = new();

    public NodeReader(ManifestBinder binder, ScopeReader scopes)
    {
        _binder = binder;
        _scopes = scopes;
        _diagnostics = binder.Diagnostics;
    }

    /// <summary>Every node read, parents before their children.</summary>
    public List<NodeDefinition> Nodes => _nodes;

    public NodeDefinition? Read(PositionedJson json, NodeDefinition? parent)
    {
        var where = parent is null ? "'root'" : $"a child of {parent.Branch.Value}";
        if (!_binder.Expect(json, JsonKind.Object, where))
        {
            return null;
        }

        var branch = ReadBranch(json);
        var keys = ReadKeys(json, branch?.Value ?? where);
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
            Branch = branch,
            Position = json.Position,
            Parent = parent,
            Path = keys.Path,
            Version = keys.Version,
            Scopes = keys.Scopes,
            Inherits = keys.Inherits,
            InheritsPosition = keys.InheritsPosition,
            Overrides = keys.Overrides,
            Extends = keys.Extends,
            Updates = keys.Updates,
        };
        _nodes.Add(node);

        if (keys.Children is not null)
        {
            foreach (var child in keys.Children.Items)
            {
                var childNode = Read(child, node);
                if (childNode is not null)
                {
                    node.Children.Add(childNode);
                }
            }
        }

        return node;
    }

    /// <summary>What a node's keys other than its branch say.</summary>
    private sealed class NodeKeys
    {
        public Located<string>? Path { get; set; }

        public Located<string>? Version { get; set; }

        public List<Located<string>> Scopes { get; set; } = new();

        public List<Located<string>>? Inherits { get; set; }

        public SourcePosition InheritsPosition { get; set; } = SourcePosition.None;

        public List<OverrideDefinition> Overrides { get; } = new();

        public List<(Located<string>, ScopeContent)> Extends { get; } = new();

        public UpdateMode Updates { get; set; } = UpdateMode.Live;

        public PositionedJson? Children { get; set; }
    }

    private Located<string>? ReadBranch(PositionedJson json)
    {
        Located<string>? branch = null;
        foreach (var property in json.Properties)
        {
            if (property.Name == "branch" && _binder.Expect(property.Value, JsonKind.String, "'branch'"))
            {
                var name = property.Value.Text!;
                if (_binder.CheckName(name, property.Value.Position, "branch"))
                {
                    branch = new Located<string>(name, property.Value.Position);
                }
            }
        }

        return branch;
    }

    /// <summary>The node's keys; <paramref name="label"/> names the node in messages (its branch, or where it is).</summary>
    private NodeKeys ReadKeys(PositionedJson json, string label)
    {
        var keys = new NodeKeys();
        foreach (var property in _binder.Properties(json, TreeManifestLoader.NodeKeys, $"node {label}"))
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "path":
                    if (_binder.Expect(value, JsonKind.String, $"'path' of {label}"))
                    {
                        keys.Path = _binder.ReadPath(value, $"'path' of {label}");
                    }

                    break;
                case "version":
                    if (_binder.Expect(value, JsonKind.String, $"'version' of {label}"))
                    {
                        keys.Version = ReadVersion(value, label);
                    }

                    break;
                case "scopes":
                    keys.Scopes = _binder.ReadNameList(value, $"'scopes' of {label}", "scope");
                    break;
                case "inherits":
                    keys.Inherits = _binder.ReadNameList(value, $"'inherits' of {label}", "scope");
                    keys.InheritsPosition = value.Position;
                    break;
                case "overrides":
                    ReadOverrides(value, label, keys.Overrides);
                    break;
                case "extends":
                    ReadExtends(value, label, keys.Extends);
                    break;
                case "updates":
                    if (_binder.Expect(value, JsonKind.String, $"'updates' of {label}"))
                    {
                        keys.Updates = ReadUpdates(value, label) ?? keys.Updates;
                    }

                    break;
                case "children":
                    if (_binder.Expect(value, JsonKind.Array, $"'children' of {label}"))
                    {
                        keys.Children = value;
                    }

                    break;
            }
        }

        return keys;
    }

    private Located<string>? ReadVersion(PositionedJson value, string label)
    {
        if (_binder.HasWhiteSpaceAround(value.Text!, value.Position, label))
        {
            return null; // reported
        }

        if (NuGetVersion.TryParse(value.Text, out _))
        {
            return new Located<string>(value.Text!, value.Position);
        }

        _diagnostics.Report(DiagnosticCodes.InvalidVersion, value.Position,
            $"'{value.Text}' is not a valid version for {label}; write a semantic version such as 1.4.0 or 2.0.0-rc.1");
        return null;
    }

    /// <summary>Each element: a scope's name, or an inline scope (its position in the list is its order).</summary>
    private void ReadOverrides(PositionedJson value, string label, List<OverrideDefinition> overrides)
    {
        if (!_binder.Expect(value, JsonKind.Array, $"'overrides' of {label}"))
        {
            return;
        }

        for (var i = 0; i < value.Items.Count; i++)
        {
            var item = value.Items[i];
            if (item.Kind == JsonKind.String)
            {
                if (_binder.CheckName(item.Text!, item.Position, "scope"))
                {
                    overrides.Add(new OverrideDefinition(i, item.Text, null, item.Position));
                }
            }
            else if (_binder.Expect(item, JsonKind.Object, $"an element of 'overrides' of {label}", "a scope name or an object"))
            {
                overrides.Add(new OverrideDefinition(i, null,
                    _scopes.Read(item, $"inline override #{i + 1} of {label}", TreeManifestLoader.ScopeKeys), item.Position));
            }
        }
    }

    private void ReadExtends(PositionedJson value, string label, List<(Located<string>, ScopeContent)> extends)
    {
        if (!_binder.Expect(value, JsonKind.Object, $"'extends' of {label}"))
        {
            return;
        }

        foreach (var scope in _binder.Properties(value, null, $"'extends' of {label}"))
        {
            if (_binder.CheckName(scope.Name, scope.NamePosition, "scope"))
            {
                extends.Add((new Located<string>(scope.Name, scope.NamePosition),
                    _scopes.Read(scope.Value, $"'extends.{scope.Name}' of {label}", TreeManifestLoader.ScopeKeys)));
            }
        }
    }

    private UpdateMode? ReadUpdates(PositionedJson value, string label)
    {
        switch (value.Text)
        {
            case "manual": return UpdateMode.Manual;
            case "live": return UpdateMode.Live;
            default:
                _diagnostics.Report(DiagnosticCodes.InvalidUpdates, value.Position,
                    $"'updates' of {label} is '{value.Text}'; use \"manual\" (take upstream changes with 'spicetime sync --branch') or \"live\" (the default)");
                return null;
        }
    }
}
