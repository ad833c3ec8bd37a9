namespace Spicetime.Tree.Git;

/// <summary>Searches in git's objects.</summary>
internal static class GitBytes
{
    /// <summary>
    /// The index of <paramref name="value"/> in <paramref name="data"/> from <paramref name="start"/> on; -1 when absent.
    /// Through a span, not <see cref="Array.IndexOf{T}(T[], T, int)"/>: that generic method has no ahead-of-time code in
    /// the shipped assemblies, and a build's first version paid for compiling it.
    /// </summary>
    public static int IndexOf(byte[] data, byte value, int start)
    {
        if (start < 0 || start > data.Length)
        {
            return -1;
        }

        var found = data.AsSpan(start).IndexOf(value);
        return found < 0 ? -1 : start + found;
    }
}
