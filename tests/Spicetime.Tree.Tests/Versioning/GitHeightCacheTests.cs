using Spicetime.Tree.Git;
using Spicetime.Tree.Versioning;

namespace Spicetime.Tree.Tests.Versioning;

/// <summary>
/// What the height cache keeps besides heights: each fork's line in a tree.json content, so that the build after a new
/// commit that left tree.json as it was reads no blob and parses nothing.
/// </summary>
public class GitHeightCacheTests
{
    private const string TreeJson = """
        {"root": {"branch": "release", "version": "1.4.0", "children": [
          {"branch": "feature-A", "path": "forks/a", "children": [{"branch": "hotfix"}]},
          {"branch": "pinned", "version": "2.0.0"}]}}
        """;

    /// <summary>One build: the heights, with the cache as a new build process opens it, and the cache saved as NodeVersions saves it.</summary>
    private static GitHeightResult Build(GitWorkspace repo)
    {
        var tree = TreeFile.Load(Path.Combine(repo.Root, "tree.json")).Tree!;
        var forks = tree.Manifest.Nodes.Where(ForkVersions.NeedsBuildNumber).ToList();
        var branches = forks.Select(f => f.Branch.Value).ToList();
        using var repository = GitRepository.Open(repo.Root)!;
        var cache = GitHeightCache.Open(repository.CommonDirectory, "tree.json");
        var result = GitHeight.Compute(repository, repository.Head()!, "tree.json", forks, cache.Find, blob => cache.FindLines(blob, branches));
        Assert.That(result.Failure, Is.Null, result.Failure?.Message);
        cache.Save(repository.Head()!, 1, forks.Select(f => new LineHeight(ForkVersions.Pattern(f), result.Heights[f.Branch.Value])).ToList(), result.LinesRead, branches);
        return result;
    }

    private static IReadOnlyDictionary<string, int> FullWalk(GitWorkspace repo)
    {
        var tree = TreeFile.Load(Path.Combine(repo.Root, "tree.json")).Tree!;
        using var repository = GitRepository.Open(repo.Root)!;
        return GitHeight.Compute(repository, repository.Head()!, "tree.json", tree.Manifest.Nodes.Where(ForkVersions.NeedsBuildNumber).ToList()).Heights;
    }

    [Test]
    public void A_new_commit_that_left_tree_json_as_it_was_reads_no_tree_json_and_counts_the_same()
    {
        using var repo = new GitWorkspace();
        repo.Write("tree.json", TreeJson).Commit("tree");
        repo.Commit("work");
        var first = Build(repo);
        Assert.That(first.LinesRead, Has.Count.EqualTo(1), "the first build parses the one tree.json content");

        repo.Write("src/file.txt", "x").Commit("a new commit");
        var next = Build(repo);
        Assert.That(next.LinesRead, Is.Empty, "its tree.json is the same blob: its lines come from the cache");
        Assert.That(next.Heights, Is.EquivalentTo(FullWalk(repo)));
        Assert.That(next.Heights["feature-A"], Is.EqualTo(3));
    }

    [Test]
    public void A_commit_that_changes_tree_json_is_read_and_a_new_line_starts_again()
    {
        using var repo = new GitWorkspace();
        repo.Write("tree.json", TreeJson).Commit("tree");
        repo.Commit("work");
        Build(repo);

        repo.Edit("tree.json", "\"version\": \"1.4.0\"", "\"version\": \"1.5.0\"").Commit("new line");
        var changed = Build(repo);
        Assert.That(changed.LinesRead, Has.Count.EqualTo(1), "the new content is parsed");
        Assert.That(changed.Heights["feature-A"], Is.EqualTo(1));
        Assert.That(changed.Heights, Is.EquivalentTo(FullWalk(repo)));

        repo.Edit("tree.json", "\"version\": \"1.5.0\"", "\"version\": \"1.4.0\"").Commit("back to the old line");
        var back = Build(repo);
        Assert.That(back.LinesRead, Is.Empty, "that content was parsed before");
        Assert.That(back.Heights["feature-A"], Is.EqualTo(1), "a line that changed back starts again");
        Assert.That(back.Heights, Is.EquivalentTo(FullWalk(repo)));
    }

    [Test]
    public void Lines_recorded_in_another_format_are_not_used()
    {
        using var repo = new GitWorkspace();
        repo.Write("tree.json", TreeJson).Commit("tree");
        Build(repo);
        var file = Path.Combine(repo.Root, ".git", "spicetime", "heights-v1.txt");
        var text = File.ReadAllText(file);
        Assert.That(text, Does.Contain(" =v1:feature-A 1.4.0-feature-a.{build}\n").And.Contain(" =v1:hotfix 1.4.0-feature-a."));

        // As an older or newer Spicetime would have written it: not this version's lines, so the blob is read again.
        File.WriteAllText(file, text.Replace(" =v1:", " =v0:", StringComparison.Ordinal));
        repo.Commit("work");
        Assert.That(Build(repo).LinesRead, Has.Count.EqualTo(1));
    }
}
