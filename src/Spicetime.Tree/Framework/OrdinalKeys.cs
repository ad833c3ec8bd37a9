namespace Spicetime.Tree.Framework;

/// <summary>
/// A dictionary's string keys in ordinal order, copied. Where a SortedDictionary would do: its code is the framework's
/// generic code over a KeyValuePair, which the portable tool's ahead-of-time code cannot carry (JIT-compiled at every
/// start), while a Dictionary and an array sort of strings are compiled already.
/// </summary>
internal static class OrdinalKeys
{
    public static string[] Of<T>(Dictionary<string, T> dictionary)
        where T : class
    {
        var keys = new string[dictionary.Count];
        dictionary.Keys.CopyTo(keys, 0);
        Array.Sort(keys, StringComparer.Ordinal);
        return keys;
    }
}
