using System.Text;

namespace Spicetime.Tree.Resolution;

/// <summary>Fork-aware version rules: a fork without its own version packs as {parent version}-{label}.{build}.</summary>
public static class ForkVersion
{
    /// <summary>The branch name lowercased, every character outside 0-9a-z- turned into '-' ("Feature/New_UI" → "feature-new-ui").</summary>
    public static string Label(string branch)
    {
        var label = new StringBuilder(branch.Length);
        foreach (var c in branch.ToLowerInvariant())
        {
            label.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' ? c : '-');
        }

        return label.ToString();
    }
}
