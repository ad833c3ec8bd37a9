using Spicetime.Tree.Build;

namespace Spicetime.Tree.Tests.Build;

/// <summary>What the writer hands its caller: the text, the content id as written into it, and the version group it closes with.</summary>
public class GeneratedPropsWriterTests : BuildFolderTests
{
    private const string VersionOne = "  <PropertyGroup Label=\"Spicetime version\">\n    <SpicetimeCommit>aaa</SpicetimeCommit>\n  </PropertyGroup>\n";
    private const string VersionTwo = "  <PropertyGroup Label=\"Spicetime version\">\n    <SpicetimeCommit>bbb</SpicetimeCommit>\n  </PropertyGroup>\n";

    private ProjectInjection App() => Injection("forks/a/App/App.csproj");

    [Test]
    public void The_result_carries_the_id_written_into_the_text_and_the_version_group()
    {
        var props = GeneratedPropsWriter.Write(App(), null, VersionOne);
        Assert.That(props.ContentId, Is.EqualTo(GeneratedPropsWriter.IdOf(props.Text)));
        Assert.That(props.VersionGroup, Is.EqualTo(VersionOne));
        Assert.That(props.Text, Does.EndWith(VersionOne + "</Project>\n"));
        Assert.That(GeneratedPropsWriter.Write(App(), null).VersionGroup, Is.Empty, "none given");
    }

    [Test]
    public void The_version_changed_when_the_previous_file_closed_with_another_group_or_there_was_none()
    {
        var injection = App();
        var one = GeneratedPropsWriter.Write(injection, null, VersionOne);
        var two = GeneratedPropsWriter.Write(injection, null, VersionTwo);
        Assert.That(one.VersionChangedFrom(one.Text), Is.False, "the file as it is");
        Assert.That(two.VersionChangedFrom(one.Text), Is.True, "a new commit");
        Assert.That(one.VersionChangedFrom(GeneratedPropsWriter.Write(injection, "feature-A", VersionOne).Text), Is.False, "other content, same version");
        Assert.That(one.VersionChangedFrom(GeneratedPropsWriter.Write(injection, null).Text), Is.True, "no version group before");
        Assert.That(one.VersionChangedFrom(null), Is.True, "no file");
    }
}
