using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Spicetime.Cli.Tests;

/// <summary>
/// samples/ci/spicetime.yml: valid YAML shaped as GitHub Actions expects, and every spicetime command in it runs
/// (exit 0) against a real repository with the values the workflow would pass.
/// </summary>
public class CiWorkflowTests
{
    private static readonly string WorkflowPath = Path.Combine(FixtureFiles.RepositoryRoot, "samples", "ci", "spicetime.yml");


    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(WorkflowPath);
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>();

    [Test]
    public void The_workflow_computes_a_matrix_builds_it_and_cascades_from_the_root_branch()
    {
        var workflow = Load();
        var on = Map(workflow, "on");
        Assert.That(on.Children.Keys.Select(k => ((YamlScalarNode)k).Value), Is.SupersetOf(new[] { "pull_request", "push", "workflow_dispatch" }));

        var jobs = Map(workflow, "jobs");
        Assert.That(jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value), Is.EquivalentTo(new[] { "affected", "build", "cascade", "fork" }));

        var affected = Map(jobs, "affected");
        var checkout = Steps(affected).First(s => s.Children.ContainsKey("uses") && Scalar(s, "uses").StartsWith("actions/checkout@", StringComparison.Ordinal));
        Assert.That(Scalar(Map(checkout, "with"), "fetch-depth"), Is.EqualTo("0"), "the merge base must be in the clone");
        var outputs = Map(affected, "outputs");
        var affectedStep = Steps(affected).Single(s => s.Children.ContainsKey("id") && Scalar(s, "id") == "affected");
        foreach (var output in new[] { "matrix", "branches", "count" })
        {
            Assert.That(Scalar(outputs, output), Is.EqualTo($"${{{{ steps.affected.outputs.{output} }}}}"));
            Assert.That(Scalar(affectedStep, "run"), Does.Contain($"echo \"{output}=").And.Contain("$GITHUB_OUTPUT"));
        }

        // The matrix is one entry a shard; each job builds its shard's list through the traversal project the affected job uploads.
        Assert.That(Scalar(affectedStep, "run"), Does.Contain("--format github-matrix --shards ").And.Contain("--format traversal > affected.proj"));
        var upload = Steps(affected).Single(s => s.Children.ContainsKey("uses") && Scalar(s, "uses").StartsWith("actions/upload-artifact@", StringComparison.Ordinal));
        Assert.That(Scalar(Map(upload, "with"), "path"), Does.Contain("affected.proj"));
        var build = Map(jobs, "build");
        Assert.That(Scalar(build, "needs"), Is.EqualTo("affected"));
        Assert.That(Scalar(Map(build, "strategy"), "matrix"), Is.EqualTo("${{ fromJSON(needs.affected.outputs.matrix) }}"));
        Assert.That(Scalar(Map(build, "env"), "SpicetimeAffectedProjects"), Is.EqualTo("${{ matrix.list }}"));
        var download = Steps(build).Single(s => s.Children.ContainsKey("uses") && Scalar(s, "uses").StartsWith("actions/download-artifact@", StringComparison.Ordinal));
        Assert.That(Scalar(Map(download, "with"), "name"), Is.EqualTo(Scalar(Map(upload, "with"), "name")));
        Assert.That(string.Join("\n", Steps(build).Where(s => s.Children.ContainsKey("run")).Select(s => Scalar(s, "run"))),
            Does.Contain("dotnet build affected.proj").And.Contain("dotnet test affected.proj"));

        var cascade = Map(jobs, "cascade");
        Assert.That(Scalar(cascade, "if"), Does.Contain("github.event_name == 'push'").And.Contain($"github.ref_name == '{Scalar(Map(workflow, "env"), "ROOT_BRANCH")}'"));
        Assert.That(Scalar(Map(cascade, "strategy"), "matrix"), Is.EqualTo("${{ fromJSON(needs.affected.outputs.branches) }}"));
    }

    [Test]
    public void Every_spicetime_command_in_the_workflow_runs()
    {
        var commands = Regex.Matches(File.ReadAllText(WorkflowPath), @"dotnet spicetime ([^\n)>|]+)")
            .Select(m => m.Groups[1].Value.Trim())
            .Distinct()
            .ToList();
        Assert.That(commands, Has.Count.GreaterThanOrEqualTo(5));

        using var repo = new TreeFolder("""
            {"scopes": {"shared": {"packages": {"Newtonsoft.Json": "13.0.3"}}},
             "root": {"branch": "release", "path": "release", "scopes": ["shared"], "children": [{"branch": "feature-A", "path": "forks/a"}]}}
            """);
        File.WriteAllText(Path.Combine(repo.Path, "All.slnx"), """<Solution><Project Path="forks/a/App/App.csproj" /></Solution>""");
        Directory.CreateDirectory(Path.Combine(repo.Path, "forks/a/App"));
        File.WriteAllText(Path.Combine(repo.Path, "forks/a/App/App.csproj"), """<Project Sdk="Spicetime.Sdk" />""");
        Git(repo.Path, "init", "-q", "-b", "release");
        Git(repo.Path, "add", "-A");
        Git(repo.Path, "commit", "-q", "-m", "one");
        File.WriteAllText(Path.Combine(repo.Path, "forks/a/App/Code.cs"), "class C { }");
        Git(repo.Path, "add", "-A");
        Git(repo.Path, "commit", "-q", "-m", "two");

        foreach (var command in commands)
        {
            // The values GitHub would put in: the base revision, a fork branch.
            var line = command.Replace("\"$BASE\"", "HEAD~1").Replace("--base REF", "--base HEAD~1").Replace("\"${{ inputs.fork }}\"", "feature-A");
            var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var run = repo.Run(args);
            Assert.That(run.ExitCode, Is.EqualTo(0), $"spicetime {line}\n{run}");
        }

        Assert.That(File.Exists(Path.Combine(repo.Path, "fork.slnf")), Is.True);
    }

    private static void Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-c", "user.name=t", "-c", "user.email=t@t.invalid" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(0), process.StandardError.ReadToEnd());
    }
}
