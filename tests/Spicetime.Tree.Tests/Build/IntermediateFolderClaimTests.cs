using Spicetime.Tree.Build;

namespace Spicetime.Tree.Tests.Build;

/// <summary>SPT0303: generated props name their project, so a second project with the same file name in the same obj/ is found.</summary>
public class IntermediateFolderClaimTests : BuildFolderTests
{
    private static string PropsFor(string project) => $"<Project><PropertyGroup><{IntermediateFolderClaim.Property}>{project}</{IntermediateFolderClaim.Property}></PropertyGroup></Project>";

    [Test]
    public void Props_made_for_another_project_that_still_exists_name_it()
    {
        Write("src/Api/Api.csproj", "<Project />");
        Write("forks/b/Api/Api.csproj", "<Project />");
        var mine = Path.Combine(_root, "forks/b/Api/Api.csproj");
        Assert.That(IntermediateFolderClaim.NameOf(_root, mine), Is.EqualTo("forks/b/Api/Api.csproj"));
        Assert.That(IntermediateFolderClaim.OtherOwner(PropsFor("src/Api/Api.csproj"), _root, mine), Is.EqualTo("src/Api/Api.csproj"));
    }

    [Test]
    public void Props_of_this_project_of_a_project_gone_or_of_an_older_version_name_no_one()
    {
        Write("forks/b/Api/Api.csproj", "<Project />");
        var mine = Path.Combine(_root, "forks/b/Api/Api.csproj");
        Assert.That(IntermediateFolderClaim.OtherOwner(PropsFor("forks/b/Api/Api.csproj"), _root, mine), Is.Null);
        Assert.That(IntermediateFolderClaim.OtherOwner(PropsFor("src/Moved/Api.csproj"), _root, mine), Is.Null, "moved or renamed");
        Assert.That(IntermediateFolderClaim.OtherOwner("<Project />", _root, mine), Is.Null);
        Assert.That(IntermediateFolderClaim.OtherOwner(null, _root, mine), Is.Null);
    }

    [Test]
    public void A_writer_refused_by_its_guard_leaves_the_file_as_it_was()
    {
        var path = Write("obj/spicetime.Api.csproj.g.props", "theirs");
        Assert.That(GeneratedFile.WriteIfChanged(path, "mine", _ => false, out var previous), Is.False);
        Assert.That(previous, Is.EqualTo("theirs"));
        Assert.That(File.ReadAllText(path), Is.EqualTo("theirs"));
        Assert.That(GeneratedFile.WriteIfChanged(path, "mine", _ => true, out _), Is.True);
        Assert.That(File.ReadAllText(path), Is.EqualTo("mine"));
    }
}
