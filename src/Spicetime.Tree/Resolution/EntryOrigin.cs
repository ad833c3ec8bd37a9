namespace Spicetime.Tree.Resolution;

/// <summary>How an entry came to be in a node's resolved state.</summary>
public enum EntryOrigin
{
    /// <summary>Written in the definition of a scope (under <c>scopes</c>).</summary>
    Definition,

    /// <summary>Added to one of the node's scopes by its <c>extends</c>.</summary>
    Extends,

    /// <summary>Set by one of the node's <c>overrides</c> (a named scope or an inline object).</summary>
    Override,
}
