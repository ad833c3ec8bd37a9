using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;
using Spicetime.Tree.Versioning;

namespace Spicetime.Tree.Tests.Versioning;

/// <summary>
/// Git heights on histories made with the real git: linear, line changes, unrelated tree.json edits, merges, packed
/// objects (deltas) and loose ones agreeing, shallow clones, and versions end to end through <see cref="NodeVersions"/>.
/// </summary>
public class GitHeightTests
{
    private const string TreeJson = """
        {"root": {"branch": "release", "version": "1.4.0", "children": [
          {"branch": "feature-A", "path": "forks/a", "children": [{"branch": "hotfix"}]},
          {"branch": "pinned", "version": "2.0.0"}]}}
        """;

    private static IReadOnlyDictionary<string, int> Heights(GitWorkspace repo, string treeFile = "tree.json")
    {
        using var repository = GitRepository.Open(repo.Root)!;
        var tree = TreeFile.Load(Path.Combine(repo.Root, treeFile)).Tree!;
        var forks = tree.Manifest.Nodes.Where(ForkVersions.NeedsBuildNumber).ToList();
        var result = GitHeight.Compute(repository, repository.Head()!, treeFile, forks);
        Assert.That(result.Failure, Is.Null, result.Failure?.Message);
        return result.Heights;
    }

    private static NodeVersion? VersionOf(GitWorkspace repo, string branch, out DiagnosticBag diagnostics, string? buildNumber = null, string treeFile = "tree.json")
    {
        var tree = TreeFile.Load(Path.Combine(repo.Root, treeFile)).Tree!;
        diagnostics = new DiagnosticBag(Path.Combine(repo.Root, treeFile));
        return NodeVersions.For(tree, tree.Find(branch)!, null, buildNumber, diagnostics);
    }

    [Test]
    public void Heights_count_the_commits_since_the_line_began_and_a_line_change_starts_again()
    {
        using var repo = new GitWorkspace();
        repo.Write("README.md", "before the tree").Commit("no tree yet");
        repo.Write("tree.json", TreeJson).Commit("tree");
        for (var i = 0; i < 4; i++)
        {
            repo.Write("src/file.txt", i.ToString()).Commit($"work {i}");
        }

        var heights = Heights(repo);
        Assert.That(heights["feature-A"], Is.EqualTo(5), "the commit that added tree.json counts 1, and 4 since");
        Assert.That(heights["hotfix"], Is.EqualTo(5));
        Assert.That(heights.ContainsKey("pinned"), Is.False, "a fork with its own version has no build number");

        repo.Edit("tree.json", "\"version\": \"1.4.0\"", "\"version\": \"1.5.0\"").Commit("new line");
        repo.Write("src/file.txt", "x").Commit("more work");
        heights = Heights(repo);
        Assert.That(heights["feature-A"], Is.EqualTo(2), "the root's version changed the line: counted from that commit");
        Assert.That(VersionOf(repo, "feature-A", out _)!.Text, Is.EqualTo("1.5.0-feature-a.2"));
        Assert.That(VersionOf(repo, "hotfix", out _)!.Text, Is.EqualTo("1.5.0-feature-a.2.hotfix.2"));
    }

    [Test]
    public void An_edit_of_tree_json_that_keeps_the_line_does_not_restart_it_and_a_renamed_branch_does()
    {
        using var repo = new GitWorkspace();
        repo.Write("tree.json", TreeJson).Commit("tree");
        repo.Edit("tree.json", "\"path\": \"forks/a\"", "\"path\": \"forks/a\", \"scopes\": [\"extra\"]").Commit("a scope");
        repo.Commit("empty");
        Assert.That(Heights(repo)["feature-A"], Is.EqualTo(3));

        repo.Edit("tree.json", "\"branch\": \"hotfix\"", "\"branch\": \"hotfix\", \"version\": \"9.0.0\"").Commit("hotfix pins a version");
        Assert.That(Heights(repo)["feature-A"], Is.EqualTo(4), "a child's version is not part of its parent's line");

        repo.Edit("tree.json", "\"branch\": \"feature-A\"", "\"branch\": \"Feature-A\"").Commit("same label, other spelling");
        Assert.That(Heights(repo)["feature-A"], Is.EqualTo(5), "branches compare as the tree does, ignoring case, and the label is the same");
    }

    [Test]
    public void A_merge_takes_the_longer_side_and_each_commit_counts_once()
    {
        using var repo = new GitWorkspace();
        repo.Write("tree.json", TreeJson).Commit("tree");        // 1
        repo.Git("checkout", "-q", "-b", "side");
        for (var i = 0; i < 3; i++)
        {
            repo.Write("side.txt", i.ToString()).Commit($"side {i}"); // 2, 3, 4
        }

        repo.Git("checkout", "-q", "main");
        repo.Write("main.txt", "m").Commit("main 1");           // 2
        repo.Git("merge", "-q", "--no-ff", "-m", "merge side", "side"); // max(4, 2) + 1 = 5
        Assert.That(Heights(repo)["feature-A"], Is.EqualTo(5));

        repo.Write("main.txt", "n").Commit("after the merge");  // 6
        Assert.That(Heights(repo)["feature-A"], Is.EqualTo(6));
    }

    [Test]
    public void Packed_objects_with_deltas_give_the_same_heights_as_loose_ones()
    {
        using var repo = new GitWorkspace();
        repo.Write("tree.json", TreeJson).Commit("tree");
        for (var i = 0; i < 40; i++)
        {
            // Growing files and a changing tree.json make git store deltas against earlier versions.
            repo.Write($"src/f{i % 7}.txt", string.Concat(Enumerable.Repeat($"line {i}\n", 50 + i)));
            repo.Edit("tree.json", "\"version\": \"2.0.0\"", i % 2 == 0 ? "\"version\": \"2.0.0\", \"scopes\": []" : "\"version\": \"2.0.0\"");
            if (i % 2 == 1)
            {
                repo.Edit("tree.json", "\"version\": \"2.0.0\", \"scopes\": []", "\"version\": \"2.0.0\"");
            }

            repo.Commit($"work {i}");
        }

        var loose = Heights(repo);
        repo.Git("gc", "-q", "--aggressive");
        Assert.That(Directory.EnumerateFiles(Path.Combine(repo.Root, ".git", "objects", "pack"), "*.pack").Count(), Is.EqualTo(1));
        var packed = Heights(repo);
        Assert.That(packed, Is.EquivalentTo(loose));
        Assert.That(packed["feature-A"], Is.EqualTo(41));
    }

    [Test]
    public void Heights_kept_in_the_cache_spare_the_walk_below_them_and_give_the_same_numbers()
    {
        using var repo = new GitWorkspace();
        repo.Write("tree.json", TreeJson).Commit("tree");
        for (var i = 0; i < 20; i++)
        {
            repo.Commit($"work {i}");
        }

        var tree = TreeFile.Load(Path.Combine(repo.Root, "tree.json")).Tree!;
        var forks = tree.Manifest.Nodes.Where(ForkVersions.NeedsBuildNumber).ToList();
        using (var repository = GitRepository.Open(repo.Root)!)
        {
            var cache = GitHeightCache.Open(repository.CommonDirectory, "tree.json");
            var first = GitHeight.Compute(repository, repository.Head()!, "tree.json", forks, cache.Find);
            Assert.That(first.CommitsRead, Is.EqualTo(21));
            cache.Save(repository.Head()!, 1, forks.Select(f => new LineHeight(ForkVersions.Pattern(f), first.Heights[f.Branch.Value])).ToList());
        }

        repo.Commit("one more");
        repo.Commit("and another");
        using (var repository = GitRepository.Open(repo.Root)!)
        {
            var cache = GitHeightCache.Open(repository.CommonDirectory, "tree.json"); // as the next build process reads it
            Assert.That(cache.CommitTime(repository.Head()!), Is.Null);
            var cached = GitHeight.Compute(repository, repository.Head()!, "tree.json", forks, cache.Find);
            Assert.That(cached.Heights["feature-A"], Is.EqualTo(23));
            Assert.That(cached.CommitsRead, Is.EqualTo(3), "the two new commits, and the cached one below them");
        }

        // A merge of a branch that left from an older commit: the walk goes down that branch, and agrees with a full walk.
        repo.Git("checkout", "-q", "-b", "side", "HEAD~8");
        repo.Commit("a side commit");
        repo.Git("checkout", "-q", "main");
        repo.Git("merge", "-q", "--no-ff", "-m", "merge", "side");
        using (var repository = GitRepository.Open(repo.Root)!)
        {
            var cache = GitHeightCache.Open(repository.CommonDirectory, "tree.json");
            var cached = GitHeight.Compute(repository, repository.Head()!, "tree.json", forks, cache.Find);
            var full = GitHeight.Compute(repository, repository.Head()!, "tree.json", forks);
            Assert.That(cached.Heights, Is.EquivalentTo(full.Heights));
            Assert.That(full.Heights["feature-A"], Is.EqualTo(24), "the merge: 1 + the longer side (23)");
            Assert.That(full.CommitsRead, Is.EqualTo(25));
        }

        Assert.That(File.ReadAllText(Path.Combine(repo.Root, ".git", "spicetime", "heights-v2.txt")), Does.Contain(" tree.json|1.4.0-feature-a.{build} 21 "));
    }

    [Test]
    public void A_tree_file_in_a_subfolder_is_read_at_its_path()
    {
        using var repo = new GitWorkspace();
        repo.Write("product/tree.json", TreeJson).Commit("tree");
        repo.Commit("one more");
        Assert.That(Heights(repo, "product/tree.json")["feature-A"], Is.EqualTo(2));
    }

    [Test]
    public void An_uncommitted_new_line_builds_height_zero()
    {
        using var repo = new GitWorkspace();
        repo.Write("tree.json", TreeJson).Commit("tree");
        repo.Edit("tree.json", "1.4.0", "1.6.0");
        Assert.That(VersionOf(repo, "feature-A", out _)!.Text, Is.EqualTo("1.6.0-feature-a.0"));
    }

    [Test]
    public void A_shallow_clone_cut_inside_the_line_is_an_error_that_says_how_to_fetch_and_a_deep_enough_one_works()
    {
        using var origin = new GitWorkspace();
        origin.Write("tree.json", TreeJson).Commit("tree");
        for (var i = 0; i < 5; i++)
        {
            origin.Commit($"work {i}");
        }

        var clonePath = Path.Combine(Path.GetTempPath(), "spicetime-shallow-" + Guid.NewGuid().ToString("N"));
        origin.Git("clone", "-q", "--depth", "3", "file://" + origin.Root, clonePath);
        using var shallow = new GitWorkspace(clonePath, init: false);
        var version = VersionOf(shallow, "feature-A", out var diagnostics);
        Assert.That(version, Is.Null, "never a wrong number");
        var error = diagnostics.Items.Single();
        Assert.That(error.Code, Is.EqualTo("SPT0500"));
        Assert.That(error.Message, Does.Contain("shallow").And.Contain("2 commit(s) below HEAD").And.Contain("git fetch --unshallow").And.Contain("fetch-depth: 0"));

        Assert.That(VersionOf(shallow, "feature-A", out _, buildNumber: "17")!.Text, Is.EqualTo("1.4.0-feature-a.17"),
            "SpicetimeBuildNumber replaces the node's own height: nothing left to read from history");
        Assert.That(VersionOf(shallow, "hotfix", out var hotfix, buildNumber: "17"), Is.Null, "its parent's level still needs the history");
        Assert.That(hotfix.Items.Single().Code, Is.EqualTo("SPT0500"));
        Assert.That(VersionOf(shallow, "pinned", out _)!.Text, Is.EqualTo("2.0.0"), "a fork with its own version needs no history");

        shallow.Git("fetch", "-q", "--deepen=4");
        Assert.That(VersionOf(shallow, "feature-A", out _)!.Text, Is.EqualTo("1.4.0-feature-a.6"));
    }

    [Test]
    public void SpicetimeBuildNumber_replaces_the_nodes_own_level_and_ancestors_keep_their_heights()
    {
        using var repo = new GitWorkspace();
        repo.Write("tree.json", TreeJson).Commit("tree");
        repo.Commit("two");
        Assert.That(VersionOf(repo, "feature-A", out _, buildNumber: "120")!.Text, Is.EqualTo("1.4.0-feature-a.120"));
        Assert.That(VersionOf(repo, "hotfix", out _, buildNumber: "7")!.Text, Is.EqualTo("1.4.0-feature-a.2.hotfix.7"));
        Assert.That(VersionOf(repo, "hotfix", out var bad, buildNumber: "seven"), Is.Null);
        Assert.That(bad.Items.Single().Code, Is.EqualTo("SPT0503"));
    }

    [Test]
    public void A_repository_without_commits_and_a_worktree_are_read_like_any_other()
    {
        using var empty = new GitWorkspace();
        empty.Write("tree.json", TreeJson);
        var version = VersionOf(empty, "feature-A", out var diagnostics)!;
        Assert.That(version.Text, Is.EqualTo("1.4.0-feature-a.0"), "no commit yet: nothing has run on the line");
        Assert.That(version.Commit, Is.Null);
        Assert.That(diagnostics.Items, Is.Empty);

        using var repo = new GitWorkspace();
        repo.Write("tree.json", TreeJson).Commit("tree");
        repo.Commit("two");
        var worktree = Path.Combine(Path.GetTempPath(), "spicetime-worktree-" + Guid.NewGuid().ToString("N"));
        repo.Git("worktree", "add", "-q", "-b", "other", worktree);
        using var linked = new GitWorkspace(worktree, init: false);
        linked.Commit("three, in the worktree");
        Assert.That(VersionOf(linked, "feature-A", out _)!.Text, Is.EqualTo("1.4.0-feature-a.3"), "objects and refs from the main repository");
        Assert.That(VersionOf(repo, "feature-A", out _)!.Text, Is.EqualTo("1.4.0-feature-a.2"), "each worktree has its own HEAD");
    }

    [Test]
    public void Outside_git_build_numbers_are_zero_and_there_is_no_commit()
    {
        var folder = Directory.CreateTempSubdirectory("spicetime-nogit-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "tree.json"), TreeJson);
            var tree = TreeFile.Load(Path.Combine(folder, "tree.json")).Tree!;
            var version = NodeVersions.For(tree, tree.Find("hotfix")!, null, null, new DiagnosticBag("tree.json"))!;
            Assert.That(version.Text, Is.EqualTo("1.4.0-feature-a.0.hotfix.0"));
            Assert.That(version.Commit, Is.Null);
            Assert.That(version.UnstampedText, Is.EqualTo(version.Text), "what a cached compile stamps is what a build outside git says");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public void The_commit_and_its_time_come_with_the_version_and_one_walk_serves_every_fork()
    {
        using var repo = new GitWorkspace();
        var commit = repo.Write("tree.json", TreeJson).Commit("tree");
        var tree = TreeFile.Load(Path.Combine(repo.Root, "tree.json")).Tree!;
        var facts = new GitFactsCache();
        var a = NodeVersions.For(tree, tree.Find("feature-A")!, null, null, new DiagnosticBag("tree.json"), facts)!;
        var h = NodeVersions.For(tree, tree.Find("hotfix")!, null, null, new DiagnosticBag("tree.json"), facts)!;
        Assert.That(facts.Walks, Is.EqualTo(1));
        Assert.That(a.Commit, Is.EqualTo(commit));
        Assert.That(h.CommitTime, Is.EqualTo(long.Parse(repo.Git("log", "-1", "--format=%ct").Trim())));
        Assert.That(h.Lineage, Is.EqualTo(new[] { "release", "feature-A", "hotfix" }));
        Assert.That(h.FileVersion, Is.EqualTo("1.4.0.1"));
    }

    [Test]
    public void The_unstamped_version_has_every_build_number_zero_and_does_not_move_with_commits()
    {
        using var repo = new GitWorkspace();
        repo.Write("tree.json", TreeJson).Commit("tree");
        repo.Write("a.txt", "a").Commit("one");
        repo.Write("b.txt", "b").Commit("two");
        var version = VersionOf(repo, "hotfix", out _)!;
        Assert.That(version.Text, Does.Not.EndWith(".0"), "git heights in the version");
        Assert.That(version.UnstampedText, Is.EqualTo("1.4.0-feature-a.0.hotfix.0"));
        Assert.That(VersionOf(repo, "release", out _)!.UnstampedText, Is.EqualTo("1.4.0"), "a version of its own has no build number");
    }

    [Test]
    public void The_reader_of_many_nodes_gives_each_the_version_For_gives_and_sees_a_new_HEAD_only_when_made_again()
    {
        using var repo = new GitWorkspace();
        repo.Write("tree.json", TreeJson).Commit("tree");
        repo.Write("a.txt", "a").Commit("one");
        var tree = TreeFile.Load(Path.Combine(repo.Root, "tree.json")).Tree!;
        var versions = NodeVersions.Reader(tree);
        foreach (var node in tree.Nodes)
        {
            var one = NodeVersions.For(tree, node, null, null, new DiagnosticBag("tree.json"))!;
            var many = versions(node, new DiagnosticBag("tree.json"))!;
            Assert.That((many.Text, many.UnstampedText, many.Commit, many.CommitTime, many.SetsVersion, many.HeadRefFile),
                Is.EqualTo((one.Text, one.UnstampedText, one.Commit, one.CommitTime, one.SetsVersion, one.HeadRefFile)), node.Branch);
            Assert.That(many.GitFiles, Is.EqualTo(one.GitFiles), node.Branch);
        }

        // One reader is one look at git (a command's): a commit after it is seen by the next reader.
        var before = versions(tree.Find("hotfix")!, new DiagnosticBag("tree.json"))!.Text;
        repo.Write("b.txt", "b").Commit("two");
        Assert.That(versions(tree.Find("hotfix")!, new DiagnosticBag("tree.json"))!.Text, Is.EqualTo(before));
        Assert.That(NodeVersions.Reader(tree)(tree.Find("hotfix")!, new DiagnosticBag("tree.json"))!.Text, Is.Not.EqualTo(before));
    }

    [Test]
    public void A_build_reads_HEAD_once_for_all_its_projects_and_the_next_build_sees_a_new_commit()
    {
        using var repo = new GitWorkspace();
        repo.Write("tree.json", TreeJson).Commit("tree");
        var first = repo.Write("a.txt", "a").Commit("one");
        var tree = TreeFile.Load(Path.Combine(repo.Root, "tree.json")).Tree!;
        var caches = new Spicetime.Tree.Build.BuildCaches();
        var build = new Spicetime.Tree.Build.BuildContext(caches);
        var hotfix = build.Version(tree, tree.Find("hotfix")!, null, null, new DiagnosticBag("tree.json"))!;
        Assert.That(hotfix.Text, Is.EqualTo(NodeVersions.For(tree, tree.Find("hotfix")!, null, null, new DiagnosticBag("tree.json"))!.Text));

        // A commit while the build runs: its later projects still name the commit it started at, as its first did.
        var second = repo.Write("b.txt", "b").Commit("two");
        var later = build.Version(tree, tree.Find("feature-A")!, null, null, new DiagnosticBag("tree.json"))!;
        Assert.That((hotfix.Commit, later.Commit), Is.EqualTo((first, first)));
        Assert.That(build.Version(tree, tree.Find("hotfix")!, null, null, new DiagnosticBag("tree.json"))!.Text, Is.EqualTo(hotfix.Text));

        // The next build (a new context over the same node's caches) reads HEAD again.
        var next = new Spicetime.Tree.Build.BuildContext(caches).Version(tree, tree.Find("hotfix")!, null, null, new DiagnosticBag("tree.json"))!;
        Assert.That(next.Commit, Is.EqualTo(second));
        Assert.That(next.Text, Is.Not.EqualTo(hotfix.Text), "one commit higher");
        Assert.That(caches.GitFacts.Walks, Is.EqualTo(2), "one walk per tree and HEAD");

        // A build whose projects need no heights (the root has a version of its own) looks at git without walking.
        var unwalked = new Spicetime.Tree.Build.BuildCaches();
        Assert.That(new Spicetime.Tree.Build.BuildContext(unwalked).Version(tree, tree.Find("release")!, null, null, new DiagnosticBag("tree.json"))!.Commit, Is.EqualTo(second));
        Assert.That(unwalked.GitFacts.Walks, Is.Zero);
    }
}
