using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Model;

namespace Spicetime.Tree.Resolution;

/// <summary>
/// Where inheritance is decided. Resolves nodes from the root down, each exactly once:
/// <list type="number">
/// <item>effective scopes = the inherited ones (all of the parent's when <c>inherits</c> is left out,
/// the listed ones otherwise, none for <c>[]</c>), each <b>as the parent resolved it</b>, then the owned ones;</item>
/// <item><c>extends</c> adds entries to one of the node's scopes;</item>
/// <item><c>overrides</c> replace entries, in order, last wins (an entry no scope has is added to the node itself);</item>
/// <item>every entry keeps its provenance and what it replaced;</item>
/// <item>replacing an inherited package must stay compatible with the parent's declaration unless <c>"breaking": true</c>.</item>
/// </list>
/// Resolving one node touches only its path to the root; scopes a node takes unchanged are shared, not copied.
/// </summary>
public sealed class TreeResolver
{
    private readonly TreeManifest _manifest;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<NodeDefinition, ResolvedNode> _resolved = new();
    private readonly Dictionary<string, Dictionary<EntryKind, EntryTable>> _definitionTables = new(StringComparer.Ordinal);
    private readonly Dictionary<EntryKind, HashSet<string>> _contestedKeys;

    public TreeResolver(TreeManifest manifest, DiagnosticBag diagnostics)
    {
        _manifest = manifest;
        _diagnostics = diagnostics;
        _contestedKeys = FindContestedKeys(manifest);
    }

    /// <summary>How many nodes have been resolved so far (resolution is lazy and memoised).</summary>
    internal int ResolvedCount => _resolved.Count;

    /// <summary>Resolves every node of the tree.</summary>
    public ResolvedTree ResolveAll()
    {
        var nodes = new List<ResolvedNode>(_manifest.Nodes.Count);
        foreach (var node in _manifest.Nodes)
        {
            nodes.Add(Resolve(node));
        }

        return new ResolvedTree(_manifest, nodes);
    }

    /// <summary>Resolves <paramref name="node"/> and, first, its ancestors (once each).</summary>
    public ResolvedNode Resolve(NodeDefinition node)
    {
        if (_resolved.TryGetValue(node, out var done))
        {
            return done;
        }

        ResolvedNode? resolvedParent = null;
        if (node.Parent is null || _resolved.TryGetValue(node.Parent, out resolvedParent))
        {
            // The common case when resolving the whole tree in order: the parent is done.
            var resolved = ResolveOne(node, resolvedParent);
            _resolved[node] = resolved;
            return resolved;
        }

        // Walk up to the nearest resolved ancestor, then resolve down: no recursion, however deep the tree.
        var pending = new Stack<NodeDefinition>();
        for (var n = node; n is not null && !_resolved.ContainsKey(n); n = n.Parent)
        {
            pending.Push(n);
        }

        ResolvedNode? result = null;
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            var parent = next.Parent is null ? null : _resolved[next.Parent];
            result = ResolveOne(next, parent);
            _resolved[next] = result;
        }

        return result!;
    }

    private ResolvedNode ResolveOne(NodeDefinition node, ResolvedNode? parent)
    {
        var branch = node.Branch.Value;
        var scopes = new List<ResolvedScope>((parent?.Scopes.Count ?? 0) + node.Scopes.Count);

        // 1. Inherited scopes, as the parent resolved them.
        if (parent is null)
        {
            if (node.Inherits is not null)
            {
                _diagnostics.Warning(DiagnosticCodes.InheritsOnRoot, node.InheritsPosition,
                    $"{branch} is the root and has no parent to inherit from; 'inherits' is ignored");
            }
        }
        else if (node.Inherits is null)
        {
            scopes.AddRange(parent.Scopes);
        }
        else
        {
            foreach (var name in node.Inherits)
            {
                var scope = parent.Scopes.FirstOrDefault(s => s.Name == name.Value);
                if (scope is null)
                {
                    var has = parent.Scopes.Count == 0 ? "no scopes" : "scopes " + string.Join(", ", parent.ScopeNames.Select(s => $"'{s}'"));
                    _diagnostics.Error(DiagnosticCodes.InheritedScopeMissing, name.Position,
                        $"{branch} inherits '{name.Value}', which {parent.Branch} does not have ({parent.Branch} has {has}){NameSuggester.DidYouMean(name.Value, parent.ScopeNames)}");
                    continue;
                }

                scopes.Add(scope);
            }
        }

        // 2. Owned scopes, from their definitions.
        var ownedStart = scopes.Count;
        foreach (var name in node.Scopes)
        {
            if (scopes.Any(s => s.Name == name.Value))
            {
                _diagnostics.Warning(DiagnosticCodes.ScopeInheritedAndOwned, name.Position,
                    $"{branch} owns scope '{name.Value}' and also inherits it from {parent!.Branch}; the inherited scope is used. Remove it from 'scopes', or from 'inherits' to start from its definition");
                continue;
            }

            scopes.Add(OwnedScope(name, branch));
        }

        Dictionary<EntryKind, EntryTable>? nodeEntries = null;

        // 3. extends: add entries to one of the node's scopes.
        foreach (var (scopeName, content) in node.Extends)
        {
            var index = scopes.FindIndex(s => s.Name == scopeName.Value);
            if (index < 0)
            {
                _diagnostics.Error(DiagnosticCodes.ExtendsUnknownScope, scopeName.Position,
                    $"{branch} extends '{scopeName.Value}', which is not one of its scopes ({Describe(scopes)}){NameSuggester.DidYouMean(scopeName.Value, scopes.Select(s => s.Name))}");
                continue;
            }

            foreach (var item in AllEntries(content))
            {
                var previous = scopes[index].Find(item.Kind, item.Key.Value);
                CheckCompatible(branch, parent, item, scopes[index], content.Breaking, "extends");
                scopes[index] = scopes[index].With(Entry(item, branch, EntryOrigin.Extends, null, previous));
            }
        }

        // 4. overrides: replace entries wherever the node has them, in order; last wins.
        foreach (var @override in node.Overrides)
        {
            var content = @override.Inline;
            if (content is null)
            {
                if (!_manifest.Scopes.TryGetValue(@override.ScopeName!, out var definition))
                {
                    _diagnostics.Warning(DiagnosticCodes.UndefinedScope, @override.Position,
                        $"{branch} overrides with scope '{@override.ScopeName}', which is defined nowhere under 'scopes'; it changes nothing{NameSuggester.DidYouMean(@override.ScopeName!, _manifest.Scopes.Keys)}");
                    continue;
                }

                content = definition.Content;
            }

            ApplyOverride(branch, parent, @override, content, scopes, nodeEntries ??= new Dictionary<EntryKind, EntryTable>());
        }

        CheckConflicts(node, scopes, ownedStart);
        return new ResolvedNode(node, parent, scopes, nodeEntries);
    }

    private void ApplyOverride(string branch, ResolvedNode? parent, OverrideDefinition @override, ScopeContent content,
        List<ResolvedScope> scopes, Dictionary<EntryKind, EntryTable> nodeEntries)
    {
        foreach (var kind in content.Kinds)
        {
            if (kind.IsList())
            {
                // A list in an override replaces the node's whole list of that kind.
                for (var i = 0; i < scopes.Count; i++)
                {
                    scopes[i] = scopes[i].Without(kind);
                }

                nodeEntries[kind] = EntryTable.Create(kind,
                    content.Get(kind).Select(item => Entry(item, branch, EntryOrigin.Override, @override.Label, null)));
                continue;
            }

            foreach (var item in content.Get(kind))
            {
                var replacedAny = false;
                for (var i = 0; i < scopes.Count; i++)
                {
                    var previous = scopes[i].Find(kind, item.Key.Value);
                    if (previous is null)
                    {
                        continue;
                    }

                    replacedAny = true;
                    CheckCompatible(branch, parent, item, scopes[i], content.Breaking, $"overrides ({@override.Label})");
                    scopes[i] = scopes[i].With(Entry(item, branch, EntryOrigin.Override, @override.Label, previous));
                }

                var own = nodeEntries.GetValueOrDefault(kind);
                var ownPrevious = own?.Find(item.Key.Value);
                if (!replacedAny || ownPrevious is not null)
                {
                    var entry = Entry(item, branch, EntryOrigin.Override, @override.Label, ownPrevious);
                    nodeEntries[kind] = own?.With(entry) ?? EntryTable.Create(kind, new[] { entry });
                }
            }
        }
    }

    /// <summary>Rule 5: replacing an inherited package keeps the parent's major version or range, unless marked breaking.</summary>
    private void CheckCompatible(string branch, ResolvedNode? parent, ContentEntry item, ResolvedScope scope, bool breaking, string how)
    {
        if (breaking || item.Kind != EntryKind.Package || parent is null)
        {
            return;
        }

        var inheritedScope = parent.Scopes.FirstOrDefault(s => s.Name == scope.Name);
        if (inheritedScope?.Find(EntryKind.Package, item.Key.Value) is not { } declared)
        {
            return; // not inherited: the node's own package, free to change
        }

        if (!PackageCompatibility.IsCompatible(declared.Value, item.Value.Value, out var reason))
        {
            _diagnostics.Error(DiagnosticCodes.IncompatibleOverride, item.Value.Position,
                $"{branch} {how} sets {item.Key.Value} to {item.Value.Value}, incompatible with {declared.Value} that {declared.NodeIn(inheritedScope)} declared in scope '{scope.Name}' ({reason}); keep it compatible, or mark the override \"breaking\": true");
        }
    }

    /// <summary>
    /// Warns when two scopes of a node set the same entry to different values. Only a scope the node owns can bring a
    /// new clash (inherited ones were checked at the parent), and only keys written with two different values somewhere
    /// in the manifest can clash at all, so the check looks at just those entries.
    /// </summary>
    private void CheckConflicts(NodeDefinition node, List<ResolvedScope> scopes, int ownedStart)
    {
        for (var i = ownedStart; i < scopes.Count; i++)
        {
            foreach (var table in scopes[i].Tables)
            {
                foreach (var entry in table.Contested)
                {
                    for (var j = 0; j < i; j++)
                    {
                        if (scopes[j].Find(table.Kind, entry.Key) is { } other && other.Value != entry.Value)
                        {
                            var position = node.Scopes.First(s => s.Value == scopes[i].Name).Position;
                            _diagnostics.Warning(DiagnosticCodes.ConflictingScopes, position,
                                $"{node.Branch.Value}: scope '{scopes[i].Name}' sets {table.Kind.ToString().ToLowerInvariant()} {entry.Key} to {entry.Value}, scope '{scopes[j].Name}' to {other.Value}; '{scopes[i].Name}' wins (the later scope). Add an override to make the choice explicit");
                        }
                    }
                }
            }
        }
    }

    /// <summary>The keys written with more than one value anywhere in the manifest: the only ones two scopes can clash over.</summary>
    private static Dictionary<EntryKind, HashSet<string>> FindContestedKeys(TreeManifest manifest)
    {
        var firstValue = EntryKinds.All.ToDictionary(k => k, k => new Dictionary<string, string>(k.KeyComparer()));
        var contested = EntryKinds.All.ToDictionary(k => k, k => new HashSet<string>(k.KeyComparer()));

        void See(ScopeContent content)
        {
            foreach (var kind in content.Kinds)
            {
                if (kind.IsList())
                {
                    continue;
                }

                foreach (var item in content.Get(kind))
                {
                    if (!firstValue[kind].TryAdd(item.Key.Value, item.Value.Value) && firstValue[kind][item.Key.Value] != item.Value.Value)
                    {
                        contested[kind].Add(item.Key.Value);
                    }
                }
            }
        }

        foreach (var definition in manifest.Scopes.Values)
        {
            See(definition.Content);
        }

        foreach (var node in manifest.Nodes)
        {
            foreach (var (_, content) in node.Extends)
            {
                See(content);
            }

            foreach (var @override in node.Overrides)
            {
                if (@override.Inline is { } inline)
                {
                    See(inline);
                }
            }
        }

        return contested;
    }

    private ResolvedScope OwnedScope(Located<string> name, string owner)
    {
        if (!_definitionTables.TryGetValue(name.Value, out var tables))
        {
            if (!_manifest.Scopes.TryGetValue(name.Value, out var definition))
            {
                _diagnostics.Warning(DiagnosticCodes.UndefinedScope, name.Position,
                    $"Scope '{name.Value}' of {owner} is defined nowhere under 'scopes'; it is empty{NameSuggester.DidYouMean(name.Value, _manifest.Scopes.Keys)}");
                return ResolvedScope.Undefined(name.Value, owner);
            }

            // Built once per definition and shared by every owner: entries with SetBy = null belong to the scope's owner.
            tables = new Dictionary<EntryKind, EntryTable>();
            foreach (var kind in EntryKinds.All)
            {
                if (definition.Content.Has(kind))
                {
                    tables[kind] = EntryTable.Create(kind,
                        definition.Content.Get(kind).Select(item => Entry(item, null, EntryOrigin.Definition, null, null)));
                }
            }

            _definitionTables[name.Value] = tables;
        }

        return new ResolvedScope(name.Value, owner, true, tables);
    }

    private ResolvedEntry Entry(ContentEntry item, string? setBy, EntryOrigin origin, string? label, ResolvedEntry? replaced) =>
        new(item.Kind, item.Key.Value, item.Value.Value, setBy, origin, label, item.Value.Position, replaced,
            _contestedKeys[item.Kind].Contains(item.Key.Value));

    private static IEnumerable<ContentEntry> AllEntries(ScopeContent content) =>
        EntryKinds.All.SelectMany(content.Get);

    private static string Describe(List<ResolvedScope> scopes) =>
        scopes.Count == 0 ? "it has none" : "it has " + string.Join(", ", scopes.Select(s => $"'{s.Name}'"));
}
