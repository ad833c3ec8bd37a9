using System.Diagnostics;
using System.Text.Json;

namespace Spicetime.Cli.Tests;

/// <summary>`spicetime affected` in a real git repository: one commit per kind of change.</summary>
public class AffectedTests
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
        Assert.That(text.Output, Does.Contain("forks/alpha/A2/A2.csproj (alpha)\n  because forks/alpha/A1/Code.cs: in the folder of forks/alpha/A1/A1.csproj -> project forks/alpha/A1/A1.csproj -> referenced by forks/alpha/A2/A2.csproj"));
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
}
