using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Tests;

/// <summary>Loads tree.json text and finds where a piece of it stands, so position assertions follow the text.</summary>
internal static class Manifest
{
    public static readonly string Folder = Path.Combine(Path.GetTempPath(), "spicetime-tree-tests");

    public static TreeLoadResult Load(string json) => TreeFile.Parse(json, Path.Combine(Folder, "tree.json"));

    /// <summary>1-based line and column of the <paramref name="occurrence"/>-th (1-based) occurrence of <paramref name="needle"/>.</summary>
    public static SourcePosition At(string json, string needle, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = json.IndexOf(needle, index + 1, StringComparison.Ordinal);
            Assert.That(index, Is.GreaterThanOrEqualTo(0), $"'{needle}' #{occurrence} not in the manifest");
        }

        var line = json[..index].Count(c => c == '\n') + 1;
        var lineStart = index == 0 ? 0 : json.LastIndexOf('\n', index - 1) + 1;
        var column = index - lineStart + 1;
        return new SourcePosition(line, column);
    }

    public static Diagnostic Single(TreeLoadResult result, string code)
    {
        var matches = result.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), () => "Diagnostics:\n" + string.Join("\n", result.Diagnostics));
        return matches[0];
    }

    public static void AssertNoErrors(TreeLoadResult result) =>
        Assert.That(result.Diagnostics.Where(d => d.IsError), Is.Empty, () => string.Join("\n", result.Diagnostics));

    /// <summary>The seed's manifest, verbatim (tests/Fixtures/Trees/seed.tree.json).</summary>
    public static readonly string Seed = FixtureFiles.Read("Trees/seed.tree.json").TrimEnd();

    /// <summary>The full manifest of the product contract (tests/Fixtures/Trees/full.tree.json).</summary>
    public static readonly string Full = FixtureFiles.Read("Trees/full.tree.json").TrimEnd();
}
