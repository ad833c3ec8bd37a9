namespace Spicetime.Tree.Cache.Keys;

/// <summary>
/// One input of a compile key as <c>spicetime cache explain</c> prints it: a compiler parameter's value, or a file the
/// compiler reads (its path by root, the metadata the compiler uses, and its content's SHA-256, or "immutable" for a file
/// that its path identifies), or the compiler itself.
/// </summary>
public sealed record CompileInput(string Kind, string Name, string Value, string? Hash = null)
{
    /// <summary>The line the key hashes (and explain prints): kind, name, value, hash, tab-separated.</summary>
    public string Line => Hash is null ? $"{Kind}\t{Name}\t{Value}" : $"{Kind}\t{Name}\t{Value}\t{Hash}";
}
