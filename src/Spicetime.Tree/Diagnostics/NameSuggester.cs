namespace Spicetime.Tree.Diagnostics;

/// <summary>Finds the closest known name for a misspelt one ("did you mean 'inherits'?").</summary>
public static class NameSuggester
{
    public static string? Suggest(string unknown, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(unknown.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        // Accept a suggestion only when it is plausibly the same word.
        var limit = Math.Max(2, unknown.Length / 3);
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Appends " (did you mean 'x'?)" when there is a close match.</summary>
    public static string DidYouMean(string unknown, IEnumerable<string> known)
    {
        var suggestion = Suggest(unknown, known);
        return suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?";
    }

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
