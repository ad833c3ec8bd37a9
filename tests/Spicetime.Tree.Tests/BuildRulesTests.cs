using Spicetime.Tree.Mapping;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;

namespace Spicetime.Tree.Tests;

/// <summary>The rules the SDK applies, tested without MSBuild: node mapping, git reading, generated props, atomic writes, the tree cache.</summary>
public class BuildRulesTests
{
    private string _root = null!;

    [SetUp]
    public void CreateFolder() => _root = Directory.CreateTempSubdirectory("spicetime-build-rules-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private Resolution.ResolvedTree Tree()
    {
        var path = Write("tree.json", """
            {"scopes": {"core": {"packages": {"A": "1.0.0"}, "properties": {"P": "x"}, "projects": ["shared/Core/Core.csproj"]}},
             "root": {"branch": "release", "scopes": ["core"], "children": [
               {"branch": "feature-A", "path": "forks/a", "children": [{"branch": "deep", "path": "forks/a/deep"}]},
               {"branch": "feature-B"}]}}
            """);
        var result = TreeFile.Load(path);
        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        return result.Tree!;
    }

    private static Func<string, string?> NoCi => _ => null;

    private NodeMapping Map(string projectDirectory, string? branch = null, Func<string, string?>? environment = null)
    {
        var bag = new DiagnosticBag("p.csproj");
        var mapping = ProjectNodeMapper.Map(Tree(), Path.Combine(_root, projectDirectory), branch, bag, environment ?? NoCi);
        Assert.That(bag.Items, Is.Empty);
        return mapping!;
    }

    [Test]
    public void Explicit_branch_first_then_longest_path_then_git_then_root()
    {
        Write(".git/HEAD", "ref: refs/heads/feature-B\n");
        Assert.That(Map("forks/a/deep/App", "feature-B").Node.Branch, Is.EqualTo("feature-B"));
        Assert.That(Map("forks/a/deep/App") is { Rule: NodeMappingRule.Path, Node.Branch: "deep" });
        Assert.That(Map("forks/a/App").Node.Branch, Is.EqualTo("feature-A"));
        Assert.That(Map("forks/ab/App") is { Rule: NodeMappingRule.GitBranch, Node.Branch: "feature-B" }, "a path prefix is a whole folder name");
        Write(".git/HEAD", "ref: refs/heads/topic\n");
        Assert.That(Map("apps/App") is { Rule: NodeMappingRule.Root, Node.Branch: "release" });
    }

    [Test]
    public void Unknown_explicit_branch_is_SPT0200_listing_the_known_branches()
    {
        var bag = new DiagnosticBag("p.csproj");
        Assert.That(ProjectNodeMapper.Map(Tree(), _root, "feature-C", bag, NoCi), Is.Null);
        var error = bag.Items.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.UnknownBranch.Code));
        Assert.That(error.Message, Does.Contain("known branches: release, feature-A, deep, feature-B"));
    }

    [Test]
    public void Git_reads_worktrees_detached_heads_ci_variables_and_packed_refs()
    {
        var main = Path.Combine(_root, "repo");
        Write("repo/.git/HEAD", "ref: refs/heads/feature-A\n");
        Assert.That(GitBranchReader.Read(Path.Combine(main, "src", "deep"), NoCi).Branch, Is.EqualTo("feature-A"));

        // A worktree: .git is a file naming the worktree's git directory, whose commondir leads to the refs.
        Write("repo/.git/worktrees/wt/HEAD", "0123456789abcdef0123456789abcdef01234567\n");
        Write("repo/.git/worktrees/wt/commondir", "../..\n");
        Write("wt/.git", $"gitdir: {Path.Combine(main, ".git", "worktrees", "wt")}\n");
        Write("repo/.git/packed-refs", "# pack-refs with: peeled fully-peeled sorted\n0123456789abcdef0123456789abcdef01234567 refs/heads/feature-B\n");
        var worktree = GitBranchReader.Read(Path.Combine(_root, "wt"), NoCi);
        Assert.That(worktree.Branch, Is.EqualTo("feature-B"), "detached worktree: the branch at that commit, from packed-refs");
        Assert.That(worktree.Detached, Is.True);
        Assert.That(worktree.Files, Does.Contain(Path.Combine(main, ".git", "packed-refs")));

        // CI variables win on a detached HEAD; refs/heads/ prefixes and origin/ are stripped, other refs skipped.
        Assert.That(GitBranchReader.Read(Path.Combine(_root, "wt"), v => v == "GITHUB_REF_NAME" ? "feature-A" : null).Branch, Is.EqualTo("feature-A"));
        Assert.That(GitBranchReader.Read(Path.Combine(_root, "wt"), v => v == "BUILD_SOURCEBRANCH" ? "refs/heads/release" : null).Branch, Is.EqualTo("release"));
        Assert.That(GitBranchReader.Read(Path.Combine(_root, "wt"), v => v == "GIT_BRANCH" ? "origin/deep" : null).Branch, Is.EqualTo("deep"));
        Assert.That(GitBranchReader.Read(Path.Combine(_root, "wt"), v => v == "BUILD_SOURCEBRANCH" ? "refs/pull/1/merge" : null).Branch, Is.EqualTo("feature-B"));

        // Two branches at the commit: ambiguous, no answer.
        Write("repo/.git/refs/heads/other", "0123456789abcdef0123456789abcdef01234567\n");
        Assert.That(GitBranchReader.Read(Path.Combine(_root, "wt"), NoCi).Branch, Is.Null);
    }

    [Test]
    public void No_repository_falls_back_to_the_CI_variable()
    {
        Assert.That(GitBranchReader.Read(_root, v => v == "CI_COMMIT_REF_NAME" ? "feature-B" : null).Branch, Is.EqualTo("feature-B"));
        Assert.That(GitBranchReader.Read(_root, NoCi).Branch, Is.Null);
    }

    [Test]
    public void Generated_props_are_deterministic_and_carry_provenance()
    {
        var tree = Tree();
        var mapping = ProjectNodeMapper.Map(tree, Path.Combine(_root, "forks/a/App"), null, new DiagnosticBag(null), NoCi)!;
        var injection = ProjectInjection.For(tree, mapping, Path.Combine(_root, "forks/a/App/App.csproj"));
        var props = injection.ToProps(null);
        Assert.That(props, Is.EqualTo(ProjectInjection.For(tree, mapping, Path.Combine(_root, "forks/a/App/App.csproj")).ToProps(null)));
        Assert.That(props, Does.Contain("<_SpicetimeResolvedBranch>feature-A</_SpicetimeResolvedBranch>"));
        Assert.That(props, Does.Contain("<SpicetimeScopes>core</SpicetimeScopes>"));
        Assert.That(props, Does.Contain("<P>x</P> <!-- release/core -->"));
        Assert.That(props, Does.Contain("<_SpicetimePackageReference Include=\"A\" Version=\"1.0.0\" SpicetimeScope=\"core\" SpicetimeNode=\"release\" />"));
        Assert.That(props, Does.Contain($"<_SpicetimeProjectReference Include=\"{Path.Combine(_root, "shared", "Core", "Core.csproj")}\""));
        Assert.That(System.Xml.Linq.XDocument.Parse(props).Root!.Name.LocalName, Is.EqualTo("Project"));
    }

    [Test]
    public void A_scope_project_gets_no_scope_project_references()
    {
        var tree = Tree();
        var core = Path.Combine(_root, "shared", "Core", "Core.csproj");
        var mapping = ProjectNodeMapper.Map(tree, Path.GetDirectoryName(core)!, null, new DiagnosticBag(null), NoCi)!;
        Assert.That(ProjectInjection.For(tree, mapping, core).Projects, Is.Empty);
        Assert.That(ProjectInjection.For(tree, mapping, core).Packages.Single().Include, Is.EqualTo("A"));
    }

    [Test]
    public void Property_values_are_escaped_for_XML()
    {
        var path = Write("tree.json", """{"scopes": {"s": {"properties": {"DefineConstants": "$(DefineConstants);A<B&C"}}}, "root": {"branch": "r", "scopes": ["s"]}}""");
        var tree = TreeFile.Load(path).Tree!;
        var mapping = ProjectNodeMapper.Map(tree, _root, null, new DiagnosticBag(null), NoCi)!;
        var props = ProjectInjection.For(tree, mapping, Path.Combine(_root, "App.csproj")).ToProps(null);
        Assert.That(props, Does.Contain("<DefineConstants>$(DefineConstants);A&lt;B&amp;C</DefineConstants>"));
    }

    [Test]
    public void Generated_files_are_written_only_when_their_content_changes()
    {
        var path = Path.Combine(_root, "obj", "spicetime", "App.csproj.g.props");
        Assert.That(GeneratedFile.WriteIfChanged(path, "<Project />\n"), Is.True);
        var stamp = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, stamp.AddMinutes(-5));
        Assert.That(GeneratedFile.WriteIfChanged(path, "<Project />\n"), Is.False);
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(stamp.AddMinutes(-5)), "not touched");
        Assert.That(GeneratedFile.WriteIfChanged(path, "<Project>\n</Project>\n"), Is.True);
        Assert.That(File.ReadAllText(path), Is.EqualTo("<Project>\n</Project>\n"));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1), "no temporary file left behind");
    }

    [Test]
    public void Concurrent_writers_never_leave_a_half_written_file()
    {
        var path = Path.Combine(_root, "shared.g.props");
        var contents = Enumerable.Range(0, 8).Select(i => new string((char)('a' + i), 200_000)).ToArray();
        Parallel.For(0, 64, i => GeneratedFile.WriteIfChanged(path, contents[i % contents.Length]));
        Assert.That(contents, Does.Contain(File.ReadAllText(path)));
    }

    [Test]
    public void The_tree_cache_parses_once_per_content()
    {
        var path = Write("tree.json", """{"root": {"branch": "cache-test-1"}}""");
        var first = TreeCache.Load(path, out var parsedFirst);
        var second = TreeCache.Load(path, out var parsedSecond);
        Assert.That(parsedFirst, Is.True);
        Assert.That(parsedSecond, Is.False);
        Assert.That(second, Is.SameAs(first));
        File.WriteAllText(path, """{"root": {"branch": "cache-test-2"}}""");
        var third = TreeCache.Load(path, out var parsedThird);
        Assert.That(parsedThird, Is.True);
        Assert.That(third.Tree!.Root.Branch, Is.EqualTo("cache-test-2"));
    }
}
