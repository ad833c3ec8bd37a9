using System.Diagnostics;
using System.Text.Json;

namespace Spicetime.Cli.Tests.Commands;

/// <summary>`spicetime affected` in a real git repository: one commit per kind of change.</summary>
public class AffectedCommandTests
{
    private const string Tree = """
        {"scopes": {"shared": {"packages": {"Newtonsoft.Json": "13.0.3"}}},
         "root": {"branch": "release", "path": "release", "scopes": ["shared"], "children": [
           {"branch": "alpha", "path": "forks/alpha"},
           {"branch": "beta", "path": "forks/beta", "overrides": [{"packages": {"Newtonsoft.Json": "13.0.1"}}]}]}}
        """;

    private TreeFolder _repo = null!;

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repo.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "user.name=t", "-c", "user.email=t@t.invalid" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(0), process.StandardError.ReadToEnd());
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_repo.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    [SetUp]
    public void CreateRepository()
    {
        _repo = new TreeFolder(Tree);
        foreach (var project in new[] { "release/App/App.csproj", "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj", "forks/beta/B1/B1.csproj" })
        {
            Write(project, project.Contains("A2") ? """<Project Sdk="Spicetime.Sdk"><ItemGroup><ProjectReference Include="../A1/A1.csproj" /></ItemGroup></Project>""" : """<Project Sdk="Spicetime.Sdk" />""");
        }

        Git("init", "-q", "-b", "release");
        Git("add", "-A");
        Git("commit", "-q", "-m", "init");
    }

    [TearDown]
    public void RemoveRepository() => _repo.Dispose();

    private void Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
    }

    [Test]
    public void A_tree_change_affects_what_changed_and_spares_the_fork_that_overrides_it()
    {
        File.WriteAllText(Path.Combine(_repo.Path, "tree.json"), Tree.Replace("13.0.3", "13.0.4"));
        Commit("bump");
        var run = _repo.Run("affected", "--base", "HEAD~1", "--format", "json");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var projects = json.RootElement.GetProperty("projects").EnumerateArray().ToList();
        Assert.That(projects.Select(p => p.GetProperty("path").GetString()),
            Is.EqualTo(new[] { "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj", "release/App/App.csproj" }));
        Assert.That(projects[0].GetProperty("reasons")[0].GetString(),
            Is.EqualTo("tree.json: packages.Newtonsoft.Json 13.0.3 -> 13.0.4 (release/shared) -> node alpha -> project forks/alpha/A1/A1.csproj"));
        // The same chain as structured JSON: one object a link, the changed entry with its values and who set it.
        // A2 has two: its own node changed, and it references A1, which is affected.
        var chains = projects[1].GetProperty("chains").EnumerateArray()
            .Select(chain => string.Join(" ", chain.EnumerateArray().Select(c => $"{c.GetProperty("kind").GetString()}:{c.GetProperty("name").GetString()}")))
            .ToList();
        Assert.That(chains, Is.EqualTo(new[]
        {
            "file:tree.json node:alpha project:forks/alpha/A2/A2.csproj",
            "file:tree.json node:alpha project:forks/alpha/A1/A1.csproj referencedBy:forks/alpha/A2/A2.csproj",
        }));
        Assert.That(projects[1].GetProperty("reasons").GetArrayLength(), Is.EqualTo(2));
        var chain = projects[1].GetProperty("chains")[1];
        var change = chain[0].GetProperty("change");
        Assert.That($"{change.GetProperty("entry")} {change.GetProperty("before")} {change.GetProperty("after")} {change.GetProperty("source")}",
            Is.EqualTo("packages.Newtonsoft.Json 13.0.3 13.0.4 release/shared"));
        Assert.That(chain[2].TryGetProperty("detail", out _), Is.False);
        Assert.That(json.RootElement.GetProperty("branches").EnumerateArray().Select(b => b.GetProperty("branch").GetString()),
            Is.EqualTo(new[] { "alpha", "release" }));
    }

    [Test]
    public void A_file_change_affects_its_project_and_dependents_in_every_format()
    {
        Write("forks/alpha/A1/Code.cs", "class C { }");
        Commit("code");
        var matrix = _repo.Run("affected", "--base", "HEAD~1", "--format", "github-matrix");
        Assert.That(JsonDocument.Parse(matrix.Output).RootElement.GetProperty("include").EnumerateArray()
            .Select(i => $"{i.GetProperty("project").GetString()}@{i.GetProperty("branch").GetString()}"),
            Is.EqualTo(new[] { "forks/alpha/A1/A1.csproj@alpha", "forks/alpha/A2/A2.csproj@alpha" }));
        var branches = _repo.Run("affected", "--base", "HEAD~1", "--format", "github-matrix", "--branches");
        Assert.That(branches.Output.Trim(), Is.EqualTo("""{"include":[{"branch":"alpha"}]}"""));
        var traversal = _repo.Run("affected", "--base", "HEAD~1", "--format", "traversal");
        var project = System.Xml.Linq.XDocument.Parse(traversal.Output);
        Assert.That(project.Descendants("AffectedProject").Select(e => e.Attribute("Include")!.Value),
            Is.EqualTo(new[] { "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj" }));
        var text = _repo.Run("affected", "--base", "HEAD~1");
        Assert.That(text.Output, Does.Contain("forks/alpha/A2/A2.csproj (alpha) because forks/alpha/A1/Code.cs: in the folder of forks/alpha/A1/A1.csproj -> project forks/alpha/A1/A1.csproj -> referenced by forks/alpha/A2/A2.csproj\n"));
        var explained = _repo.Run("affected", "--base", "HEAD~1", "--explain");
        Assert.That(explained.Output, Does.Contain("forks/alpha/A2/A2.csproj (alpha)\n  because forks/alpha/A1/Code.cs: in the folder of forks/alpha/A1/A1.csproj -> project forks/alpha/A1/A1.csproj -> referenced by forks/alpha/A2/A2.csproj"));
    }

    [Test]
    public void Text_says_one_line_a_project_and_branch_with_its_first_reason_and_explain_says_every_reason()
    {
        File.WriteAllText(Path.Combine(_repo.Path, "tree.json"), Tree.Replace("13.0.3", "13.0.4"));
        Commit("bump");
        var text = _repo.Run("affected", "--base", "HEAD~1");
        Assert.That(text.ExitCode, Is.EqualTo(0), text.ToString());
        const string Bump = "tree.json: packages.Newtonsoft.Json 13.0.3 -> 13.0.4 (release/shared)";
        Assert.That(text.Output.Replace("\r\n", "\n", StringComparison.Ordinal), Is.EqualTo($"""
            forks/alpha/A1/A1.csproj (alpha) because {Bump} -> node alpha -> project forks/alpha/A1/A1.csproj
            forks/alpha/A2/A2.csproj (alpha) because {Bump} -> node alpha -> project forks/alpha/A2/A2.csproj (+1 more)
            release/App/App.csproj (release) because {Bump} -> node release -> project release/App/App.csproj
            branch alpha to rebuild because {Bump} -> node alpha
            branch release to rebuild because {Bump} -> node release
            3 projects in 2 branches affected; --explain for every reason

            """));

        var explained = _repo.Run("affected", "--base", "HEAD~1", "--explain");
        Assert.That(explained.Output, Does.Contain($"""
            forks/alpha/A2/A2.csproj (alpha)
              because {Bump} -> node alpha -> project forks/alpha/A2/A2.csproj
              because {Bump} -> node alpha -> project forks/alpha/A1/A1.csproj -> referenced by forks/alpha/A2/A2.csproj
            """));
        Assert.That(explained.Output, Does.Contain($"branch alpha to rebuild\n  because {Bump} -> node alpha\n"));
        Assert.That(explained.Output, Does.EndWith("3 projects in 2 branches affected\n"));

        var json = _repo.Run("affected", "--base", "HEAD~1", "--format", "json", "--explain");
        Assert.That(json.Output, Is.EqualTo(_repo.Run("affected", "--base", "HEAD~1", "--format", "json").Output), "--explain changes only the text");
    }

    [Test]
    public void Text_says_when_nothing_is_affected()
    {
        Write("README.md", "no project here");
        Commit("docs");
        var text = _repo.Run("affected", "--base", "HEAD~1");
        Assert.That(text.ExitCode, Is.EqualTo(0), text.ToString());
        Assert.That(text.Output, Is.EqualTo("No project is affected.\n"));
    }

    [Test]
    public void A_bad_ref_or_a_tree_invalid_at_the_base_is_a_clear_error()
    {
        var bad = _repo.Run("affected", "--base", "no-such-ref");
        Assert.That(bad.ExitCode, Is.EqualTo(1));
        Assert.That(bad.Error, Does.Contain("error SPT0400: git cannot compare no-such-ref with HEAD"));

        File.WriteAllText(Path.Combine(_repo.Path, "tree.json"), "{ broken");
        Commit("break");
        File.WriteAllText(Path.Combine(_repo.Path, "tree.json"), Tree);
        Commit("fix");
        var invalid = _repo.Run("affected", "--base", "HEAD~1");
        Assert.That(invalid.ExitCode, Is.EqualTo(1), invalid.ToString());
        Assert.That(invalid.Error, Does.Contain("error SPT0401").And.Contain("error SPT0100"));
        Assert.That(invalid.Error, Does.Not.Contain("   at "));

        var usage = _repo.Run("affected");
        Assert.That(usage.ExitCode, Is.EqualTo(2));
    }

    private static string[] Paths(CliRun run)
    {
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return JsonDocument.Parse(run.Output).RootElement.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("path").GetString()!).ToArray();
    }

    [Test]
    public void The_facts_cache_lives_in_the_git_folder_and_never_changes_the_answer()
    {
        var cacheFolder = Path.Combine(_repo.Path, ".git", "spicetime");
        Write("forks/alpha/A1/Code.cs", "class A1 {}");
        Commit("edit A1");
        var uncached = _repo.Run("affected", "--base", "HEAD~1", "--format", "json", "--no-cache");
        Assert.That(Directory.Exists(cacheFolder), Is.False, "--no-cache neither reads nor writes it");

        var cold = _repo.Run("affected", "--base", "HEAD~1", "--format", "json");
        Assert.That(Directory.GetFiles(cacheFolder, "facts-*.bin"), Has.Length.EqualTo(1));
        var warm = _repo.Run("affected", "--base", "HEAD~1", "--format", "json");
        Assert.That((cold.Output, warm.Output), Is.EqualTo((uncached.Output, uncached.Output)));
        Assert.That(Paths(warm), Is.EqualTo(new[] { "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj" }));

        // A reference removed in the working tree: the cached answer follows it, as the uncached one does.
        Write("forks/alpha/A2/A2.csproj", """<Project Sdk="Spicetime.Sdk" />""");
        var edited = _repo.Run("affected", "--base", "HEAD~1", "--format", "json");
        Assert.That(edited.Output, Is.EqualTo(_repo.Run("affected", "--base", "HEAD~1", "--format", "json", "--no-cache").Output));
        Assert.That(Paths(edited), Is.EqualTo(new[] { "forks/alpha/A1/A1.csproj" }));
        Git("checkout", "--", "forks/alpha/A2/A2.csproj");
        Assert.That(_repo.Run("affected", "--base", "HEAD~1", "--format", "json").Output, Is.EqualTo(uncached.Output));
    }

    [Test]
    public void A_central_version_bump_affects_only_the_projects_that_use_the_package()
    {
        Write("Directory.Packages.props", """<Project><ItemGroup><PackageVersion Include="Serilog" Version="4.0.0" /><PackageVersion Include="Polly" Version="8.4.2" /></ItemGroup></Project>""");
        Write("forks/beta/B1/B1.csproj", """<Project Sdk="Spicetime.Sdk"><ItemGroup><PackageReference Include="Serilog" /></ItemGroup></Project>""");
        Write("release/App/App.csproj", """<Project Sdk="Spicetime.Sdk"><ItemGroup><PackageReference Include="Serilog" VersionOverride="4.0.0" /></ItemGroup></Project>""");
        Commit("central versions");
        Write("Directory.Packages.props", """<Project><ItemGroup><PackageVersion Include="Serilog" Version="4.2.0" /><PackageVersion Include="Polly" Version="8.4.2" /></ItemGroup></Project>""");
        Commit("bump Serilog");
        var run = _repo.Run("affected", "--base", "HEAD~1", "--format", "json");
        Assert.That(Paths(run), Is.EqualTo(new[] { "forks/beta/B1/B1.csproj" }));
        Assert.That(JsonDocument.Parse(run.Output).RootElement.GetProperty("projects")[0].GetProperty("reasons")[0].GetString(),
            Is.EqualTo("Directory.Packages.props: PackageVersion Serilog 4.0.0 -> 4.2.0 -> project forks/beta/B1/B1.csproj (uses Serilog)"));
    }

    [Test]
    public void Scope_paths_and_contracts_affect_the_nodes_that_have_the_scope()
    {
        File.WriteAllText(Path.Combine(_repo.Path, "tree.json"), """
            {"scopes": {"shared": {"packages": {"Newtonsoft.Json": "13.0.3"}, "paths": ["shared/**"]},
                        "api": {"contracts": {"orders": "contracts/orders.openapi.json"}}},
             "root": {"branch": "release", "path": "release", "scopes": ["shared"], "children": [
               {"branch": "alpha", "path": "forks/alpha", "scopes": ["api"]},
               {"branch": "beta", "path": "forks/beta", "inherits": []}]}}
            """);
        Write("shared/docs/notes.md", "v1");
        Write("contracts/orders.openapi.json", "{}");
        Commit("scopes with paths and contracts");

        Write("contracts/orders.openapi.json", """{"openapi": "3.0.3"}""");
        Commit("contract");
        var contract = _repo.Run("affected", "--base", "HEAD~1", "--format", "json");
        Assert.That(Paths(contract), Is.EqualTo(new[] { "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj" }));
        using (var json = JsonDocument.Parse(contract.Output))
        {
            Assert.That(json.RootElement.GetProperty("projects")[0].GetProperty("reasons")[0].GetString(),
                Is.EqualTo("contracts/orders.openapi.json: contract 'orders' of scope 'api' -> node alpha -> project forks/alpha/A1/A1.csproj"));
            Assert.That(json.RootElement.GetProperty("branches").EnumerateArray().Select(b => b.GetProperty("branch").GetString()), Is.EqualTo(new[] { "alpha" }));
        }

        // alpha inherits shared from release; beta inherits nothing, so it is not affected.
        Write("shared/docs/notes.md", "v2");
        Commit("shared file");
        var shared = _repo.Run("affected", "--base", "HEAD~1", "--format", "json");
        Assert.That(Paths(shared), Is.EqualTo(new[] { "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj", "release/App/App.csproj" }));
        using (var json = JsonDocument.Parse(shared.Output))
        {
            Assert.That(json.RootElement.GetProperty("projects")[2].GetProperty("reasons")[0].GetString(),
                Is.EqualTo("shared/docs/notes.md: matches shared/** of scope 'shared' -> node release -> project release/App/App.csproj"));
            Assert.That(json.RootElement.GetProperty("branches").EnumerateArray().Select(b => b.GetProperty("branch").GetString()), Is.EqualTo(new[] { "alpha", "release" }));
        }
    }

    [Test]
    public void Projects_outside_every_path_belong_to_the_checked_out_branch_unless_SpicetimeBranch_names_another()
    {
        // A branch per fork: no paths in tree.json; the checked-out branch says which node the projects are in.
        File.WriteAllText(Path.Combine(_repo.Path, "tree.json"), """
            {"scopes": {"shared": {"packages": {"Newtonsoft.Json": "13.0.3"}}},
             "root": {"branch": "release", "scopes": ["shared"], "children": [{"branch": "alpha"}]}}
            """);
        Write("src/App/App.csproj", """<Project Sdk="Spicetime.Sdk" />""");
        Commit("branch per fork");
        Git("checkout", "-q", "-b", "alpha");
        Write("src/App/Code.cs", "class C { }");
        Commit("alpha's change");

        string[] Matrix(IReadOnlyDictionary<string, string>? environment)
        {
            var run = CliRun.In(_repo.Path, environment, "affected", "--base", "release", "--format", "github-matrix");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            return JsonDocument.Parse(run.Output).RootElement.GetProperty("include").EnumerateArray()
                .Select(i => $"{i.GetProperty("project").GetString()}@{i.GetProperty("branch").GetString()}").ToArray();
        }

        Assert.That(Matrix(null), Is.EqualTo(new[] { "src/App/App.csproj@alpha" }));
        Assert.That(Matrix(new Dictionary<string, string> { ["SpicetimeBranch"] = "release" }), Is.EqualTo(new[] { "src/App/App.csproj@release" }));
    }

    [Test]
    public void A_traversal_saved_next_to_tree_json_never_lists_itself()
    {
        File.WriteAllText(Path.Combine(_repo.Path, "tree.json"), Tree.Replace("13.0.3", "13.0.4"));
        Commit("bump");
        // What `spicetime affected ... > affected.proj` does: the shell creates the file empty before spicetime runs.
        File.WriteAllText(Path.Combine(_repo.Path, "affected.proj"), string.Empty);
        var first = _repo.Run("affected", "--base", "HEAD~1", "--include-uncommitted", "--format", "traversal");
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        File.WriteAllText(Path.Combine(_repo.Path, "affected.proj"), first.Output);
        Commit("the traversal, committed by mistake");
        var again = _repo.Run("affected", "--base", "HEAD~2", "--include-uncommitted", "--format", "traversal");
        Assert.That(again.Output, Is.EqualTo(first.Output));
        Assert.That(System.Xml.Linq.XDocument.Parse(again.Output).Descendants("AffectedProject").Select(e => e.Attribute("Include")!.Value),
            Is.EqualTo(new[] { "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj", "release/App/App.csproj" }));
    }

    [Test]
    public void A_build_file_affects_the_projects_under_it_and_gitignored_folders_are_skipped()
    {
        Write(".gitignore", "generated/\n");
        Write("forks/alpha/generated/Gen/Gen.csproj", "<Project Sdk=\"Spicetime.Sdk\" />");
        Commit("ignore generated");
        Write("forks/alpha/Directory.Build.props", "<Project />");
        Commit("alpha build props");
        Assert.That(Paths(_repo.Run("affected", "--base", "HEAD~1", "--format", "json")),
            Is.EqualTo(new[] { "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj" }));
    }

    [Test]
    public void A_renamed_file_affects_both_folders_and_a_deleted_one_its_own()
    {
        Write("forks/alpha/A1/Code.cs", "class C { }");
        Commit("code");
        Git("mv", "forks/alpha/A1/Code.cs", "forks/beta/B1/Code.cs");
        Commit("move");
        Assert.That(Paths(_repo.Run("affected", "--base", "HEAD~1", "--format", "json")),
            Is.EqualTo(new[] { "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj", "forks/beta/B1/B1.csproj" }));
        Git("rm", "-q", "forks/beta/B1/Code.cs");
        Commit("delete");
        Assert.That(Paths(_repo.Run("affected", "--base", "HEAD~1", "--format", "json")), Is.EqualTo(new[] { "forks/beta/B1/B1.csproj" }));
    }

    [Test]
    public void Uncommitted_changes_count_only_when_asked()
    {
        Write("forks/beta/B1/Draft.cs", "class D { }");
        Write("forks/beta/B1/obj/Debug/Generated.cs", "// build output");
        Assert.That(Paths(_repo.Run("affected", "--base", "HEAD", "--format", "json")), Is.Empty);
        Assert.That(Paths(_repo.Run("affected", "--base", "HEAD", "--include-uncommitted", "--format", "json")), Is.EqualTo(new[] { "forks/beta/B1/B1.csproj" }));
        var text = _repo.Run("affected", "--base", "HEAD", "--include-uncommitted");
        Assert.That(text.Output, Does.Contain("because forks/beta/B1/Draft.cs: in the folder of forks/beta/B1/B1.csproj").And.Not.Contain("Generated.cs"));
    }

    [Test]
    public void A_shallow_clone_without_the_base_is_a_clear_error()
    {
        Write("forks/alpha/A1/Code.cs", "class C { }");
        Commit("second");
        var shallow = Path.Combine(_repo.Path, "..", Path.GetFileName(_repo.Path) + "-shallow");
        try
        {
            Git("clone", "-q", "--depth", "1", "file://" + _repo.Path, shallow);
            var run = CliRun.In(shallow, "affected", "--base", "HEAD~1");
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Error, Does.Contain("error SPT0400: git cannot compare HEAD~1 with HEAD").And.Contain("fetch-depth: 0"));
            Assert.That(run.Error, Does.Not.Contain("   at "));
        }
        finally
        {
            Directory.Delete(shallow, true);
        }
    }

    [Test]
    public void A_solution_limits_the_projects_and_an_slnf_of_them_is_written()
    {
        Write("Forks.slnx", """<Solution><Project Path="forks/alpha/A2/A2.csproj" /><Project Path="forks/beta/B1/B1.csproj" /></Solution>""");
        Write("forks/alpha/A1/Code.cs", "class C { }");
        Commit("code and solution");
        Assert.That(Paths(_repo.Run("affected", "--base", "HEAD~1", "--solution", "Forks.slnx", "--format", "json")),
            Is.EqualTo(new[] { "forks/alpha/A2/A2.csproj" }), "A1 is not in the solution; A2 is affected through it");
        var filter = _repo.Run("affected", "--base", "HEAD~1", "--format", "slnf");
        Assert.That(filter.ExitCode, Is.EqualTo(0), filter.ToString());
        using var json = JsonDocument.Parse(filter.Output);
        Assert.That(json.RootElement.GetProperty("solution").GetProperty("path").GetString(), Is.EqualTo("Forks.slnx"));
        Assert.That(json.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray().Select(p => p.GetString()),
            Is.EqualTo(new[] { "forks\\alpha\\A2\\A2.csproj" }));
    }

    [Test]
    public void Workspace_writes_a_solution_filter_with_the_forks_projects()
    {
        Write("All.slnx", """<Solution><Project Path="release/App/App.csproj" /><Project Path="forks/alpha/A1/A1.csproj" /><Project Path="forks/alpha/A2/A2.csproj" /><Project Path="forks/beta/B1/B1.csproj" /></Solution>""");
        var run = _repo.Run("workspace", "--branch", "alpha");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.StartWith("Wrote alpha.slnf: 2 project(s) of alpha"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_repo.Path, "alpha.slnf")));
        Assert.That(json.RootElement.GetProperty("solution").GetProperty("path").GetString(), Is.EqualTo("All.slnx"));
        Assert.That(json.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray().Select(p => p.GetString()),
            Is.EqualTo(new[] { "forks\\alpha\\A1\\A1.csproj", "forks\\alpha\\A2\\A2.csproj" }));
        var again = _repo.Run("workspace", "--branch", "alpha");
        Assert.That(again.Output, Does.StartWith("Unchanged: alpha.slnf"));

        var stdout = _repo.Run("workspace", "--branch", "beta", "--output", "-");
        Assert.That(JsonDocument.Parse(stdout.Output).RootElement.GetProperty("solution").GetProperty("projects").GetArrayLength(), Is.EqualTo(1));
        var unknown = _repo.Run("workspace", "--branch", "alpah");
        Assert.That(unknown.ExitCode, Is.EqualTo(1));
        Assert.That(unknown.Error, Does.Contain("error SPT0200").And.Contain("did you mean 'alpha'"));
    }

    [Test]
    public void Without_tree_json_the_repository_is_one_root_node_and_the_MSBuild_rules_decide()
    {
        File.Delete(Path.Combine(_repo.Path, "tree.json"));
        Write("Directory.Build.props", "<Project><PropertyGroup><Root>$(MSBuildThisFileDirectory)</Root></PropertyGroup></Project>");
        Write("shared/Shared.cs", "class Shared {}");
        Write("forks/beta/B1/B1.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><Compile Include="$(Root)shared/Shared.cs" /><ProjectReference Include="$(SolutionDir)forks/alpha/A1/A1.csproj" /></ItemGroup></Project>""");
        Commit("no tree");
        Write("shared/Shared.cs", "class Shared { int x; }");
        Commit("edit the linked file");

        var run = _repo.Run("affected", "--base", "HEAD~1", "--format", "json");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var projects = json.RootElement.GetProperty("projects").EnumerateArray().ToList();
        Assert.That(projects.Select(p => p.GetProperty("path").GetString()), Is.EqualTo(new[] { "forks/beta/B1/B1.csproj" }));
        Assert.That(projects[0].GetProperty("reasons")[0].GetString(), Is.EqualTo("shared/Shared.cs: Compile item of forks/beta/B1/B1.csproj (line 1) -> project forks/beta/B1/B1.csproj"));
        Assert.That(json.RootElement.GetProperty("branches").GetArrayLength(), Is.EqualTo(0));

        // Where precision was lost, a positioned warning on stderr (the output stays machine-readable).
        Assert.That(run.Error, Does.Contain("forks/beta/B1/B1.csproj(1,90): warning SPT0403: spicetime affected cannot evaluate $(SolutionDir) in ProjectReference"));
    }
}
