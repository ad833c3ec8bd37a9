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

    public const string Seed = """
        {
          "root": {
            "branch": "release",
            "scopes": ["core", "infra"],
            "children": [
              { "branch": "feature-A", "scopes": ["frontend"], "inherits": ["core", "infra"], "overrides": ["frontend-theme"] },
              { "branch": "feature-B", "scopes": ["backend"], "inherits": ["infra"], "overrides": [] }
            ]
          }
        }
        """;

    public const string Full = """
        {
          "$schema": "../schemas/tree.schema.json",
          "scopes": {
            "core":  { "packages": { "Newtonsoft.Json": "13.0.3" },
                       "properties": { "Nullable": "enable", "LangVersion": "latest" },
                       "projects": ["src/Core/Core.csproj"],
                       "paths": ["src/Core/**"],
                       "contracts": { "orders-api": "contracts/orders.openapi.json" } },
            "infra": { "packages": { "Serilog": "[4.0.0,5.0.0)" } },
            "frontend-theme": { "properties": { "ThemeName": "dark" } }
          },
          "root": {
            "branch": "release", "version": "1.4.0", "scopes": ["core", "infra"],
            "children": [
              { "branch": "feature-A", "path": "forks/feature-a",
                "scopes": ["frontend"], "inherits": ["core", "infra"],
                "overrides": ["frontend-theme", { "packages": { "Newtonsoft.Json": "13.0.1" } }],
                "extends": { "core": { "packages": { "Polly": "8.4.0" } } } }
            ]
          }
        }
        """;
}
