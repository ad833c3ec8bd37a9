using Spicetime.Tree.Mapping;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;

namespace Spicetime.Tree.Tests.Git;

/// <summary>The current branch read from .git without starting git: worktrees, detached heads, CI variables, packed refs.</summary>
public class GitBranchReaderTests : BuildFolderTests
{
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
}
