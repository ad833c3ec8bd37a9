using System.Text;

namespace Spicetime.Tree.Adoption;

/// <summary>The tree.json <c>spicetime init</c> writes: a root node on a branch, and one child per fork folder.</summary>
internal static class TreeJsonText
{
    public static string Write(string branch, IReadOnlyList<(string Branch, string Path)> forks)
    {
        var text = new StringBuilder();
        text.Append("{\n  \"root\": {\n    \"branch\": ").Append(Quote(branch));
        if (forks.Count > 0)
        {
            text.Append(",\n    \"children\": [\n");
            for (var i = 0; i < forks.Count; i++)
            {
                text.Append("      { \"branch\": ").Append(Quote(forks[i].Branch)).Append(", \"path\": ").Append(Quote(forks[i].Path)).Append(" }")
                    .Append(i + 1 < forks.Count ? ",\n" : "\n");
            }

            text.Append("    ]");
        }

        return text.Append("\n  }\n}\n").ToString();
    }

    private static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
