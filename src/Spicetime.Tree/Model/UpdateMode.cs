namespace Spicetime.Tree.Model;

/// <summary>How a node takes its parent's changes (<c>"updates"</c>).</summary>
public enum UpdateMode
{
    /// <summary>Follow the parent live (the default).</summary>
    Live,

    /// <summary>Build from what tree.lock.json recorded until <c>spicetime sync --branch</c> takes the parent's state.</summary>
    Manual,
}
