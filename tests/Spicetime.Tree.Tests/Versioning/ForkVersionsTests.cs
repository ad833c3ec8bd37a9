using NuGet.Versioning;
using Spicetime.Tree.Versioning;

namespace Spicetime.Tree.Tests.Versioning;

/// <summary>The fork-aware version rule: labels, lines, grandchildren, SemVer 2 validity and the 64-character limit.</summary>
public class ForkVersionsTests
{
    [TestCase("release", "release")]
    [TestCase("Feature/New_UI", "feature-new-ui")]
    [TestCase("feature-A", "feature-a")]
    [TestCase("bug#12.fix", "bug-12-fix")]
    [TestCase("users/ana/ÜBER-fix", "users-ana--ber-fix")]
    [TestCase("2024", "b2024")]
    [TestCase("007", "b007")]
    [TestCase("3-hotfix", "3-hotfix")]
    public void Labels_follow_the_branch_name(string branch, string label) =>
        Assert.That(ForkVersions.Label(branch), Is.EqualTo(label));

    private static Spicetime.Tree.Resolution.ResolvedTree Tree(string json) => Manifest.Load(json).Tree!;

    private const string Lineage = """
        {"root": {"branch": "release", "version": "1.4.0", "children": [
          {"branch": "Feature/New_UI", "children": [{"branch": "spike", "children": [{"branch": "007"}]}]},
          {"branch": "hotfix", "version": "1.4.1", "children": [{"branch": "qa"}]}]}}
        """;

    [Test]
    public void Patterns_continue_the_parent_line_level_by_level()
    {
        var tree = Tree(Lineage);
        Assert.That(tree.Find("release")!.VersionPattern, Is.EqualTo("1.4.0"));
        Assert.That(tree.Find("Feature/New_UI")!.VersionPattern, Is.EqualTo("1.4.0-feature-new-ui.{build}"));
        Assert.That(tree.Find("spike")!.VersionPattern, Is.EqualTo("1.4.0-feature-new-ui.{build}.spike.{build}"));
        Assert.That(tree.Find("hotfix")!.VersionPattern, Is.EqualTo("1.4.1"), "a fork with its own version starts a line");
        Assert.That(tree.Find("qa")!.VersionPattern, Is.EqualTo("1.4.1-qa.{build}"));
        Assert.That(Tree("""{"root": {"branch": "main", "children": [{"branch": "fork"}]}}""").Find("fork")!.VersionPattern, Is.EqualTo("$(Version)-fork.{build}"));
    }

    [Test]
    public void Versions_are_valid_SemVer_2_and_a_grandchild_sorts_after_the_parent_build_it_grew_from()
    {
        var tree = Tree(Lineage);
        var builds = new Dictionary<string, int> { ["Feature/New_UI"] = 7, ["spike"] = 3, ["007"] = 12, ["qa"] = 1 };
        ForkVersion Of(string branch) => ForkVersions.Compute(tree.Find(branch)!, NuGetVersion.Parse("9.9.9"), n => builds[n.Branch.Value]);

        Assert.That(Of("Feature/New_UI").Version.ToNormalizedString(), Is.EqualTo("1.4.0-feature-new-ui.7"));
        Assert.That(Of("spike").Version.ToNormalizedString(), Is.EqualTo("1.4.0-feature-new-ui.7.spike.3"));
        Assert.That(Of("007").Version.ToNormalizedString(), Is.EqualTo("1.4.0-feature-new-ui.7.spike.3.b007.12"));
        Assert.That(Of("qa").Version.ToNormalizedString(), Is.EqualTo("1.4.1-qa.1"));
        Assert.That(Of("007").Version.IsSemVer2, Is.True);
        Assert.That(Of("spike").Version, Is.GreaterThan(Of("Feature/New_UI").Version));
        Assert.That(Of("spike").Version, Is.LessThan(NuGetVersion.Parse("1.4.0-feature-new-ui.8")));
        Assert.That(Of("Feature/New_UI").Version, Is.LessThan(NuGetVersion.Parse("1.4.0")), "a fork's prerelease sorts before its parent's release");

        var noVersion = Tree("""{"root": {"branch": "main", "children": [{"branch": "fork"}]}}""");
        Assert.That(ForkVersions.Compute(noVersion.Find("fork")!, NuGetVersion.Parse("2.0.0+abc"), _ => 5).Version.ToNormalizedString(), Is.EqualTo("2.0.0-fork.5"),
            "the root takes the build's $(Version), without its metadata");
    }

    [Test]
    public void A_version_longer_than_64_characters_shortens_its_longest_labels_the_same_way_everywhere()
    {
        var branch = "users/someone-with-a-long-name/feature/a-very-long-description-of-the-change";
        var tree = Tree("{\"root\": {\"branch\": \"release\", \"version\": \"1.4.0\", \"children\": [{\"branch\": \"" + branch + "\", \"children\": [{\"branch\": \"qa\"}]}]}}");
        var first = ForkVersions.Compute(tree.Find("qa")!, NuGetVersion.Parse("1.0.0"), _ => 123);
        var again = ForkVersions.Compute(tree.Find("qa")!, NuGetVersion.Parse("1.0.0"), _ => 123);
        Assert.That(first.Version.ToNormalizedString().Length, Is.LessThanOrEqualTo(ForkVersions.MaxLength));
        Assert.That(first.Version.ToNormalizedString(), Is.EqualTo(again.Version.ToNormalizedString()));
        Assert.That(first.Version.ToNormalizedString(), Does.StartWith("1.4.0-users-someone").And.EndWith(".123.qa.123"));
        Assert.That(first.ShortenedLabels, Is.EqualTo(new[] { branch }));
        Assert.That(ForkVersions.Compute(tree.Find(branch)!, NuGetVersion.Parse("1.0.0"), _ => 1).ShortenedLabels, Is.Empty.Or.EqualTo(new[] { branch }));
    }
}
