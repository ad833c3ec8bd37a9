using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Tests.Loading;

/// <summary>Every path in tree.json stays inside the repository: no '..', no rooted path, no symbolic link out, no control character.</summary>
public class RepositoryBoundaryTests
{
    private string _root = null!;
    private string _outside = null!;

    [SetUp]
    public void Create()
    {
        _root = Directory.CreateTempSubdirectory("spicetime-boundary-").FullName;
        _outside = Directory.CreateTempSubdirectory("spicetime-outside-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "inside", "real"));
        File.WriteAllText(Path.Combine(_outside, "secret.json"), "{}");
        File.CreateSymbolicLink(Path.Combine(_root, "inside", "link"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "inside", "contract.json"), Path.Combine(_outside, "secret.json"));
        File.CreateSymbolicLink(Path.Combine(_root, "inside", "alias"), Path.Combine(_root, "inside", "real"));
    }

    [TearDown]
    public void Remove()
    {
        Directory.Delete(_root, true);
        Directory.Delete(_outside, true);
    }

    private TreeLoadResult Load(string json)
    {
        File.WriteAllText(Path.Combine(_root, "tree.json"), json);
        return TreeFile.Load(Path.Combine(_root, "tree.json"));
    }

    [Test]
    public void A_path_through_a_symbolic_link_that_leads_outside_is_SPT0107_naming_the_link()
    {
        var json = """
            {"scopes": {"s": {"projects": ["inside/link/App/App.csproj"], "paths": ["inside/link/**"], "contracts": {"api": "inside/contract.json"}}},
             "root": {"branch": "main", "scopes": ["s"], "children": [{"branch": "fork", "path": "inside/link"}]}}
            """;
        var errors = Load(json).Diagnostics.Where(d => d.Code == DiagnosticCodes.PathOutsideRepository.Code).ToList();
        Assert.That(errors, Has.Count.EqualTo(4), string.Join("\n", errors));
        Assert.That(errors.Select(e => e.Position), Is.EquivalentTo(new[]
        {
            Manifest.At(json, "\"inside/link/App"), Manifest.At(json, "\"inside/link/**"), Manifest.At(json, "\"inside/contract.json"), Manifest.At(json, "\"inside/link\"}"),
        }));
        Assert.That(errors[0].Message, Does.Contain("through the symbolic link 'inside/link'").And.Contain(_outside));
    }

    [Test]
    public void A_link_that_stays_inside_and_paths_that_do_not_exist_yet_are_fine()
    {
        var result = Load("""
            {"scopes": {"s": {"projects": ["inside/alias/App.csproj", "not/yet/there.csproj"], "paths": ["inside/alias/**", "**/*.cs"]}},
             "root": {"branch": "main", "scopes": ["s"], "children": [{"branch": "fork", "path": "inside/alias"}]}}
            """);
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
    }

    [TestCase("\\u0000")]
    [TestCase("forks/\\u0000fork")]
    [TestCase("forks/a\\tb")]
    [TestCase("forks/\\u001f")]
    public void A_control_character_in_a_path_is_SPT0121_and_never_a_crash(string path)
    {
        var json = "{\"scopes\": {\"s\": {\"projects\": [\"" + path + "\"]}}, \"root\": {\"branch\": \"main\", \"scopes\": [\"s\"], \"children\": [{\"branch\": \"fork\", \"path\": \"" + path + "\"}]}}";
        var result = Load(json);
        var errors = result.Diagnostics.Where(d => d.Code == "SPT0121").ToList();
        Assert.That(errors, Has.Count.EqualTo(2), string.Join("\n", result.Diagnostics));
        Assert.That(errors.All(e => e.Position.IsKnown && e.Message.Contains("\\u00")), Is.True);
    }

    [Test]
    public void Deeper_than_the_reader_goes_is_said_in_fork_levels()
    {
        static string Chain(int levels) =>
            "{\"root\": " + string.Concat(Enumerable.Range(0, levels).Select(i => $"{{\"branch\": \"n{i}\", \"scopes\": [], \"children\": [")) +
            "{\"branch\": \"leaf\", \"scopes\": []}" + string.Concat(Enumerable.Repeat("]}", levels)) + "}";
        Assert.That(Manifest.Load(Chain(510)).Succeeded, Is.True);
        var deep = Manifest.Load(Chain(511));
        Assert.That(Manifest.Single(deep, "SPT0100").Message, Does.StartWith("tree.json nests deeper than Spicetime reads").And.Contain("510 levels of forks"));
    }
}
