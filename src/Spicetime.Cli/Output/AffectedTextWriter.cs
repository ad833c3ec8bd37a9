using Spicetime.Tree.Affected;

namespace Spicetime.Cli.Output;

/// <summary>
/// <c>spicetime affected</c>'s text for people. By default one line per affected project with its first reason, one line
/// per branch to rebuild, and a summary; with <c>--explain</c>, every reason chain of every project.
/// </summary>
public static class AffectedTextWriter
{
    public static void Write(TextWriter output, AffectedResult result, bool explain)
    {
        if (explain)
        {
            WriteExplained(output, result);
        }
        else
        {
            WriteShort(output, result);
        }

        output.WriteLine(Summary(result, explain));
    }

    /// <summary>"3 projects in 2 branches affected; --explain for every reason", or "No project is affected.".</summary>
    public static string Summary(AffectedResult result, bool explain)
    {
        if (result.Projects.Count == 0)
        {
            return "No project is affected.";
        }

        var branches = result.Projects.Select(p => p.Branch).Distinct(StringComparer.Ordinal).Count();
        var summary = $"{Count(result.Projects.Count, "project", "projects")} in {Count(branches, "branch", "branches")} affected";
        var moreReasons = result.Projects.Concat(result.Branches).Any(i => i.Reasons.Count > 1);
        return explain || !moreReasons ? summary : summary + "; --explain for every reason";
    }

    private static void WriteShort(TextWriter output, AffectedResult result)
    {
        foreach (var project in result.Projects)
        {
            output.WriteLine($"{project.Name} ({project.Branch}){FirstReason(project)}");
        }

        foreach (var branch in result.Branches)
        {
            output.WriteLine($"branch {branch.Name} to rebuild{FirstReason(branch)}");
        }
    }

    private static void WriteExplained(TextWriter output, AffectedResult result)
    {
        foreach (var project in result.Projects)
        {
            output.WriteLine($"{project.Name} ({project.Branch})");
            foreach (var reason in project.Reasons)
            {
                output.WriteLine($"  because {reason}");
            }
        }

        foreach (var branch in result.Branches)
        {
            output.WriteLine($"branch {branch.Name} to rebuild");
            foreach (var reason in branch.Reasons)
            {
                output.WriteLine($"  because {reason}");
            }
        }
    }

    /// <summary>" because {first reason}", and how many more there are.</summary>
    private static string FirstReason(AffectedItem item) => item.Reasons.Count switch
    {
        0 => string.Empty,
        1 => $" because {item.Reasons[0]}",
        var count => $" because {item.Reasons[0]} (+{count - 1} more)",
    };

    private static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}
