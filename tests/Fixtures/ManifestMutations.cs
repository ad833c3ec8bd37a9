using System.Text.RegularExpressions;
using CsCheck;

namespace Spicetime.Tests.Fixtures;

/// <summary>
/// Valid manifests, and a CsCheck generator of mutations of them at the text and the JSON level (deleted and inserted
/// pieces, duplicated keys and objects, strings replaced with escapes, control characters and surrogates, values of
/// other types, huge numbers, deep nesting, BOMs and comments). Shared by the generative tests of the library and the CLI.
/// </summary>
internal static class ManifestMutations
{
    /// <summary>A manifest that uses every key: inherits subsets, owned scopes, extends, named and inline overrides, breaking, lists.</summary>
    public const string Rich = """
        {
          "$schema": "schemas/tree.schema.json",
          "scopes": {
            "core": { "packages": { "Newtonsoft.Json": "13.0.3", "Polly": "[8.0.0,9.0.0)" }, "properties": { "Nullable": "enable" },
                      "projects": ["shared/Core/Core.csproj"], "paths": ["shared/**"], "contracts": { "orders": "contracts/orders.json" } },
            "infra": { "packages": { "Serilog": "4.0.0" }, "properties": { "Nullable": "disable" }, "description": "logging" },
            "theme": { "properties": { "ThemeName": "dark" } },
            "major": { "packages": { "Serilog": "5.0.0" }, "breaking": true }
          },
          "root": {
            "branch": "release", "version": "1.4.0", "path": "release", "scopes": ["core", "infra"],
            "children": [
              { "branch": "feature-A", "path": "forks/a", "scopes": ["theme"], "inherits": ["core"],
                "extends": { "core": { "packages": { "Dapper": "2.1.0" } } },
                "overrides": ["theme", { "packages": { "Newtonsoft.Json": "13.0.1" } }],
                "children": [ { "branch": "hotfix", "updates": "manual", "overrides": ["major"] } ] },
              { "branch": "feature-B", "path": "forks/b", "inherits": [], "scopes": ["infra"], "description": "b" }
            ]
          }
        }
        """;

    public static readonly string[] Seeds = { Rich, FixtureFiles.Read("Trees/seed.tree.json"), FixtureFiles.Read("Trees/full.tree.json"), FixtureFiles.Read("Trees/two-forks.tree.json") };

    /// <summary>What a mutation may insert: JSON punctuation, escapes, control characters, surrogates, path and MSBuild syntax.</summary>
    private static readonly string[] Fragments =
    {
        "{", "}", "[", "]", "\"", ":", ",", "\\", " ", "\t", "\n", "\0", "\u0001", "\u001f", "\uFEFF", "é", "€", "\uD83D\uDE00", "\uD800",
        "\\u0000", "\\ud800", "\\n", "\\\"", "..", "../", "/", "C:\\", "*", "**", "$(X)", "@(Y)", ";", "'", "`",
        "1e400", "-0", "123456789012345678901234567890", "null", "true", "false", "[]", "{}", "\"\"",
        "\"scopes\": [],", "\"branch\": \"x\",", "\"root\": {},", "\"packages\": {\"A\": \"1.0\"},", "\"children\": [{}],",
        "\"path\": \"\\u0000\",", "\"inherits\": [\"nope\"],", "\"overrides\": [7],", "\"extends\": {\"core\": 1},",
        "[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]", "/* c */", "// c\n",
    };

    public static readonly Gen<string> Mutated =
        Gen.Int[0, Seeds.Length - 1].SelectMany(seed => Gen.Int[1, 4].SelectMany(count => Mutations(Seeds[seed], count)));

    private static Gen<string> Mutations(string text, int count) =>
        count == 0 ? Gen.Const(text) : Mutation(text).SelectMany(next => Mutations(next, count - 1));

    private static Gen<string> Mutation(string text) => Gen.Int[0, 5].SelectMany(kind => kind switch
    {
        // delete a range
        0 => Gen.Int[0, Math.Max(0, text.Length - 1)].SelectMany(at => Gen.Int[1, 24].Select(n => text.Remove(at, Math.Min(n, text.Length - at)))),
        // insert a fragment
        1 => Gen.Int[0, text.Length].SelectMany(at => Gen.Int[0, Fragments.Length - 1].Select(f => text.Insert(at, Fragments[f]))),
        // duplicate a piece somewhere else (duplicate keys, repeated objects)
        2 => Gen.Int[0, Math.Max(0, text.Length - 1)].SelectMany(at => Gen.Int[1, 60].SelectMany(n => Gen.Int[0, text.Length].Select(to =>
            text.Insert(to, text.Substring(at, Math.Min(n, text.Length - at)))))),
        // replace a string value's content
        3 => Gen.Int[0, Fragments.Length - 1].SelectMany(f => Gen.Int[0, 1000].Select(which => ReplaceString(text, which, Fragments[f]))),
        // a byte order mark, or a leading comment
        4 => Gen.OneOf("\uFEFF" + text, "/* x */" + text, text + "\n// end"),
        // a value of another type in place of one
        _ => Gen.Int[0, 1000].SelectMany(which => Gen.OneOf("1", "1e400", "null", "[]", "{}", "\"s\"", "true", "[[[[[[[[1]]]]]]]]").Select(v => ReplaceValue(text, which, v))),
    });

    private static string ReplaceString(string text, int which, string content)
    {
        var strings = Regex.Matches(text, "\"(?:[^\"\\\\]|\\\\.)*\"");
        if (strings.Count == 0)
        {
            return text;
        }

        var match = strings[which % strings.Count];
        return text[..(match.Index + 1)] + content + text[(match.Index + match.Length - 1)..];
    }

    private static string ReplaceValue(string text, int which, string value)
    {
        var values = Regex.Matches(text, ":\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|\\[[^\\[\\]]*\\]|true|false|null|-?\\d[\\d.eE+-]*)");
        if (values.Count == 0)
        {
            return text;
        }

        var group = values[which % values.Count].Groups[1];
        return text[..group.Index] + value + text[(group.Index + group.Length)..];
    }
}
