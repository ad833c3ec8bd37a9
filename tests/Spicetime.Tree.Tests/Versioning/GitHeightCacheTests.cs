using System.Text;
using CsCheck;
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

    /// <summary>tree.json committed and built once; the cache file that build wrote.</summary>
    private static string BuiltOnce(GitWorkspace repo)
    {
        repo.Write("tree.json", TreeJson).Commit("tree");
        Build(repo);
        return Path.Combine(repo.Root, ".git", "spicetime", "heights-v2.txt");
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
        var file = BuiltOnce(repo);
        var text = File.ReadAllText(file);
        Assert.That(text, Does.Contain(" =v1:feature-A 1.4.0-feature-a.{build} ").And.Contain(" =v1:hotfix 1.4.0-feature-a."));

        // As an older or newer Spicetime would have written it (whole lines, their checks right): not this version's
        // lines, so the blob is read again.
        var other = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => GitHeightCache.Line(line[..line.LastIndexOf(' ')].Replace(" =v1:", " =v0:", StringComparison.Ordinal)) + "\n");
        File.WriteAllText(file, string.Concat(other));
        repo.Commit("work");
        Assert.That(Build(repo).LinesRead, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_build_after_a_new_commit_adds_its_lines_to_the_end_of_the_file()
    {
        using var repo = new GitWorkspace();
        var file = BuiltOnce(repo);
        var before = File.ReadAllText(file);

        repo.Commit("work");
        Build(repo);
        var after = File.ReadAllText(file);
        Assert.That(after, Does.StartWith(before).And.Length.GreaterThan(before.Length));
        Assert.That(after[before.Length..].Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.All.StartWith(Head(repo) + " "),
            "only the new commit's time and heights are added");
    }

    [Test]
    public void A_file_past_its_bound_is_rewritten_with_the_newest_entries()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "spicetime", "heights-v2.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var old = Enumerable.Range(0, GitHeightCache.CompactAt - 5).Select(i => GitHeightCache.Line($"{Id(i)} tree.json|1.0.0-a.{{build}} {i}") + "\n");
        File.WriteAllText(file, string.Concat(old));

        // Eleven entries (a time and ten heights) do not fit: the file becomes the newest Capacity entries.
        var heights = Enumerable.Range(0, 10).Select(i => new LineHeight($"1.0.{i}-b.{{build}}", i)).ToList();
        GitHeightCache.Open(folder.Path, "tree.json").Save(Id(-1), 7, heights);
        var lines = File.ReadAllLines(file);
        Assert.That(lines, Has.Length.EqualTo(GitHeightCache.Capacity));
        Assert.That(lines[^1], Is.EqualTo(GitHeightCache.Line($"{Id(-1)} tree.json|1.0.9-b.{{build}} 9")));
        var oldest = GitHeightCache.CompactAt - 5 - (GitHeightCache.Capacity - 11);
        Assert.That(lines[0], Is.EqualTo(GitHeightCache.Line($"{Id(oldest)} tree.json|1.0.0-a.{{build}} {oldest}")));

        var reopened = GitHeightCache.Open(folder.Path, "tree.json");
        Assert.That(reopened.Find(Id(-1), "1.0.3-b.{build}"), Is.EqualTo(3));
        Assert.That(reopened.CommitTime(Id(-1)), Is.EqualTo(7));
        Assert.That(reopened.Find(Id(0), "1.0.0-a.{build}"), Is.Null, "the oldest entries are gone");
    }

    [Test]
    public void A_write_cut_short_is_not_read_and_the_next_build_rewrites_the_file_instead_of_adding_to_it()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "spicetime", "heights-v2.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var second = GitHeightCache.Line($"{Id(2)} tree.json|1.0.0-a.{{build}} 12");
        File.WriteAllText(file, GitHeightCache.Line($"{Id(1)} tree.json|1.0.0-a.{{build}} 11") + "\n" + second[..^9]);

        var cache = GitHeightCache.Open(folder.Path, "tree.json");
        Assert.That(cache.Find(Id(1), "1.0.0-a.{build}"), Is.EqualTo(11));
        Assert.That(cache.Find(Id(2), "1.0.0-a.{build}"), Is.Null, "a line with no line break (here, its check cut off) is not read");

        cache.Save(Id(3), 5, new[] { new LineHeight("1.0.0-a.{build}", 13) });
        Assert.That(File.ReadAllLines(file), Is.EqualTo(new[]
        {
            GitHeightCache.Line($"{Id(1)} tree.json|1.0.0-a.{{build}} 11"),
            GitHeightCache.Line($"{Id(3)} @time 5"),
            GitHeightCache.Line($"{Id(3)} tree.json|1.0.0-a.{{build}} 13"),
        }));
    }

    /// <summary>
    /// Two builds writing at once, or one killed mid-write, can leave any mix of their bytes: .NET's append mode seeks to
    /// the end once, so the second write lands over the first from the end it saw, and either can be cut short (the
    /// second cut anywhere leaves the first's bytes after it). Generated: whatever the cache then finds is what some build
    /// wrote for that commit and line (a commit's height on a line never differs between builds), though the two writes
    /// hold lines of the same shape (fields of equal width) for different commits.
    /// </summary>
    [Test]
    public void Whatever_two_writes_leave_mixed_every_height_found_is_one_a_build_wrote()
    {
        var entry = Gen.Select(Gen.Int[0, 30], Gen.Int[0, 3]);
        var write = entry.Array[1, 12];
        Gen.Select(write, write, Gen.Double[0, 1], Gen.Double[0, 1], Gen.Int[0, 2]).Sample((first, second, overAt, cutAt, cut) =>
        {
            // One true height per commit and line, all of four digits: lines of one shape whatever their commit.
            static int Height(int commit, int line) => 1000 + (commit * 37) + (line * 100);
            static string Text((int Commit, int Line)[] write) =>
                string.Concat(write.Select(e => GitHeightCache.Line($"{Id(e.Commit)} tree.json|1.{e.Line}.0-a.{{build}} {Height(e.Commit, e.Line)}") + "\n"));

            var a = Encoding.UTF8.GetBytes(Text(first));
            var b = Encoding.UTF8.GetBytes(Text(second));
            var at = (int)(overAt * a.Length); // the end of file the second write saw, before the first wrote
            var written = cut == 1 ? (int)(cutAt * b.Length) : b.Length; // 1: the second write cut short
            var mixed = new byte[Math.Max(a.Length, at + written)];
            a.CopyTo(mixed, 0);
            b.AsSpan(0, written).CopyTo(mixed.AsSpan(at));
            if (cut == 2)
            {
                mixed = mixed[..(int)(cutAt * mixed.Length)]; // 2: the file cut short at its end
            }

            using var folder = new TemporaryFolder();
            var file = Path.Combine(folder.Path, "spicetime", "heights-v2.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, mixed);
            var cache = GitHeightCache.Open(folder.Path, "tree.json");
            for (var commit = 0; commit <= 30; commit++)
            {
                for (var line = 0; line <= 3; line++)
                {
                    if (cache.Find(Id(commit), $"1.{line}.0-a.{{build}}") is { } found && found != Height(commit, line))
                    {
                        throw new InvalidOperationException($"commit {commit} line {line}: {found} found in\n{Encoding.UTF8.GetString(mixed)}");
                    }
                }
            }
        }, iter: 1000, threads: 1);
    }

    private static string Id(int i) => Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(BitConverter.GetBytes(i))).ToLowerInvariant();

    private static string Head(GitWorkspace repo)
    {
        using var repository = GitRepository.Open(repo.Root)!;
        return repository.Head()!;
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("spicetime-heights-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
