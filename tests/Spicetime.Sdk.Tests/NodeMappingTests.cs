namespace Spicetime.Sdk.Tests;

/// <summary>Which node a project belongs to: $(SpicetimeBranch), the longest path prefix, the git branch (read from .git), else the root.</summary>
public class NodeMappingTests
{
    private const string Outside = "apps/Tool/Tool.csproj"; // under no node's path

    private static ConsumerRepo WithTool(string name)
    {
        var repo = ForkTree.Create(name);
        repo.Project(Outside, code: "namespace Tool; public static class T { }");
        return repo;
    }

    private static string BranchOf(ConsumerRepo repo, string project, IDictionary<string, string>? environment = null, params string[] extra)
    {
        repo.Dotnet(environment, new[] { "restore", project }.Concat(extra).ToArray()).ShouldSucceed();
        var result = repo.Dotnet(environment, new[] { "msbuild", project, "-getProperty:SpicetimeBranch", "-getProperty:_SpicetimeMappedBy" }.Concat(extra).ToArray()).ShouldSucceed();
        var json = System.Text.Json.JsonDocument.Parse(result.Output[result.Output.IndexOf('{')..]).RootElement.GetProperty("Properties");
        return $"{json.GetProperty("SpicetimeBranch").GetString()} by {json.GetProperty("_SpicetimeMappedBy").GetString()}";
    }

    [Test]
    public void Path_prefix_then_root()
    {
        var repo = WithTool("map-path");
        Assert.That(BranchOf(repo, ForkTree.Web), Is.EqualTo("feature-A by Path"));
        Assert.That(BranchOf(repo, Outside), Is.EqualTo("release by Root"));
    }

    [Test]
    public void SpicetimeBranch_from_the_command_line_or_the_project_comes_first()
    {
        var repo = WithTool("map-explicit");
        Assert.That(BranchOf(repo, ForkTree.Web, null, "-p:SpicetimeBranch=feature-B"), Is.EqualTo("feature-B by Explicit"));
        Assert.That(BranchOf(repo, Outside, new Dictionary<string, string> { ["SpicetimeBranch"] = "feature-A" }), Is.EqualTo("feature-A by Explicit"));
        repo.Project(Outside, "<PropertyGroup><SpicetimeBranch>feature-B</SpicetimeBranch></PropertyGroup>");
        Assert.That(BranchOf(repo, Outside), Is.EqualTo("feature-B by Explicit"));
        repo.Dotnet("build", Outside).ShouldSucceed();
        repo.Dotnet("build", Outside).ShouldSucceed();
        Assert.That(BranchOf(repo, Outside), Is.EqualTo("feature-B by Explicit"), "stays explicit once the generated props exist");
    }

    [Test]
    public void Unknown_SpicetimeBranch_is_an_error_naming_the_known_branches()
    {
        var repo = WithTool("map-unknown");
        var build = repo.Dotnet("build", Outside, "-p:SpicetimeBranch=feature-C");
        Assert.That(build.ExitCode, Is.Not.EqualTo(0));
        Assert.That(build.Output, Does.Contain("error SPT0200: $(SpicetimeBranch) is 'feature-C', which is no node of the tree (known branches: release, feature-A, feature-B)"));
        Assert.That(build.Output, Does.Contain(repo.PathOf(Outside)), "positioned on the project");
    }

    [Test]
    public void Git_branch_worktree_detached_head_with_a_CI_variable_and_packed_refs()
    {
        var repo = WithTool("map-git");
        repo.Write(".gitignore", "bin/\nobj/\n");
        repo.Git("init", "-q", "-b", "release");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "init");
        Assert.That(BranchOf(repo, Outside), Is.EqualTo("release by GitBranch"));

        repo.Git("checkout", "-q", "-b", "feature-B");
        Assert.That(BranchOf(repo, Outside), Is.EqualTo("feature-B by GitBranch"));
        Assert.That(BranchOf(repo, ForkTree.Web), Is.EqualTo("feature-A by Path"), "a path beats the git branch");

        repo.Git("checkout", "-q", "-b", "not-a-node");
        Assert.That(BranchOf(repo, Outside), Is.EqualTo("release by Root"));

        // A worktree: .git is a file pointing into the main repository.
        var worktree = Path.Combine(repo.Root, "..", Path.GetFileName(repo.Root) + "-wt");
        repo.Git("worktree", "add", "-q", worktree, "-b", "feature-A");
        var wt = new ConsumerRepoView(worktree);
        wt.Run("restore", Outside).ShouldSucceed();
        Assert.That(wt.Run("msbuild", Outside, "-getProperty:SpicetimeBranch").ShouldSucceed().Output.Trim(), Is.EqualTo("feature-A"));

        // Detached HEAD, as CI checks out: the CI system's branch variable names the branch.
        repo.Git("checkout", "-q", "feature-B");
        repo.Write("apps/Tool/Note.txt", "only on feature-B");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "feature-B only");
        repo.Git("checkout", "-q", "--detach", "feature-B");
        Assert.That(BranchOf(repo, Outside, new Dictionary<string, string> { ["GITHUB_REF_NAME"] = "feature-A" }), Is.EqualTo("feature-A by GitBranch"));

        // Detached with no CI variable: the one branch whose tip is HEAD, here from packed-refs.
        repo.Git("pack-refs", "--all");
        Assert.That(File.Exists(repo.PathOf(".git/refs/heads/feature-B")), Is.False, "the branch is only in packed-refs now");
        Assert.That(BranchOf(repo, Outside), Is.EqualTo("feature-B by GitBranch"));
    }

    /// <summary>Runs dotnet in another folder of the same test run (a git worktree of a repo).</summary>
    private sealed class ConsumerRepoView
    {
        private readonly string _root;

        public ConsumerRepoView(string root) => _root = root;

        public ProcessResult Run(params string[] args) => DotnetRun.Run("dotnet", _root, args.Append("-nodeReuse:false"));
    }
}
