namespace Spicetime.Tree.Projects;

/// <summary>An MSBuild list value ("a; b;;c"): its items, trimmed, without empty ones, as MSBuild reads them.</summary>
public static class MSBuildList
{
    private static readonly char[] Separator = { ';' };

    public static IEnumerable<string> Items(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            yield break;
        }

        foreach (var part in value!.Split(Separator, StringSplitOptions.RemoveEmptyEntries))
        {
            var item = part.Trim();
            if (item.Length > 0)
            {
                yield return item;
            }
        }
    }
}
