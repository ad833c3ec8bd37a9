using Spicetime.Tree.Model;

namespace Spicetime.Tree.Resolution;

/// <summary>
/// A scope as one node resolved it. Immutable: a child that inherits the scope unchanged holds the
/// same instance as its parent; extends and overrides produce a modified copy.
/// </summary>
public sealed class ResolvedScope
{
    private readonly Dictionary<EntryKind, EntryTable> _tables;

    internal ResolvedScope(string name, string owner, bool isDefined, Dictionary<EntryKind, EntryTable> tables)
    {
        Name = name;
        Owner = owner;
        IsDefined = isDefined;
        _tables = tables;
    }

    public string Name { get; }

    /// <summary>The branch of the node that owns the scope (lists it under <c>scopes</c>).</summary>
    public string Owner { get; }

    /// <summary>False for a scope named but defined nowhere (it is empty; SPT0108).</summary>
    public bool IsDefined { get; }

    internal static ResolvedScope Undefined(string name, string owner) => new(name, owner, false, new Dictionary<EntryKind, EntryTable>());

    /// <summary>A parent's scope as tree.lock.json recorded it for a manual node; its entries say they come from the lock.</summary>
    internal static ResolvedScope FromLock(Locking.LockedScope locked)
    {
        var tables = new Dictionary<EntryKind, EntryTable>();
        foreach (var group in locked.Entries.GroupBy(e => e.Kind))
        {
            tables[group.Key] = EntryTable.Create(group.Key, group.Select(e =>
                new ResolvedEntry(e.Kind, e.Key, e.Value, e.Node, e.Origin, e.Override, Diagnostics.SourcePosition.None, null) { FromLock = true }));
        }

        return new ResolvedScope(locked.Name, locked.Owner, locked.Defined, tables);
    }

    internal EntryTable? Table(EntryKind kind) => _tables.TryGetValue(kind, out var table) ? table : null;

    /// <summary>The scope's tables, in <see cref="EntryKinds.All"/>'s order (not the dictionary's values: enumerating a
    /// collection keyed by an enum of this assembly is JIT-compiled on every MSBuild node's first call).</summary>
    internal IEnumerable<EntryTable> Tables
    {
        get
        {
            foreach (var kind in EntryKinds.All)
            {
                if (_tables.TryGetValue(kind, out var table))
                {
                    yield return table;
                }
            }
        }
    }

    internal ResolvedEntry? Find(EntryKind kind, string key) => Table(kind)?.Find(key);

    /// <summary>A copy with <paramref name="entry"/> set.</summary>
    internal ResolvedScope With(ResolvedEntry entry)
    {
        var tables = new Dictionary<EntryKind, EntryTable>(_tables)
        {
            [entry.Kind] = Table(entry.Kind)?.With(entry) ?? EntryTable.Create(entry.Kind, new[] { entry }),
        };
        return new ResolvedScope(Name, Owner, IsDefined, tables);
    }

    /// <summary>A copy without any entry of <paramref name="kind"/> (an override replacing a whole list).</summary>
    internal ResolvedScope Without(EntryKind kind)
    {
        if (!_tables.ContainsKey(kind))
        {
            return this;
        }

        var tables = new Dictionary<EntryKind, EntryTable>(_tables);
        tables.Remove(kind);
        return new ResolvedScope(Name, Owner, IsDefined, tables);
    }

    public override string ToString() => $"{Name} (owned by {Owner})";
}
