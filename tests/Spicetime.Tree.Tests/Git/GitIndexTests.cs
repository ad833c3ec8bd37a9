using Spicetime.Tests.Fixtures;
using Spicetime.Tree.Git;

namespace Spicetime.Tree.Tests.Git;

/// <summary>
/// The index reader against <c>git ls-files --cached</c> on indexes the real git writes: formats 2, 3 (an intent-to-add
/// entry) and 4 (prefix-compressed names), from the top folder and from a subfolder, with unmerged paths; and the
/// indexes it leaves to git (split, sparse, damaged), which must give null.
/// </summary>
public class GitIndexTests
{
    private static readonly string[] Suffixes = { ".csproj", ".fsproj", ".props", ".targets" };

    private GitWorkspace _repo = null!;

    [SetUp]
    public void CreateRepository()
    {
        _repo = new GitWorkspace();
        _repo.Write("Directory.Build.props", "<Project />").Write("src/App/App.csproj", "<Project />").Write("src/App/Program.cs", "")
            .Write("src/Lib/Lib.fsproj", "<Project />").Write("src/Lib/build/Lib.targets", "<Project />").Write("tests/Lib.Tests/Lib.Tests.csproj", "<Project />")
            .Write("src/Odd/Odd.CSPROJ", "<Project />").Write("ünïcode/Ü.csproj", "<Project />").Write("docs/readme.md", "")
            .Write($"deep/{string.Join('/', Enumerable.Repeat("a-rather-long-folder-name", 8))}/Deep.csproj", "<Project />")
            .Commit("projects");
    }

    [TearDown]
    public void Delete() => _repo.Dispose();

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Lists_what_git_ls_files_lists_in_every_index_format(int version)
    {
        _repo.Git("update-index", "--index-version", version.ToString());
        if (version == 3)
        {
            _repo.Write("src/New/New.csproj", "<Project />");
            _repo.Git("add", "-N", "src/New/New.csproj"); // intent to add: an extended entry
        }

        Assert.That(IndexVersion(), Is.EqualTo(version));
        AssertListsAsGit(_repo.Root);
        AssertListsAsGit(Path.Combine(_repo.Root, "src"));
    }

    [Test]
    public void Lists_an_unmerged_path_once()
    {
        _repo.Git("checkout", "-q", "-b", "other");
        _repo.Write("src/App/App.csproj", "<Project Sdk=\"A\" />").Commit("other");
        _repo.Git("checkout", "-q", "main");
        _repo.Write("src/App/App.csproj", "<Project Sdk=\"B\" />").Commit("main");
        Assert.Throws<InvalidOperationException>(() => _repo.Git("merge", "-q", "other"), "the merge conflicts");
        Assert.That(_repo.Git("ls-files", "-u").Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.GreaterThan(1), "the index holds the path at several stages");
        AssertListsAsGit(_repo.Root);
    }

    [Test]
    public void A_split_index_is_left_to_git()
    {
        _repo.Git("update-index", "--split-index");
        using var repository = GitRepository.OpenReadAsGit(_repo.Root)!;
        Assert.That(repository.TrackedFiles(_repo.Root, Suffixes), Is.Null);
    }

    [Test]
    public void A_sparse_index_is_left_to_git()
    {
        _repo.Git("sparse-checkout", "init", "--cone", "--sparse-index");
        _repo.Git("sparse-checkout", "set", "src/App");
        using var repository = GitRepository.OpenReadAsGit(_repo.Root)!;
        Assert.That(repository.TrackedFiles(_repo.Root, Suffixes), Is.Null);
    }

    [Test]
    public void A_damaged_index_is_left_to_git()
    {
        var index = Path.Combine(_repo.Root, ".git", "index");
        var bytes = File.ReadAllBytes(index);
        File.WriteAllBytes(index, bytes[..(bytes.Length / 2)]);
        Assert.That(GitIndex.ReadPaths(index, 20), Is.Null);
    }

    [Test]
    public void Case_matters_even_where_the_repository_ignores_it_as_in_gits_pathspecs()
    {
        _repo.Git("config", "core.ignorecase", "true");
        using (var repository = GitRepository.OpenReadAsGit(_repo.Root)!)
        {
            Assert.That(repository.TrackedFiles(_repo.Root, Suffixes), Does.Not.Contain("src/Odd/Odd.CSPROJ"));
        }

        AssertListsAsGit(_repo.Root);
    }

    private void AssertListsAsGit(string folder)
    {
        using var repository = GitRepository.OpenReadAsGit(folder)!;
        var git = new GitWorkspace(folder, init: false);
        var listed = git.Git(new[] { "ls-files", "-z", "--cached", "--" }.Concat(Suffixes.Select(s => "*" + s)).ToArray())
            .Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        Assert.That(listed, Is.Not.Empty);
        Assert.That(repository.TrackedFiles(folder, Suffixes), Is.EqualTo(listed), folder);
    }

    private int IndexVersion()
    {
        var bytes = File.ReadAllBytes(Path.Combine(_repo.Root, ".git", "index"));
        return bytes[7];
    }
}
