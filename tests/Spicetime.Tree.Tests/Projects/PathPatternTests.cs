using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Tests.Projects;

/// <summary>Paths a project file names, resolved to the analysed folder: exact paths, MSBuild wildcards, unknown parts.</summary>
public class PathPatternTests
{
    private const string Root = "/repo";

    [TestCase("src/App", "../Lib/Lib.csproj", "src/Lib/Lib.csproj")]
    [TestCase("src/App", "..\\Lib\\Lib.csproj", "src/Lib/Lib.csproj")]
    [TestCase("src/App", "/repo/eng/Common.targets", "eng/Common.targets")]
    [TestCase(".", "./a/./b.cs", "a/b.cs")]
    public void Exact_paths_resolve_against_the_base_folder(string folder, string text, string expected) =>
        Assert.That(PathPattern.Create(Root, folder, text)!.Exact, Is.EqualTo(expected));

    [TestCase("src/App", "../../../outside.cs")]
    [TestCase("src/App", "/usr/share/dotnet/sdk/Sdk.props")]
    [TestCase("src/App", "C:\\Program Files\\dotnet\\x.props")]
    public void Paths_outside_the_folder_are_nothing_a_change_can_touch(string folder, string text) =>
        Assert.That(PathPattern.Create(Root, folder, text), Is.Null);

    [TestCase("docs/snippets", "*.cs", "docs/snippets/Client.cs", true)]
    [TestCase("docs/snippets", "*.cs", "test/Other/Client.cs", false)]
    [TestCase("docs/snippets", "*.cs", "docs/snippets/sub/Client.cs", false)]
    [TestCase("src/App", "../Shared/**/*.cs", "src/Shared/a/b/C.cs", true)]
    [TestCase("src/App", "../Shared/**/*.cs", "src/Shared/C.cs", true)]
    [TestCase("src/App", "../Shared/**/*.cs", "src/Other/C.cs", false)]
    [TestCase("src/App", "Data/?.json", "src/App/Data/a.json", true)]
    public void Wildcards_match_as_MSBuild_globs(string folder, string text, string path, bool matches) =>
        Assert.That(PathPattern.Create(Root, folder, text)!.Matches(path), Is.EqualTo(matches));

    [Test]
    public void An_unknown_part_matches_anything_there_and_is_marked()
    {
        var pattern = PathPattern.Create(Root, "src/App", MSBuildText.Unknown + "src/Lib/Lib.csproj")!;
        Assert.That(pattern.HasUnknown, Is.True);
        Assert.That(pattern.Matches("src/Lib/Lib.csproj"), Is.True);
        Assert.That(pattern.Matches("other/src/Lib/Lib.csproj"), Is.True);
        Assert.That(pattern.Matches("src/Lib/Other.csproj"), Is.False);

        var middle = PathPattern.Create(Root, "src/App", $"../{MSBuildText.Unknown}/X.cs")!;
        Assert.That(middle.Matches("src/Deep/Er/X.cs"), Is.True);
        Assert.That(middle.Matches("test/X.cs"), Is.False);

        Assert.That(PathPattern.Create(Root, "src/App", MSBuildText.Unknown)!.Matches("anything/at/all.props"), Is.True);
    }

    [TestCase("../Shared/**/*.cs", "src/Shared/sub", true)] // a glob reaches below its folder
    [TestCase("../Shared/**/*.cs", "src", true)]
    [TestCase("../Shared/**/*.cs", "src/Other", false)]
    [TestCase("../Shared/X.cs", "src/Shared", true)]
    [TestCase("../Shared/X.cs", "src/Shared/sub", false)]
    [TestCase("\u0001/X.cs", "anywhere", true)]
    public void A_pattern_knows_which_folders_it_may_reach(string text, string folder, bool reaches) =>
        Assert.That(PathPattern.Create(Root, "src/App", text.Replace("\\u0001", MSBuildText.Unknown))!.MayMatchUnder(folder), Is.EqualTo(reaches));

    [Test]
    public void No_character_makes_it_throw()
    {
        foreach (var text in new[] { "\0", "a\0b.cs", "::", "\\\\server\\share\\x", "C:", "../" + MSBuildText.Unknown + "/../x", "[", "(", "\uFFFF" })
        {
            Assert.DoesNotThrow(() => PathPattern.Create(Root, "src", text)?.Matches("src/x"), text);
        }
    }
}
