using Spicetime.Tree.Mapping;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;

namespace Spicetime.Tree.Tests;

/// <summary>A temporary folder with a small tree of forks, for the rules the SDK applies (tested without MSBuild).</summary>
public abstract class BuildFolderTests
{
    protected string _root = null!;

    [SetUp]
    public void CreateFolder() => _root = Directory.CreateTempSubdirectory("spicetime-build-rules-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_root, recursive: true);

    protected string Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    protected Spicetime.Tree.Resolution.ResolvedTree Tree()
    {
        var path = Write("tree.json", """
            {"scopes": {"core": {"packages": {"A": "1.0.0"}, "properties": {"P": "x"}, "projects": ["shared/Core/Core.csproj"]}},
             "root": {"branch": "release", "scopes": ["core"], "children": [
               {"branch": "feature-A", "path": "forks/a", "children": [{"branch": "deep", "path": "forks/a/deep"}]},
               {"branch": "feature-B"}]}}
            """);
        var result = TreeFile.Load(path);
        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        return result.Tree!;
    }

    protected static Func<string, string?> NoCi => _ => null;

    /// <summary>What the project at <paramref name="projectFile"/> (relative to the folder) gets, mapped as a build maps it.</summary>
    protected ProjectInjection Injection(string projectFile, string? branch = null)
    {
        var tree = Tree();
        var file = Path.Combine(_root, projectFile);
        return ProjectInjection.For(tree, ProjectNodeMapper.Map(tree, Path.GetDirectoryName(file)!, branch, new DiagnosticBag(null), NoCi)!, file);
    }

    protected NodeMapping Map(string projectDirectory, string? branch = null, Func<string, string?>? environment = null)
    {
        var bag = new DiagnosticBag("p.csproj");
        var mapping = ProjectNodeMapper.Map(Tree(), Path.Combine(_root, projectDirectory), branch, bag, environment ?? NoCi);
        Assert.That(bag.Items, Is.Empty);
        return mapping!;
    }
}
