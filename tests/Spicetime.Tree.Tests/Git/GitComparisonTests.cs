using Spicetime.Tests.Fixtures;
using Spicetime.Tree.Git;

namespace Spicetime.Tree.Tests.Git;

/// <summary>
/// Revisions, merge bases and changed files read from the repository's files (<see cref="GitRepository"/>) against the
/// real git on the same histories: branches and merges, annotated and lightweight tags, remote refs and their symbolic
/// HEAD, a commit dated before its parent, folders that become files, modes, loose and packed objects and refs, and a
/// shallow clone. Every answer read here must be git's; a form or history it leaves to git must give null.
/// </summary>
public class GitComparisonTests
{
    private GitWorkspace _repo = null!;

    [SetUp]
    public void CreateHistory()
    {
        _repo = new GitWorkspace();
        _repo.Write("src/A/A.csproj", "<Project />").Write("src/B/B.csproj", "<Project />").Write("docs/readme.md", "one").Write("tool.sh", "echo").Commit("base");
        _repo.Write("src/A/Code.cs", "class A {}").Commit("main 1");
        _repo.Git("branch", "feature");
        _repo.Write("src/B/Code.cs", "class B {}").Commit("main 2");
        _repo.Git("tag", "-a", "v1", "-m", "version 1");
        _repo.Git("checkout", "-q", "feature");
        _repo.Write("feature.txt", "f").Delete("docs/readme.md").Commit("feature 1");
        // docs becomes a file; tool.sh becomes executable.
        Directory.Delete(Path.Combine(_repo.Root, "docs"), true);
        _repo.Write("docs", "now a file").Commit("feature 2");
        _repo.Git("update-index", "--chmod=+x", "tool.sh");
        _repo.Git("commit", "-q", "-m", "feature 3");
        _repo.Git("merge", "-q", "--no-edit", "main");
        _repo.Write("src/A/Code.cs", "class A { int x; }").Commit("feature 4");
        _repo.Git("tag", "light");
        _repo.Git("checkout", "-q", "main");
        // Committed with a date before its parent's (a skewed clock).
        _repo.Git(new Dictionary<string, string> { ["GIT_COMMITTER_DATE"] = "2001-01-01T00:00:00Z", ["GIT_AUTHOR_DATE"] = "2001-01-01T00:00:00Z" },
            "commit", "-q", "--allow-empty", "-m", "main 3 (skewed)");
        _repo.Write("src/C/C.csproj", "<Project />").Commit("main 4");
        // A remote-tracking branch and the remote's symbolic HEAD, as a clone has them.
        _repo.Git("update-ref", "refs/remotes/origin/main", "main~1");
        _repo.Git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
    }

    [TearDown]
    public void Delete() => _repo.Dispose();

    private static readonly string[] Revisions =
    {
        "HEAD", "@", "HEAD~1", "HEAD~2", "HEAD^", "main", "main~3", "feature", "feature~1", "feature~1^2", "feature^1~2",
        "feature~0", "v1", "v1~1", "light", "origin/main", "origin", "refs/heads/feature", "heads/feature", "tags/v1",
    };

    [Test]
    public void Revisions_resolve_to_the_commits_git_names_with_loose_objects_and_refs() => AssertResolvesAsGit();

    [Test]
    public void Revisions_resolve_to_the_commits_git_names_after_gc_packs_objects_and_refs()
    {
        _repo.Git("gc", "-q", "--prune=now");
        Assert.That(File.Exists(Path.Combine(_repo.Root, ".git", "packed-refs")), "git gc packed the refs");
        AssertResolvesAsGit();
    }

    [Test]
    public void Full_commit_ids_resolve_to_themselves()
    {
        using var repository = Open();
        var id = _repo.Git("rev-parse", "feature~1").Trim();
        Assert.That(repository.ResolveCommit(id), Is.EqualTo(id));
        Assert.That(repository.ResolveCommit(id + "~1"), Is.EqualTo(_repo.Git("rev-parse", "feature~2").Trim()));
    }

    [TestCase("HEAD@{1}")]
    [TestCase("main@{upstream}")]
    [TestCase("HEAD^{tree}")]
    [TestCase("main:src/A/Code.cs")]
    [TestCase(":/main 1")]
    [TestCase("main..feature")]
    [TestCase("no-such-branch")]
    [TestCase("HEAD~100")]
    [TestCase("feature^3")]
    public void Forms_read_only_by_git_and_names_of_nothing_give_null(string revision)
    {
        using var repository = Open();
        Assert.That(repository.ResolveCommit(revision), Is.Null);
    }

    [Test]
    public void Abbreviated_ids_are_left_to_git()
    {
        using var repository = Open();
        Assert.That(repository.ResolveCommit(_repo.Git("rev-parse", "--short", "HEAD").Trim()), Is.Null);
    }

    [Test]
    public void Merge_bases_and_changed_files_are_gits_for_every_pair() => AssertComparesAsGit();

    [Test]
    public void Merge_bases_and_changed_files_are_gits_for_every_pair_after_gc()
    {
        _repo.Git("gc", "-q", "--prune=now");
        AssertComparesAsGit();
    }

    [Test]
    public void A_criss_cross_history_with_two_merge_bases_is_left_to_git()
    {
        _repo.Git("checkout", "-q", "-b", "left", "main~2");
        _repo.Write("left.txt", "l").Commit("left");
        _repo.Git("checkout", "-q", "-b", "right", "main~2");
        _repo.Write("right.txt", "r").Commit("right");
        _repo.Git("merge", "-q", "--no-edit", "left");
        _repo.Git("checkout", "-q", "left");
        _repo.Git("merge", "-q", "--no-edit", "right~1");
        _repo.Write("left2.txt", "l").Commit("left 2");
        _repo.Git("checkout", "-q", "right");
        _repo.Write("right2.txt", "r").Commit("right 2");
        Assert.That(_repo.Git("merge-base", "--all", "left", "right").Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2), "the history has two merge bases");
        using var repository = Open();
        Assert.That(repository.MergeBase(repository.ResolveCommit("left")!, repository.ResolveCommit("right")!), Is.Null);
    }

    [Test]
    public void A_shallow_clone_reads_as_git_within_its_history()
    {
        using var shallow = new GitWorkspace(init: false);
        Directory.Delete(shallow.Root);
        _repo.Git("clone", "-q", "--depth", "3", "--no-single-branch", "file://" + _repo.Root, shallow.Root);
        using var repository = GitRepository.OpenReadAsGit(shallow.Root)!;
        Assert.That(repository.IsShallow);
        var cut = 0;
        foreach (var revision in new[] { "HEAD", "HEAD~1", "HEAD~2", "HEAD~3", "HEAD~4", "HEAD~5", "origin/feature", "origin/feature~1", "origin/feature~4" })
        {
            string? git;
            try
            {
                git = shallow.Git("rev-parse", "--verify", "-q", revision + "^{commit}").Trim();
            }
            catch (InvalidOperationException)
            {
                git = null; // past the cut: git does not have it either
                cut++;
            }

            Assert.That(repository.ResolveCommit(revision), Is.EqualTo(git), revision);
        }

        Assert.That(cut, Is.GreaterThan(0), "some revisions lie past the cut");
        var head = repository.ResolveCommit("HEAD")!;
        var parent = repository.ResolveCommit("HEAD~1")!;
        Assert.That(repository.MergeBase(parent, head), Is.EqualTo(shallow.Git("merge-base", "HEAD~1", "HEAD").Trim()));
    }

    [Test]
    public void Replace_refs_and_moving_variables_leave_every_question_to_git()
    {
        _repo.Git("replace", _repo.Git("rev-parse", "HEAD~1").Trim(), _repo.Git("rev-parse", "HEAD~2").Trim());
        Assert.That(GitRepository.OpenReadAsGit(_repo.Root), Is.Null);
    }

    [Test]
    public void The_comparison_reads_in_process_and_agrees_with_git_for_a_branch_against_its_base()
    {
        _repo.Git("checkout", "-q", "feature");
        using var comparison = GitComparison.Open(_repo.Root, out var error)!;
        Assert.That(error, Is.Empty);
        var mergeBase = comparison.FindMergeBase("origin/main", "HEAD", listChanges: true, out error);
        Assert.That(comparison.ReadInProcess, "a plain branch history is read from the files, starting no git");
        Assert.That(mergeBase, Is.EqualTo(_repo.Git("merge-base", "origin/main", "HEAD").Trim()));
        Assert.That(comparison.ChangedFiles(out _), Is.EqualTo(GitDiff(mergeBase!, "HEAD")));
        Assert.That(comparison.ReadAtMergeBase("src/B/Code.cs"), Is.EqualTo("class B {}"u8.ToArray()));
        Assert.That(comparison.ReadAtHead("src/A/Code.cs"), Is.EqualTo("class A { int x; }"u8.ToArray()));
        Assert.That(comparison.ReadAtHead("feature.txt"), Is.EqualTo("f"u8.ToArray()));
        Assert.That(comparison.ReadAtMergeBase("feature.txt"), Is.Null);
        Assert.That(comparison.ReadAtHead("src"), Is.Null, "a folder is not a file");
    }

    [Test]
    public void The_comparison_asks_git_for_a_form_it_does_not_read_and_gets_the_same_answer()
    {
        using var comparison = GitComparison.Open(_repo.Root, out _)!;
        var mergeBase = comparison.FindMergeBase("feature@{0}", "HEAD", listChanges: true, out var error);
        Assert.That(comparison.ReadInProcess, Is.False);
        Assert.That(error, Is.Empty);
        Assert.That(mergeBase, Is.EqualTo(_repo.Git("merge-base", "feature", "HEAD").Trim()));
        Assert.That(comparison.ChangedFiles(out _), Is.EqualTo(GitDiff(mergeBase!, "HEAD")));
    }

    [Test]
    public void The_comparison_gives_gits_error_for_a_revision_that_names_nothing()
    {
        using var comparison = GitComparison.Open(_repo.Root, out _)!;
        Assert.That(comparison.FindMergeBase("no-such-branch", "HEAD", listChanges: true, out var error), Is.Null);
        Assert.That(error, Does.Contain("no-such-branch"));
    }

    private GitRepository Open() => GitRepository.OpenReadAsGit(_repo.Root) ?? throw new AssertionException("the repository reads as git");

    private void AssertResolvesAsGit()
    {
        using var repository = Open();
        foreach (var revision in Revisions)
        {
            var git = _repo.Git("rev-parse", "--verify", "-q", revision + "^{commit}").Trim();
            Assert.That(repository.ResolveCommit(revision), Is.EqualTo(git), revision);
        }
    }

    private void AssertComparesAsGit()
    {
        using var repository = Open();
        var compared = 0;
        foreach (var one in Revisions)
        {
            foreach (var two in Revisions)
            {
                var (a, b) = (repository.ResolveCommit(one)!, repository.ResolveCommit(two)!);
                var all = _repo.Git("merge-base", "--all", a, b).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                var mergeBase = repository.MergeBase(a, b);
                Assert.That(mergeBase, Is.EqualTo(all.Length == 1 ? all[0] : null), $"merge base of {one} and {two}");
                if (mergeBase is not null)
                {
                    Assert.That(repository.ChangedPaths(mergeBase, b), Is.EqualTo(GitDiff(mergeBase, b)), $"changes from {one} to {two}");
                    compared++;
                }
            }
        }

        Assert.That(compared, Is.GreaterThan(Revisions.Length * Revisions.Length / 2));
    }

    private List<string> GitDiff(string from, string to) =>
        _repo.Git("diff", "--name-only", "-z", "--no-renames", from, to).Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
}
