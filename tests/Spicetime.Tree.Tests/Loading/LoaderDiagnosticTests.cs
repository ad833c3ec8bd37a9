using Spicetime.Tree.Diagnostics;
using static Spicetime.Tree.Tests.Manifest;

namespace Spicetime.Tree.Tests.Loading;

/// <summary>Every SPT code for tree.json: the code, the severity, the line and the column.</summary>
public class LoaderDiagnosticTests
{
    private static Diagnostic Expect(string json, string code, string needle, int occurrence = 1, DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        var result = Load(json);
        var diagnostic = Single(result, code);
        Assert.That(diagnostic.Severity, Is.EqualTo(severity));
        Assert.That(diagnostic.Position, Is.EqualTo(At(json, needle, occurrence)), diagnostic.ToString());
        return diagnostic;
    }

    [Test]
    public void SPT0102_has_the_canonical_form_of_the_spec()
    {
        var json = """
            {
              "root": {
                "branch": "release",
                "scopes": ["infra"],
                "children": [
                  { "branch": "feature-B", "scopes": ["backend"],
                   "inherits": ["core"] }
                ]
              }
            }
            """;
        var diagnostic = Expect(json, DiagnosticCodes.InheritedScopeMissing.Code, "\"core\"");
        Assert.That(diagnostic.Format("tree.json"), Does.StartWith("tree.json(7,21): error SPT0102: feature-B inherits 'core', which release does not have"));
    }

    [Test]
    public void SPT0102_suggests_a_close_scope_name()
    {
        var json = """{"root": {"branch": "r", "scopes": ["infra"], "children": [{"branch": "c", "inherits": ["infr"]}]}}""";
        var diagnostic = Expect(json, DiagnosticCodes.InheritedScopeMissing.Code, "\"infr\"");
        Assert.That(diagnostic.Message, Does.EndWith("did you mean 'infra'?"));
    }

    [Test]
    public void SPT0100_malformed_json_points_at_the_problem()
    {
        var json = "{\n  \"root\": {\n    \"branch\": \"r\"\n    \"scopes\": []\n  }\n}";
        var result = Load(json);
        var diagnostic = Single(result, DiagnosticCodes.MalformedJson.Code);
        Assert.That(diagnostic.Position.Line, Is.EqualTo(4));
        Assert.That(diagnostic.Position.Column, Is.EqualTo(5));
        Assert.That(result.Tree, Is.Null);
    }

    [Test]
    public void SPT0100_trailing_content_is_reported()
    {
        var json = """{"root": {"branch": "r"}} {"root": {}}""";
        Assert.That(Single(Load(json), DiagnosticCodes.MalformedJson.Code).Position.Line, Is.EqualTo(1));
    }

    [TestCase("")]
    [TestCase("   \n\t ")]
    [TestCase("// nothing here\n")]
    public void SPT0101_empty_file(string json)
    {
        var diagnostic = Single(Load(json), DiagnosticCodes.EmptyFile.Code);
        Assert.That(diagnostic.Position, Is.EqualTo(new SourcePosition(1, 1)));
    }

    [Test]
    public void SPT0103_duplicate_branch()
    {
        var json = """{"root": {"branch": "r", "children": [{"branch": "a"}, {"branch": "A"}]}}""";
        Expect(json, DiagnosticCodes.DuplicateBranch.Code, "\"A\"");
    }

    [TestCase("""{"root": {"branch": "r", "scopes": "core"}}""", "\"core\"")]
    [TestCase("""{"root": {"branch": 42}}""", "42")]
    [TestCase("""{"root": []}""", "[]")]
    [TestCase("""{"scopes": {"a": {"packages": ["X"]}}, "root": {"branch": "r"}}""", "[\"X\"]")]
    [TestCase("""{"scopes": {"a": {"packages": {"X": 13}}}, "root": {"branch": "r"}}""", "13")]
    [TestCase("""{"root": {"branch": "r", "children": {"branch": "c"}}}""", "{\"branch\": \"c\"}")]
    [TestCase("""{"root": {"branch": "r", "overrides": [true]}}""", "true")]
    [TestCase("""[1, 2]""", "[1")]
    public void SPT0104_wrong_json_type(string json, string needle) => Expect(json, DiagnosticCodes.WrongType.Code, needle);

    [Test]
    public void SPT0105_unknown_key_is_a_warning_with_a_suggestion()
    {
        var json = """{"root": {"branch": "r", "scopes": ["a"], "children": [{"branch": "c", "descripton": "x"}]}}""";
        var diagnostic = Expect(json, DiagnosticCodes.UnknownKey.Code, "\"descripton\"", severity: DiagnosticSeverity.Warning);
        Assert.That(diagnostic.Message, Does.Contain("did you mean 'description'?"));
    }

    [TestCase("""{"root": {"branch": "r", "scopes": ["a"], "children": [{"branch": "c", "inherit": []}]}}""", "inherit", "inherits")]
    [TestCase("""{"root": {"branch": "r", "children": [{"branch": "c", "override": ["x"]}]}}""", "override", "overrides")]
    [TestCase("""{"root": {"branch": "r", "scope": ["a"]}}""", "scope", "scopes")]
    [TestCase("""{"root": {"branch": "r", "scopes": ["a"], "extend": {"a": {}}}}""", "extend", "extends")]
    [TestCase("""{"root": {"branch": "r", "child": [{"branch": "c"}]}}""", "child", "children")]
    [TestCase("""{"root": {"branch": "r", "childs": [{"branch": "c"}]}}""", "childs", "children")]
    [TestCase("""{"root": {"branch": "r", "Inherits": []}}""", "Inherits", "inherits")]
    [TestCase("""{"root": {"branch": "r", "inhertis": []}}""", "inhertis", "inherits")]
    [TestCase("""{"scopes": {"a": {"package": {"X": "1.0.0"}}}, "root": {"branch": "r"}}""", "package", "packages")]
    [TestCase("""{"scopes": {"a": {"propertys": {}}}, "root": {"branch": "r"}}""", "propertys", "properties")]
    [TestCase("""{"scope": {}, "root": {"branch": "r"}}""", "scope", "scopes")]
    public void SPT0122_a_slip_of_a_key_that_changes_meaning_is_an_error(string json, string key, string meant)
    {
        var diagnostic = Expect(json, DiagnosticCodes.MisspeltKey.Code, $"\"{key}\"");
        Assert.That(diagnostic.Message, Does.Contain($"'{key}'").And.Contain($"looks like '{meant}'"));
        var result = Load(json);
        Assert.That(result.Succeeded, Is.False, "an error fails validation");
        Assert.That(result.Diagnostics.Select(d => d.Code), Does.Not.Contain(DiagnosticCodes.UnknownKey.Code), "one diagnostic for the key");
    }

    [Test]
    public void SPT0122_the_misspelt_inherits_no_longer_inherits_everything_silently()
    {
        var json = """{"scopes": {"a": {"properties": {"P": "1"}}}, "root": {"branch": "r", "scopes": ["a"], "children": [{"branch": "c", "inherit": []}]}}""";
        var fixedJson = json.Replace("\"inherit\"", "\"inherits\"", StringComparison.Ordinal);
        Assert.That(Load(json).Succeeded, Is.False);
        var fixedResult = Load(fixedJson);
        AssertNoErrors(fixedResult);
        Assert.That(fixedResult.Tree!.Find("c")!.Scopes, Is.Empty);
    }

    [TestCase("versoin")]
    [TestCase("brnach")]
    [TestCase("updatess")]
    [TestCase("notes")]
    public void Other_unknown_keys_stay_warnings(string key)
    {
        var json = "{\"root\": {\"branch\": \"r\", \"" + key + "\": \"x\"}}";
        var result = Load(json);
        Assert.That(result.Diagnostics.Select(d => d.Code), Does.Contain(DiagnosticCodes.UnknownKey.Code).And.Not.Contain(DiagnosticCodes.MisspeltKey.Code));
    }

    [TestCase("""{"root": {"branch": "r", "version": "1.x"}}""", "\"1.x\"")]
    [TestCase("""{"scopes": {"a": {"packages": {"X": "[1.0"}}}, "root": {"branch": "r"}}""", "\"[1.0\"")]
    [TestCase("""{"scopes": {"a": {"packages": {"X": "latest"}}}, "root": {"branch": "r"}}""", "\"latest\"")]
    [TestCase("""{"root": {"branch": "r", "version": "1.4.0 "}}""", "\"1.4.0 \"")]
    [TestCase("""{"scopes": {"a": {"packages": {"X": " 1.0.0"}}}, "root": {"branch": "r"}}""", "\" 1.0.0\"")]
    [TestCase("""{"scopes": {"a": {"packages": {"X": "1.0.0\t"}}}, "root": {"branch": "r"}}""", "\"1.0.0\\t\"")]
    public void SPT0106_bad_version_or_range(string json, string needle) => Expect(json, DiagnosticCodes.InvalidVersion.Code, needle);

    [Test]
    public void SPT0106_a_version_with_a_line_break_is_refused_in_a_one_line_diagnostic()
    {
        var diagnostic = Expect("""{"scopes": {"a": {"packages": {"X": "\n13.0.3"}}}, "root": {"branch": "r"}}""", DiagnosticCodes.InvalidVersion.Code, "\"\\n13.0.3\"");
        Assert.That(diagnostic.Message, Does.Contain("'\\n13.0.3'").And.Contain("write \"13.0.3\""));
        Assert.That(diagnostic.Format(), Does.Not.Contain('\n').And.Not.Contain('\r'));
        var prefixed = diagnostic with { Message = $"at main\r\n: {diagnostic.Message}" };
        Assert.That(prefixed.Message, Does.StartWith("at main\\r\\n: '\\n13.0.3'"), "a with expression is kept on one line too");
    }

    [TestCase("""{"root": {"branch": "r", "children": [{"branch": "c", "path": "../elsewhere"}]}}""", "\"../elsewhere\"")]
    [TestCase("""{"root": {"branch": "r", "children": [{"branch": "c", "path": "/abs/fork"}]}}""", "\"/abs/fork\"")]
    [TestCase("""{"scopes": {"a": {"projects": ["src/../../x.csproj"]}}, "root": {"branch": "r"}}""", "\"src/../../x.csproj\"")]
    [TestCase("""{"scopes": {"a": {"contracts": {"api": "../api.json"}}}, "root": {"branch": "r"}}""", "\"../api.json\"")]
    public void SPT0107_path_outside_the_repository(string json, string needle) => Expect(json, DiagnosticCodes.PathOutsideRepository.Code, needle);

    [Test]
    public void SPT0108_undefined_scope_is_a_positioned_warning()
    {
        var json = """{"scopes": {"core": {}}, "root": {"branch": "r", "scopes": ["core", "infra"]}}""";
        var diagnostic = Expect(json, DiagnosticCodes.UndefinedScope.Code, "\"infra\"", severity: DiagnosticSeverity.Warning);
        Assert.That(Load(json).Succeeded, Is.True);
        Assert.That(diagnostic.Message, Does.Contain("'infra'"));
    }

    [Test]
    public void SPT0109_missing_root()
    {
        var json = """{"scopes": {}}""";
        Expect(json, DiagnosticCodes.MissingKey.Code, "{");
    }

    [Test]
    public void SPT0109_node_without_branch()
    {
        var json = """{"root": {"branch": "r", "children": [{"scopes": []}]}}""";
        Expect(json, DiagnosticCodes.MissingKey.Code, "{\"scopes\"");
    }

    [Test]
    public void SPT0110_duplicate_key()
    {
        var json = """{"root": {"branch": "r", "scopes": [], "scopes": ["a"]}}""";
        Expect(json, DiagnosticCodes.DuplicateKey.Code, "\"scopes\"", 2);
    }

    [Test]
    public void SPT0110_duplicate_package_ignoring_case()
    {
        var json = """{"scopes": {"a": {"packages": {"Polly": "8.0.0", "polly": "8.1.0"}}}, "root": {"branch": "r"}}""";
        Expect(json, DiagnosticCodes.DuplicateKey.Code, "\"polly\"");
    }

    [Test]
    public void SPT0111_extends_a_scope_the_node_does_not_have()
    {
        var json = """{"root": {"branch": "r", "scopes": ["core"], "children": [{"branch": "c", "inherits": [], "extends": {"core": {}}}]}}""";
        Expect(json, DiagnosticCodes.ExtendsUnknownScope.Code, "\"core\"", 2);
    }

    [TestCase("""{"root": {"branch": ""}}""", "\"\"")]
    [TestCase("""{"root": {"branch": "my branch"}}""", "\"my branch\"")]
    [TestCase("""{"root": {"branch": "a..b"}}""", "\"a..b\"")]
    [TestCase("""{"root": {"branch": "r", "scopes": [" "]}}""", "\" \"")]
    public void SPT0112_invalid_name(string json, string needle) => Expect(json, DiagnosticCodes.InvalidName.Code, needle);

    [Test]
    public void SPT0113_invalid_updates()
    {
        var json = """{"root": {"branch": "r", "children": [{"branch": "c", "updates": "sometimes"}]}}""";
        Expect(json, DiagnosticCodes.InvalidUpdates.Code, "\"sometimes\"");
    }

    [Test]
    public void SPT0114_scope_both_inherited_and_owned()
    {
        var json = """{"root": {"branch": "r", "scopes": ["core"], "children": [{"branch": "c", "scopes": ["core"]}]}}""";
        Expect(json, DiagnosticCodes.ScopeInheritedAndOwned.Code, "\"core\"", 2, DiagnosticSeverity.Warning);
    }

    [Test]
    public void SPT0115_conflicting_scopes()
    {
        var json = """{"scopes": {"a": {"properties": {"P": "1"}}, "b": {"properties": {"P": "2"}}}, "root": {"branch": "r", "scopes": ["a", "b"]}}""";
        Expect(json, DiagnosticCodes.ConflictingScopes.Code, "\"b\"", 2, DiagnosticSeverity.Warning);
    }

    [Test]
    public void SPT0116_inherits_on_the_root()
    {
        var json = """{"root": {"branch": "r", "inherits": ["x"]}}""";
        Expect(json, DiagnosticCodes.InheritsOnRoot.Code, "[\"x\"]", severity: DiagnosticSeverity.Warning);
    }

    [Test]
    public void SPT0117_incompatible_override_of_an_inherited_package()
    {
        var json = """
            {"scopes": {"core": {"packages": {"Newtonsoft.Json": "13.0.3"}}},
             "root": {"branch": "release", "scopes": ["core"], "children": [
               {"branch": "feature-A", "overrides": [{"packages": {"Newtonsoft.Json": "14.0.1"}}]}]}}
            """;
        var diagnostic = Expect(json, DiagnosticCodes.IncompatibleOverride.Code, "\"14.0.1\"");
        Assert.That(diagnostic.Message, Does.Contain("13.0.3").And.Contain("release").And.Contain("\"breaking\": true"));
    }

    [Test]
    public void SPT0117_applies_to_extends_and_named_override_scopes_too()
    {
        var json = """
            {"scopes": {"core": {"packages": {"Serilog": "[4.0.0,5.0.0)"}}, "next": {"packages": {"Serilog": "5.0.0"}}},
             "root": {"branch": "r", "scopes": ["core"], "children": [
               {"branch": "c", "extends": {"core": {"packages": {"Serilog": "3.0.0"}}}},
               {"branch": "d", "overrides": ["next"]}]}}
            """;
        var result = Load(json);
        Assert.That(result.Diagnostics.Count(d => d.Code == DiagnosticCodes.IncompatibleOverride.Code), Is.EqualTo(2), string.Join("\n", result.Diagnostics));
    }

    [Test]
    public void SPT0504_a_compatible_pin_below_what_the_parent_now_declares_is_stale()
    {
        var json = """
            {"scopes": {"core": {"packages": {"Newtonsoft.Json": "13.0.3", "Serilog": "[4.1.0,5.0.0)", "Polly": "8.0.0"}}},
             "root": {"branch": "release", "scopes": ["core"], "children": [
               {"branch": "feature-A", "overrides": [{"packages": {"Newtonsoft.Json": "13.0.1", "Polly": "8.4.0"}}],
                "extends": {"core": {"packages": {"Serilog": "4.0.0"}}}},
               {"branch": "feature-B", "overrides": [{"packages": {"Newtonsoft.Json": "12.0.1"}, "breaking": true}]}]}}
            """;
        var result = Load(json);
        var stale = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.StaleOverride.Code).ToList();
        Assert.That(stale.Select(d => d.Position), Is.EqualTo(new[] { At(json, "\"13.0.1\"") }),
            "a pin above (Polly) is fine; a breaking override differs on purpose; Serilog 4.0.0 is outside the range: SPT0117, not a warning");
        Assert.That(result.Diagnostics.Single(d => d.Code == DiagnosticCodes.IncompatibleOverride.Code).Position, Is.EqualTo(At(json, "\"4.0.0\"")));
        var json13 = stale.Single(d => d.Message.Contains("Newtonsoft.Json", StringComparison.Ordinal));
        Assert.That(json13.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(json13.Message, Does.Contain("feature-A").And.Contain("13.0.1").And.Contain("below 13.0.3 that release now declares"));
        Assert.That(result.Succeeded, Is.False, "only because of Serilog's SPT0117");
    }

    [Test]
    public void SPT0118_two_nodes_claim_one_path()
    {
        var json = """{"root": {"branch": "r", "children": [{"branch": "a", "path": "forks/x"}, {"branch": "b", "path": "forks/x/"}]}}""";
        Expect(json, DiagnosticCodes.DuplicatePath.Code, "\"forks/x/\"");
    }

    [Test]
    public void SPT0119_invalid_package_id()
    {
        var json = """{"scopes": {"a": {"packages": {"Bad Id!": "1.0.0"}}}, "root": {"branch": "r"}}""";
        Expect(json, DiagnosticCodes.InvalidPackageId.Code, "\"Bad Id!\"");
    }

    [Test]
    public void SPT0120_invalid_property_name()
    {
        var json = """{"scopes": {"a": {"properties": {"1Bad": "x"}}}, "root": {"branch": "r"}}""";
        Expect(json, DiagnosticCodes.InvalidPropertyName.Code, "\"1Bad\"");
    }

    [Test]
    public void SPT0001_missing_tree_file()
    {
        var result = TreeFile.Load(Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid(), "tree.json"));
        Assert.That(result.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.TreeFileNotFound.Code));
    }

    [Test]
    public void SPT0002_unreadable_tree_file()
    {
        var folder = Directory.CreateTempSubdirectory("spicetime-").FullName;
        var path = Path.Combine(folder, "tree.json");
        Directory.CreateDirectory(path); // a folder where the file should be
        var diagnostics = new DiagnosticBag(path);
        Assert.That(Spicetime.Tree.Loading.TreeManifestLoader.LoadFile(path, diagnostics), Is.Null);
        Assert.That(diagnostics.Items.Single().Code, Is.EqualTo(DiagnosticCodes.TreeFileUnreadable.Code));
    }

    [Test]
    public void Several_problems_are_all_reported_in_one_run()
    {
        var json = """
            {"scopes": {"a": {"packages": {"X": "nope"}, "notes": {}}},
             "root": {"branch": "r", "version": "bad", "scopes": ["a"], "children": [
               {"branch": "c", "inherits": ["zzz"], "path": "../out"},
               {"branch": "c"}]}}
            """;
        var codes = Load(json).Diagnostics.Select(d => d.Code).ToList();
        Assert.That(codes, Is.SupersetOf(new[]
        {
            DiagnosticCodes.InvalidVersion.Code, DiagnosticCodes.UnknownKey.Code, DiagnosticCodes.InheritedScopeMissing.Code,
            DiagnosticCodes.PathOutsideRepository.Code, DiagnosticCodes.DuplicateBranch.Code,
        }));
        Assert.That(codes.Count(c => c == DiagnosticCodes.InvalidVersion.Code), Is.EqualTo(2));
    }

    [Test]
    public void Positions_count_characters_not_bytes()
    {
        var json = "{\"scopes\": {\"ü\": {\"packages\": {\"X\": \"bad\"}}}, \"root\": {\"branch\": \"r\"}}";
        Expect(json, DiagnosticCodes.InvalidVersion.Code, "\"bad\"");
    }

    [Test]
    public void Comments_trailing_commas_and_a_byte_order_mark_are_accepted()
    {
        var json = "\uFEFF// the tree\n{\"root\": {\"branch\": \"r\", /* forks */ \"children\": [{\"branch\": \"c\"},],},}";
        var result = Load(json);
        AssertNoErrors(result);
        Assert.That(result.Tree!.Branches, Is.EqualTo(new[] { "r", "c" }));
    }

    [Test]
    public void No_prefix_of_a_valid_manifest_throws()
    {
        for (var length = 0; length <= Full.Length; length++)
        {
            var result = Load(Full[..length]);
            Assert.That(result.Diagnostics.Any(d => d.IsError) || length == Full.Length, Is.True, $"prefix {length} must fail");
        }
    }
}
