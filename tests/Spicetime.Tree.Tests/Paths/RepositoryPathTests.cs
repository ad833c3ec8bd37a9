using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Tests.Paths;

/// <summary>Repository-relative paths: one form ('/' separators, no '.' or '..'), whatever the system wrote.</summary>
public class RepositoryPathTests
{
    [TestCase("a/b/c.cs", "a/b")]
    [TestCase("c.cs", ".")]
    public void Folder_of(string path, string folder) => Assert.That(RepositoryPath.FolderOf(path), Is.EqualTo(folder));

    [TestCase("a/b/c.cs", "a", true)]
    [TestCase("a/b/c.cs", "a/b", true)]
    [TestCase("a/bc/c.cs", "a/b", false)]
    [TestCase("a", "a", true)]
    [TestCase("anything", ".", true)]
    public void Is_under(string path, string folder, bool under) => Assert.That(RepositoryPath.IsUnder(path, folder), Is.EqualTo(under));

    [TestCase("./a//b/./c", "a/b/c")]
    [TestCase("a\\b\\..\\c", "a/c")]
    [TestCase("../a", "../a")]
    [TestCase("a/../../b", "../b")]
    [TestCase("", ".")]
    [TestCase("./", ".")]
    public void Clean(string path, string clean) => Assert.That(RepositoryPath.Clean(path), Is.EqualTo(clean));

    [TestCase("/repo", "src", "C:\\Program Files\\dotnet\\sdk\\Sdk.props", null)]
    [TestCase("C:/work/repo", "src", "C:\\work\\repo\\eng\\x.props", "eng/x.props")]
    [TestCase("C:\\work\\repo", "src", "C:/work/repo/eng/x.props", "eng/x.props")]
    [TestCase("/repo", "src/App", "\\\\server\\share\\x.props", null)]
    [TestCase("/repo", "src/App", "..\\..\\..\\x.props", null)]
    [TestCase("/repo", "src/App", "..\\Lib\\Lib.csproj", "src/Lib/Lib.csproj")]
    [TestCase("/repo", ".", "/repo", ".")]
    [TestCase("C:\\Work\\Repo", "src", "c:\\work\\repo\\eng\\x.props", "eng/x.props")]
    [TestCase("c:/work/repo", "src", "C:\\WORK\\REPO\\Eng\\X.props", "Eng/X.props")]
    [TestCase("C:\\work\\repo", "src", "C:\\work\\repository\\x.props", null)]
    [TestCase("\\\\Server\\Share\\repo", "src", "\\\\server\\share\\REPO\\src\\A.csproj", "src/A.csproj")]
    [TestCase("/Repo", "src", "/repo/x.props", null)]
    public void Windows_and_Unix_paths_resolve_to_one_form(string root, string folder, string path, string? expected) =>
        Assert.That(RepositoryPath.Resolve(root, folder, path), Is.EqualTo(expected));

    [TestCase("C:\\Work\\Repo\\src\\x.cs", "c:\\work\\repo", true)]
    [TestCase("c:/work/repo", "C:\\Work\\Repo\\", true)]
    [TestCase("C:\\Work\\Repository\\x.cs", "C:\\Work\\Repo", false)]
    [TestCase("D:\\Work\\Repo\\x.cs", "C:\\Work\\Repo", false)]
    [TestCase("\\\\server\\share\\Repo\\x", "//SERVER/share/repo", true)]
    [TestCase("/work/Repo/x.cs", "/work/repo", false)]
    [TestCase("/work/repo/x.cs", "/work/repo/", true)]
    [TestCase("/work/repox", "/work/repo", false)]
    public void A_full_path_lies_within_a_folder_with_the_case_rules_of_its_system(string path, string folder, bool within) =>
        Assert.That(RepositoryPath.IsWithin(path, folder), Is.EqualTo(within));

    [TestCase("C:\\Work\\Repo\\App.csproj", "c:/work/repo/app.csproj", true)]
    [TestCase("\\\\Server\\Share\\a.csproj", "//server/share/A.csproj", true)]
    [TestCase("/work/repo/App.csproj", "/work/repo/app.csproj", false)]
    [TestCase("/work/repo/App.csproj", "/work/repo/App.csproj", true)]
    [TestCase("/work/repo/", "/work/repo", true)]
    public void Two_full_paths_are_the_same_with_the_case_rules_of_their_system(string a, string b, bool same)
    {
        Assert.That(RepositoryPath.SamePath(a, b), Is.EqualTo(same));
        Assert.That(RepositoryPath.IsWithin(a, b) && RepositoryPath.IsWithin(b, a), Is.EqualTo(same), "IsWithin decides case the same way");
    }

    [TestCase("C:\\x", true)]
    [TestCase("c:/x", true)]
    [TestCase("\\\\server\\share", true)]
    [TestCase("/x", true)]
    [TestCase("x/y", false)]
    [TestCase("..", false)]
    public void Rooted_paths(string path, bool rooted) => Assert.That(RepositoryPath.IsAbsolute(path), Is.EqualTo(rooted));

    [Test]
    public void No_character_a_JSON_string_can_hold_makes_it_throw()
    {
        foreach (var text in new[] { "\0", "a\0b", "\u0001/..", "\uD800", "\t", new string('/', 5000), string.Concat(Enumerable.Repeat("../", 500)) })
        {
            Assert.DoesNotThrow(() => RepositoryPath.Resolve("/repo", "src", text));
            Assert.DoesNotThrow(() => RepositoryPath.Clean(text));
        }
    }
}
