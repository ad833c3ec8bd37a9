using System.Text.Json;
using Spicetime.Cli;

namespace Spicetime.Sdk.Tests;

/// <summary>
/// CI shards built by the real dotnet: one traversal project (<c>affected --format traversal</c>) and each shard's
/// <c>list</c> from <c>affected --format github-matrix --shards N</c> in <c>SpicetimeAffectedProjects</c>, as the sample
/// workflow's shard jobs build them.
/// </summary>
public class ShardBuildTests
{
    private static string Cli(ConsumerRepo repo, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.That(SpicetimeCli.Run(args, output, error, repo.Root), Is.EqualTo(0), error.ToString());
        return output.ToString();
    }

    private static string Dll(ConsumerRepo repo, string project) =>
        repo.PathOf(Path.Combine(Path.GetDirectoryName(project)!, "bin", "Debug", "net10.0", Path.GetFileNameWithoutExtension(project) + ".dll"));

    [Test]
    public void Each_shard_job_builds_its_own_projects_from_the_one_traversal_project()
    {
        var repo = ForkTree.Create("shards");
        repo.Write(".gitignore", "bin/\nobj/\n*.nupkg\n");
        repo.Git("init", "-q", "-b", "release");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "fork tree");
        var code = Path.Combine(Path.GetDirectoryName(ForkTree.Core)!, "Code.cs");
        repo.Write(code, repo.Read(code) + "\n// changed\n");
        repo.Git("commit", "-q", "-am", "change Core"); // Core, and Web through the reference the core scope injects; not Api.

        repo.Write("affected.proj", Cli(repo, "affected", "--base", "HEAD~1", "--format", "traversal"));
        var shards = JsonDocument.Parse(Cli(repo, "affected", "--base", "HEAD~1", "--format", "github-matrix", "--shards", "2"))
            .RootElement.GetProperty("include").EnumerateArray()
            .ToDictionary(s => s.GetProperty("list").GetString()!, s => s.GetProperty("projects").EnumerateArray().Select(p => p.GetString()).ToList());
        Assert.That(shards.Keys, Is.EquivalentTo(new[] { ForkTree.Core, ForkTree.Web }), "one project a shard");

        var core = repo.Dotnet(new Dictionary<string, string> { ["SpicetimeAffectedProjects"] = ForkTree.Core }, "build", "affected.proj", "-tl:off").ShouldSucceed();
        Assert.That(File.Exists(Dll(repo, ForkTree.Core)), Is.True, core.Output);
        Assert.That(File.Exists(Dll(repo, ForkTree.Web)), Is.False, "Web is the other shard's");
        Assert.That(File.Exists(Dll(repo, ForkTree.Api)), Is.False);

        var web = repo.Dotnet(new Dictionary<string, string> { ["SpicetimeAffectedProjects"] = ForkTree.Web }, "build", "affected.proj", "-tl:off").ShouldSucceed();
        Assert.That(File.Exists(Dll(repo, ForkTree.Web)), Is.True, web.Output);
        Assert.That(File.Exists(Dll(repo, ForkTree.Api)), Is.False);
    }
}
