using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Tests.Paths;

/// <summary>Where a path finally leads: a link's final target, a dangling link's target, and nothing for a plain file or a path with nothing at it.</summary>
public class SymbolicLinkTests
{
    private string _folder = null!;

    [SetUp]
    public void Create() => _folder = Directory.CreateTempSubdirectory("spicetime-link-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    private string At(string name) => Path.Combine(_folder, name);

    [Test]
    public void A_link_leads_to_its_final_target_a_dangling_one_to_where_it_points_and_anything_else_nowhere()
    {
        File.WriteAllText(At("file"), "x");
        Directory.CreateDirectory(At("folder"));
        try
        {
            File.CreateSymbolicLink(At("link"), At("file"));
            File.CreateSymbolicLink(At("link-to-link"), At("link"));
            File.CreateSymbolicLink(At("dangling"), At("gone"));
            Directory.CreateSymbolicLink(At("folder-link"), At("folder"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Assert.Ignore($"no symbolic links here: {e.Message}");
        }

        Assert.That(SymbolicLink.FinalTarget(new FileInfo(At("link"))), Is.EqualTo(At("file")));
        Assert.That(SymbolicLink.FinalTarget(new FileInfo(At("link-to-link"))), Is.EqualTo(At("file")));
        Assert.That(SymbolicLink.FinalTarget(new FileInfo(At("dangling"))), Is.EqualTo(At("gone")));
        Assert.That(SymbolicLink.FinalTarget(new DirectoryInfo(At("dangling"))), Is.EqualTo(At("gone")));
        Assert.That(SymbolicLink.FinalTarget(new DirectoryInfo(At("folder-link"))), Is.EqualTo(At("folder")));
        Assert.That(SymbolicLink.FinalTarget(new FileInfo(At("file"))), Is.Null);
        Assert.That(SymbolicLink.FinalTarget(new DirectoryInfo(At("folder"))), Is.Null);
        Assert.That(SymbolicLink.FinalTarget(new FileInfo(At("missing"))), Is.Null, "nothing at the path");
        Assert.That(SymbolicLink.FinalTarget(new DirectoryInfo(Path.Combine(At("missing"), "deeper"))), Is.Null, "nothing at the path or above it");
    }
}
