using Spicetime.Tree.Adoption;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Tests.Adoption;

/// <summary>The plan of spicetime init: where, which branch, which files, and nothing written on an error.</summary>
public class RepositoryAdoptionTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRepository()
    {
        _root = Directory.CreateTempSubdirectory("spicetime-adoption-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        File.WriteAllText(Path.Combine(_root, ".git", "HEAD"), "ref: refs/heads/trunk\n");
        Directory.CreateDirectory(Path.Combine(_root, "forks", "feature-a"));
        Directory.CreateDirectory(Path.Combine(_root, "src", "App"));
    }

    [TearDown]
    public void RemoveRepository() => Directory.Delete(_root, true);

    private string In(string relative) => Path.Combine(_root, relative);

    [Test]
    public void A_bare_repository_gets_all_four_files_at_its_root_from_a_subfolder()
    {
        var plan = RepositoryAdoption.Plan(In("src/App"), null, new[] { ForkFolder.Parse("../../forks/feature-a", In("src/App")) }, "0.4.0");
        Assert.That(plan.Succeeded, Is.True, string.Join("\n", plan.Diagnostics));
        Assert.That(plan.Root, Is.EqualTo(_root));
        Assert.That(plan.Branch, Is.EqualTo("trunk"));
        Assert.That(plan.Files.Select(f => $"{f.Action} {f.Name}"), Is.EqualTo(new[]
        {
            "Create tree.json", "Create global.json", "Create Directory.Build.props", "Create Directory.Build.targets",
        }));
        Assert.That(plan.Files[0].After, Is.EqualTo("""
            {
              "root": {
                "branch": "trunk",
                "children": [
                  { "branch": "feature-a", "path": "forks/feature-a" }
                ]
              }
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal)));
        Assert.That(File.Exists(In("tree.json")), Is.False, "planning writes nothing");

        plan.Apply();
        var loaded = TreeFile.Load(In("tree.json"));
        Assert.That(loaded.Succeeded, Is.True);
        Assert.That(loaded.Tree!.Find("feature-a")!.Definition.Path!.Value, Is.EqualTo("forks/feature-a"));
        Assert.That(File.ReadAllText(In("global.json")), Does.Contain("\"Spicetime.Sdk\": \"0.4.0\""));
        Assert.That(File.ReadAllText(In("Directory.Build.props")), Does.Contain(AdoptionImports.PropsLine));
        Assert.That(File.ReadAllText(In("Directory.Build.targets")), Does.Contain(AdoptionImports.TargetsLine));

        var again = RepositoryAdoption.Plan(_root, null, Array.Empty<ForkFolder>(), "0.5.0");
        Assert.That(again.HasChanges, Is.False, "a second run changes nothing");
        Assert.That(again.Files.All(f => f.Action == AdoptionAction.Keep && f.DiffLines().Count == 0), Is.True);
    }

    [Test]
    public void A_nested_Directory_Build_file_that_does_not_import_the_one_above_gets_the_line_too()
    {
        // MSBuild imports the nearest Directory.Build.props: src/'s, not the root's, for the projects under src/.
        Directory.CreateDirectory(In("tests/Lib.Tests"));
        Directory.CreateDirectory(In("src/App/obj"));
        File.WriteAllText(In("src/Directory.Build.props"), "<Project>\n  <PropertyGroup>\n    <Nullable>enable</Nullable>\n  </PropertyGroup>\n</Project>\n");
        File.WriteAllText(In("src/Directory.Build.targets"), "<Project>\n</Project>\n");
        File.WriteAllText(In("tests/Directory.Build.props"),
            "<Project>\n  <Import Project=\"$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))\" />\n</Project>\n");
        File.WriteAllText(In("src/App/obj/Directory.Build.props"), "<Project />\n");

        var plan = RepositoryAdoption.Plan(_root, null, Array.Empty<ForkFolder>(), "0.4.0");
        Assert.That(plan.Succeeded, Is.True, string.Join("\n", plan.Diagnostics));
        Assert.That(plan.Files.Select(f => $"{f.Action} {f.Name}"), Is.EqualTo(new[]
        {
            "Create tree.json", "Create global.json", "Create Directory.Build.props", "Create Directory.Build.targets",
            "Change src/Directory.Build.props", "Keep tests/Directory.Build.props", "Change src/Directory.Build.targets",
        }));
        Assert.That(plan.Files.Single(f => f.Name == "src/Directory.Build.props").Note, Does.Contain("instead of the root's for the projects under src/"));
        Assert.That(plan.Files.Single(f => f.Name == "tests/Directory.Build.props").Note, Does.Contain("imports the Directory.Build.props above it"));

        plan.Apply();
        Assert.That(File.ReadAllText(In("src/Directory.Build.props")), Does.StartWith("<Project>\n  " + AdoptionImports.PropsLine).And.Contain("<Nullable>enable</Nullable>"));
        Assert.That(File.ReadAllText(In("src/Directory.Build.targets")), Does.Contain(AdoptionImports.TargetsLine));
        Assert.That(File.ReadAllText(In("src/App/obj/Directory.Build.props")), Is.EqualTo("<Project />\n"), "build output is left alone");
        Assert.That(RepositoryAdoption.Plan(_root, null, Array.Empty<ForkFolder>(), "0.4.0").HasChanges, Is.False, "a second run changes nothing");
    }

    [Test]
    public void Branch_and_fork_branches_can_be_named()
    {
        var plan = RepositoryAdoption.Plan(_root, "release", new[] { ForkFolder.Parse("forks/feature-a=feature-A", _root) }, "1.0.0");
        Assert.That(plan.Files[0].After, Does.Contain("\"branch\": \"release\"").And.Contain("{ \"branch\": \"feature-A\", \"path\": \"forks/feature-a\" }"));
    }

    [Test]
    public void An_existing_tree_json_is_never_overwritten()
    {
        File.WriteAllText(In("tree.json"), """{"root": {"branch": "mine"}}""");
        var plan = RepositoryAdoption.Plan(_root, "other", Array.Empty<ForkFolder>(), "1.0.0");
        Assert.That(plan.Files[0].Action, Is.EqualTo(AdoptionAction.Keep));
        plan.Apply();
        Assert.That(File.ReadAllText(In("tree.json")), Is.EqualTo("""{"root": {"branch": "mine"}}"""));
    }

    [Test]
    public void A_malformed_file_stops_everything_and_writes_nothing()
    {
        File.WriteAllText(In("global.json"), "{ \"sdk\": { ");
        var plan = RepositoryAdoption.Plan(_root, null, Array.Empty<ForkFolder>(), "1.0.0");
        Assert.That(plan.Succeeded, Is.False);
        Assert.That(plan.Diagnostics.Single().Format(), Does.Match(@"global\.json\(1,\d+\): error SPT0800: global\.json is not valid JSON"));
        Assert.That(plan.Apply, Throws.InvalidOperationException);
        Assert.That(Directory.GetFiles(_root), Is.EqualTo(new[] { In("global.json") }));
    }

    [TestCase("forks/missing", "no such folder")]
    [TestCase("..", "is not a folder inside")]
    [TestCase(".", "is not a folder inside")]
    public void A_fork_folder_outside_the_repository_or_missing_is_SPT0801(string fork, string message)
    {
        var plan = RepositoryAdoption.Plan(_root, null, new[] { ForkFolder.Parse(fork, _root) }, "1.0.0");
        Assert.That(plan.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.AdoptionArgumentInvalid.Code));
        Assert.That(plan.Diagnostics.Single().Message, Does.Contain(message));
    }

    [Test]
    public void Two_forks_on_one_branch_are_refused_with_the_tree_s_own_reason()
    {
        Directory.CreateDirectory(In("other/feature-a"));
        var plan = RepositoryAdoption.Plan(_root, null, new[] { ForkFolder.Parse("forks/feature-a", _root), ForkFolder.Parse("other/feature-a", _root) }, "1.0.0");
        Assert.That(plan.Succeeded, Is.False);
        Assert.That(plan.Diagnostics.Single().Message, Does.Contain(DiagnosticCodes.DuplicateBranch.Code));
    }

    [Test]
    public void Outside_git_the_folder_itself_is_adopted_and_the_branch_must_be_named()
    {
        Directory.Delete(In(".git"), true);
        var unnamed = RepositoryAdoption.Plan(In("src"), null, Array.Empty<ForkFolder>(), "1.0.0");
        Assert.That(unnamed.Diagnostics.Single().Message, Does.Contain("--branch"));
        var named = RepositoryAdoption.Plan(In("src"), "main", Array.Empty<ForkFolder>(), "1.0.0");
        Assert.That(named.Succeeded, Is.True);
        Assert.That(named.Root, Is.EqualTo(In("src")));
    }

    [Test]
    public void A_byte_order_mark_is_kept()
    {
        File.WriteAllBytes(In("Directory.Build.props"), new byte[] { 0xEF, 0xBB, 0xBF }.Concat("<Project>\n</Project>\n"u8.ToArray()).ToArray());
        RepositoryAdoption.Plan(_root, null, Array.Empty<ForkFolder>(), "1.0.0").Apply();
        var bytes = File.ReadAllBytes(In("Directory.Build.props"));
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), Is.EqualTo($"<Project>\n  {AdoptionImports.PropsLine}\n</Project>\n"));
    }

    [Test]
    public void Dry_run_lines_show_what_is_added_between_unchanged_lines()
    {
        File.WriteAllText(In("global.json"), "{\n  \"sdk\": {\n    \"version\": \"10.0.100\"\n  }\n}\n");
        var plan = RepositoryAdoption.Plan(_root, null, Array.Empty<ForkFolder>(), "1.0.0");
        Assert.That(plan.Files[1].DiffLines(), Is.EqualTo(new[]
        {
            "      \"version\": \"10.0.100\"",
            "+   },",
            "+   \"msbuild-sdks\": {",
            "+     \"Spicetime.Sdk\": \"1.0.0\"",
            "    }",
        }));
    }
}
