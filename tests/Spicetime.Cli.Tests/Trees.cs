namespace Spicetime.Cli.Tests;

/// <summary>The manifests the command tests run on.</summary>
internal static class Trees
{
    /// <summary>The full manifest with a second fork (tests/Fixtures/Trees/two-forks.tree.json).</summary>
    public static readonly string Full = FixtureFiles.Read("Trees/two-forks.tree.json");

    /// <summary>Two errors and a warning, each with a known position.</summary>
    public const string Broken = """
        {
          "root": {
            "branch": "release",
            "scopes": ["infra"],
            "children": [
              { "branch": "feature-B", "scopes": ["backend"],
               "inherits": ["core"], "versoin": "1.0.0" }
            ]
          }
        }
        """;
}
