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
/// <item>replacing an inherited package must stay compatible with the parent's declaration unless <c>"breaking": true</c>;</item>
/// <item>per key, the later scope wins (owned after inherited), entries the overrides added outside any scope come
/// last, and the values a winner shadows are kept (<see cref="EffectiveEntries"/>).</item>
/// </list>
/// Two scopes that set one key differently are reported by the clash check that runs after each node
/// (<see cref="ScopeClashCheck"/>).
/// Resolving one node touches only its path to the root; scopes a node takes unchanged are shared, not copied.
/// </summary>
public sealed class TreeResolver
{
    private readonly TreeManifest _manifest;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<NodeDefinition, ResolvedNode> _resolved = new();
    private readonly Dictionary<string, Dictionary<EntryKind, EntryTable>> _definitionTables = new(StringComparer.Ordinal);
    private readonly ScopeClashCheck _clashes;

    private readonly Locking.TreeLock? _lock;

    /// <param name="locked">tree.lock.json: nodes with <c>"updates": "manual"</c> inherit the parent's scopes as it recorded them.</param>
    public TreeResolver(TreeManifest manifest, DiagnosticBag diagnostics, Locking.TreeLock? locked = null)
    {
        _manifest = manifest;
        _diagnostics = diagnostics;
        _lock = locked;
        _clashes = new ScopeClashCheck(manifest, diagnostics);
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

    /// <summary>What a node inherits from: its parent's scopes as resolved now, or for a manual node as tree.lock.json recorded them.</summary>
    private sealed record Upstream(string Branch, IReadOnlyList<ResolvedScope> Scopes, bool FromLock)
    {
        public IEnumerable<string> ScopeNames => Scopes.Select(s => s.Name);
    }

    /// <summary>
    /// Rule 0, upstream when desired: a node with <c>"updates": "manual"</c> inherits the parent's scopes as tree.lock.json
    /// recorded them at its last sync (its own extends, overrides and scopes still apply live, below); without a
    /// recorded state it follows the parent live until `spicetime sync` records one (SPT0602).
    /// </summary>
    private Upstream? UpstreamOf(NodeDefinition node, ResolvedNode? parent)
    {
        if (parent is null)
        {
            return null;
        }

        if (node.Updates == UpdateMode.Manual)
        {
            if (_lock?.Find(node.Branch.Value)?.Inherited is { } recorded)
            {
                return new Upstream(parent.Branch, recorded.Select(ResolvedScope.FromLock).ToList(), FromLock: true);
            }

            _diagnostics.Report(DiagnosticCodes.ManualNodeNotLocked, node.Branch.Position,
                $"{node.Branch.Value} takes upstream changes manually (\"updates\": \"manual\") but {Locking.TreeLock.FileName} has no state recorded for it; it follows {parent.Branch} live until `spicetime sync` records one");
        }

        return new Upstream(parent.Branch, parent.Scopes, FromLock: false);
    }

    private ResolvedNode ResolveOne(NodeDefinition node, ResolvedNode? resolvedParent)
    {
        var branch = node.Branch.Value;
        var parent = UpstreamOf(node, resolvedParent);
        var scopes = new List<ResolvedScope>((parent?.Scopes.Count ?? 0) + node.Scopes.Count);

        // 1. Inherited scopes, as the parent resolved them (or as the lock recorded them).
        if (parent is null)
        {
            if (node.Inherits is not null)
            {
                _diagnostics.Report(DiagnosticCodes.InheritsOnRoot, node.InheritsPosition,
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
                    _diagnostics.Report(DiagnosticCodes.InheritedScopeMissing, name.Position,
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
                _diagnostics.Report(DiagnosticCodes.ScopeInheritedAndOwned, name.Position,
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
                _diagnostics.Report(DiagnosticCodes.ExtendsUnknownScope, scopeName.Position,
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
                    _diagnostics.Report(DiagnosticCodes.UndefinedScope, @override.Position,
                        $"{branch} overrides with scope '{@override.ScopeName}', which is defined nowhere under 'scopes'; it changes nothing{NameSuggester.DidYouMean(@override.ScopeName!, _manifest.Scopes.Keys)}");
                    continue;
                }

                content = definition.Content;
            }

            ApplyOverride(branch, parent, @override, content, scopes, nodeEntries ??= new Dictionary<EntryKind, EntryTable>());
        }

        _clashes.Check(node, scopes, ownedStart);
        return new ResolvedNode(node, resolvedParent, scopes, nodeEntries, parent?.Scopes ?? Array.Empty<ResolvedScope>(), parent?.FromLock ?? false);
    }

    private void ApplyOverride(string branch, Upstream? parent, OverrideDefinition @override, ScopeContent content,
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

    /// <summary>
    /// Rule 5: replacing an inherited package keeps the parent's major version or range, unless marked breaking; a
    /// compatible pin below the parent's version is stale (a warning).
    /// </summary>
    private void CheckCompatible(string branch, Upstream? parent, ContentEntry item, ResolvedScope scope, bool breaking, string how)
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
            _diagnostics.Report(DiagnosticCodes.IncompatibleOverride, item.Value.Position,
                $"{branch} {how} sets {item.Key.Value} to {item.Value.Value}, incompatible with {declared.Value} that {declared.NodeIn(inheritedScope)} declared in scope '{scope.Name}' ({reason}); keep it compatible, or mark the override \"breaking\": true");
        }
        else if (PackageCompatibility.IsBelow(declared.Value, item.Value.Value))
        {
            // Stale: compatible, but below what the parent now declares (typically the parent moved on after the pin).
            _diagnostics.Report(DiagnosticCodes.StaleOverride, item.Value.Position,
                $"{branch} {how} pins {item.Key.Value} {item.Value.Value}, below {declared.Value} that {declared.NodeIn(inheritedScope)} now declares in scope '{scope.Name}'; raise the pin or remove it to follow {parent.Branch} (NoWarn SPT0504 keeps an older version on purpose)");
        }
    }

    /// <summary>
    /// Precedence: a node's entries of one kind, each key once. When two scopes set the same key the later scope wins
    /// (owned after inherited, each in its order) and the other value is kept in <see cref="NodeEntry.Shadowed"/>;
    /// entries an override added outside any scope come last. Sorted by key for maps, in order for lists.
    /// </summary>
    internal static IReadOnlyList<NodeEntry> EffectiveEntries(ResolvedNode node, EntryKind kind)
    {
        // First pass: the winning entry per key and the values it shadows.
        var winners = new Dictionary<string, int>(kind.KeyComparer());
        // Classes, not tuples: a list of tuples is JIT-compiled on every MSBuild node's first call.
        var taken = new List<Taken>();

        void Take(ResolvedEntry entry, string scope, string owner)
        {
            if (winners.TryGetValue(entry.Key, out var index))
            {
                var previous = taken[index];
                var shadowed = previous.Shadowed;
                if (previous.Entry.Value != entry.Value)
                {
                    shadowed ??= new List<Taken>();
                    shadowed.Add(previous with { Shadowed = null });
                }

                taken[index] = new Taken(entry, scope, owner, shadowed);
            }
            else
            {
                winners[entry.Key] = taken.Count;
                taken.Add(new Taken(entry, scope, owner, null));
            }
        }

        foreach (var scope in node.Scopes)
        {
            if (scope.Table(kind) is { } table)
            {
                foreach (var entry in table.Entries)
                {
                    Take(entry, scope.Name, scope.Owner);
                }
            }
        }

        if (node.OwnEntries(kind) is { } own)
        {
            foreach (var entry in own.Entries)
            {
                Take(entry, entry.Override!, node.Branch);
            }
        }

        // Second pass: build the public entries once.
        var result = new List<NodeEntry>(taken.Count);
        foreach (var (entry, scope, owner, shadowed) in taken)
        {
            var shadows = shadowed is null
                ? (IReadOnlyList<NodeEntry>)Array.Empty<NodeEntry>()
                : shadowed.Select(s => Public(s.Entry, s.Scope, s.Owner)).ToList();
            result.Add(Public(entry, scope, owner, shadows));
        }

        if (!kind.IsList())
        {
            // Keys are unique ignoring case (NuGet ids, MSBuild properties) or ordinal (contracts): one comparer orders them fully.
            var comparer = kind.KeyComparer();
            result.Sort((a, b) => comparer.Compare(a.Key, b.Key));
        }

        return result;
    }

    /// <summary>The entry that wins a key so far, and the values it shadows (each with its scope and owner).</summary>
    private sealed record Taken(ResolvedEntry Entry, string Scope, string Owner, List<Taken>? Shadowed);

    /// <summary>The public view of a stored entry: who set it (the scope's owner when the entry does not say), and what it replaced.</summary>
    private static NodeEntry Public(ResolvedEntry entry, string scope, string owner, IReadOnlyList<NodeEntry>? shadowed = null) => new(
        entry.Kind,
        entry.Key,
        entry.Value,
        new Provenance(entry.SetBy ?? owner, scope, entry.Origin, entry.Override, entry.Position) { FromLock = entry.FromLock },
        entry.Replaced is null ? null : Public(entry.Replaced, scope, owner),
        shadowed ?? Array.Empty<NodeEntry>());

    private ResolvedScope OwnedScope(Located<string> name, string owner)
    {
        if (!_definitionTables.TryGetValue(name.Value, out var tables))
        {
            if (!_manifest.Scopes.TryGetValue(name.Value, out var definition))
            {
                _diagnostics.Report(DiagnosticCodes.UndefinedScope, name.Position,
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

    private static ResolvedEntry Entry(ContentEntry item, string? setBy, EntryOrigin origin, string? label, ResolvedEntry? replaced) =>
        new(item.Kind, item.Key.Value, item.Value.Value, setBy, origin, label, item.Value.Position, replaced);

    private static IEnumerable<ContentEntry> AllEntries(ScopeContent content) =>
        EntryKinds.All.SelectMany(content.Get);

    private static string Describe(List<ResolvedScope> scopes) =>
        scopes.Count == 0 ? "it has none" : "it has " + string.Join(", ", scopes.Select(s => $"'{s.Name}'"));
}
