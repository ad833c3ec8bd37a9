using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Loading;

/// <summary>
/// An unknown key of tree.json that is a slip of a key whose absence changes what a fork gets (SPT0122): one edit away
/// (a letter missing, extra, wrong or two swapped, case included) or a singular/plural slip. Ignoring it would change the
/// meaning silently: <c>"inherit": []</c> would inherit everything. Other unknown keys stay SPT0105 warnings.
/// </summary>
public static class KeySlip
{
    /// <summary>The keys whose absence changes resolution or what a scope contributes.</summary>
    public static IReadOnlyList<string> MeaningfulKeys { get; } =
    [
        "scopes", "inherits", "overrides", "extends", "children",
        "packages", "properties", "projects", "paths", "contracts",
    ];

    /// <summary>The meaningful key among <paramref name="allowed"/> that <paramref name="unknown"/> is a slip of, or null.</summary>
    public static string? Of(string unknown, IEnumerable<string> allowed)
    {
        foreach (var known in allowed)
        {
            if (MeaningfulKeys.Contains(known, StringComparer.Ordinal) && IsSlip(unknown, known))
            {
                return known;
            }
        }

        return null;
    }

    internal static bool IsSlip(string unknown, string known)
    {
        var a = unknown.ToLowerInvariant();
        var b = known.ToLowerInvariant();
        return NameSuggester.Distance(a, b) <= 1 || Singular(a) == Singular(b);
    }

    /// <summary>The word without its plural ending: children → child, properties → property, scopes → scope.</summary>
    private static string Singular(string word) => word switch
    {
        "children" => "child",
        _ when word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 3 => word[..^3] + "y",
        _ when word.EndsWith("ys", StringComparison.Ordinal) => word[..^1],
        _ when word.EndsWith("es", StringComparison.Ordinal) && word.Length > 3 && word[^3] is 's' or 'x' or 'h' => word[..^2],
        _ when word.EndsWith('s') && word.Length > 1 => word[..^1],
        _ => word,
    };
}
