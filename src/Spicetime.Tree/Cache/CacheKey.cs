namespace Spicetime.Tree.Cache;

/// <summary>What a store accepts as a key: lowercase hex, 16 to 128 characters (a file name and a URL segment as it is).</summary>
public static class CacheKey
{
    public static bool IsValid(string key) =>
        key.Length is >= 16 and <= 128 && key.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    internal static void Check(string key)
    {
        if (!IsValid(key))
        {
            throw new ArgumentException($"'{key}' is not a cache key (lowercase hex, 16 to 128 characters)", nameof(key));
        }
    }
}
