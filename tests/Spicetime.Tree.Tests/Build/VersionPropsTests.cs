using NuGet.Versioning;
using Spicetime.Tree.Build;
using Spicetime.Tree.Versioning;

namespace Spicetime.Tree.Tests.Build;

/// <summary>The version props: what the targets compare in every evaluation, with no property function and no file read.</summary>
public class VersionPropsTests
{
    private static NodeVersion Version(IReadOnlyList<string> gitFiles, string? headRefFile) =>
        new("feature-A", NuGetVersion.Parse("1.4.0-feature-a.7"), 7, Array.Empty<string>(), "abc123", 1_700_000_000,
            new[] { "release", "feature-A" }, gitFiles) { HeadRefFile = headRefFile };

    [Test]
    public void The_branch_s_ref_file_is_named_for_an_Exists_check_only_when_it_was_absent_because_git_had_packed_it()
    {
        const string loose = "/repo/.git/refs/heads/feature-A";
        var whileLoose = GeneratedPropsWriter.VersionGroup(Version(new[] { "/repo/.git/HEAD", loose }, loose), GeneratedPropsWriter.VersionInputs("1.0.0", null));
        Assert.That(whileLoose, Does.Contain("<_SpicetimePackedHeadRefFile></_SpicetimePackedHeadRefFile>"), "an input already: its time stamp tells");
        Assert.That(whileLoose, Does.Contain($"<_SpicetimeVersionFiles>/repo/.git/HEAD;{loose}</_SpicetimeVersionFiles>"));

        var whilePacked = GeneratedPropsWriter.VersionGroup(Version(new[] { "/repo/.git/HEAD", "/repo/.git/packed-refs" }, loose), GeneratedPropsWriter.VersionInputs("1.0.0", null));
        Assert.That(whilePacked, Does.Contain($"<_SpicetimePackedHeadRefFile>{loose}</_SpicetimePackedHeadRefFile>"), "its appearance is the next commit");

        var detached = GeneratedPropsWriter.VersionGroup(Version(new[] { "/repo/.git/HEAD" }, null), GeneratedPropsWriter.VersionInputs("1.0.0", null));
        Assert.That(detached, Does.Contain("<_SpicetimePackedHeadRefFile></_SpicetimePackedHeadRefFile>"));
    }

    [TestCase("1.0.0", "5", "1.0.0|5")]
    [TestCase(" 1.0.0 ", null, " 1.0.0 |")]
    [TestCase(null, null, "|")]
    public void The_inputs_are_recorded_as_they_stand_as_the_targets_compare_them_untrimmed(string? line, string? buildNumber, string recorded) =>
        Assert.That(GeneratedPropsWriter.VersionInputs(line, buildNumber), Is.EqualTo(recorded));
}
