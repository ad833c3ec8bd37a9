using Spicetime.Tree.Mapping;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;

namespace Spicetime.Tree.Tests.Build;

/// <summary>What a project gets in a build: the generated props, deterministic, with provenance.</summary>
public class ProjectInjectionTests : BuildFolderTests
{
    [Test]
    public void Generated_props_are_deterministic_and_carry_provenance()
    {
        var tree = Tree();
        var mapping = ProjectNodeMapper.Map(tree, Path.Combine(_root, "forks/a/App"), null, new DiagnosticBag(null), NoCi)!;
        var injection = ProjectInjection.For(tree, mapping, Path.Combine(_root, "forks/a/App/App.csproj"));
        var props = GeneratedPropsWriter.Write(injection, null).Text;
        Assert.That(props, Is.EqualTo(GeneratedPropsWriter.Write(ProjectInjection.For(tree, mapping, Path.Combine(_root, "forks/a/App/App.csproj")), null).Text));
        Assert.That(props, Does.Contain("<_SpicetimeResolvedBranch>feature-A</_SpicetimeResolvedBranch>"));
        Assert.That(props, Does.Contain("<SpicetimeScopes>core</SpicetimeScopes>"));
        Assert.That(props, Does.Contain("<P>x</P> <!-- release/core -->"));
        Assert.That(props, Does.Contain("<_SpicetimePackageReference Include=\"A\" Version=\"1.0.0\" SpicetimeScope=\"core\" SpicetimeNode=\"release\" />"));
        Assert.That(props, Does.Contain($"<_SpicetimeProjectReference Include=\"{Path.Combine(_root, "shared", "Core", "Core.csproj")}\""));
        Assert.That(System.Xml.Linq.XDocument.Parse(props).Root!.Name.LocalName, Is.EqualTo("Project"));
    }

    [Test]
    public void The_version_closes_the_generated_props_and_stays_outside_their_content_id()
    {
        var tree = Tree();
        var injection = ProjectInjection.For(tree, ProjectNodeMapper.Map(tree, Path.Combine(_root, "forks/a/App"), null, new DiagnosticBag(null), NoCi)!,
            Path.Combine(_root, "forks/a/App/App.csproj"));
        const string commitOne = "  <PropertyGroup Label=\"Spicetime version\">\n    <SpicetimeCommit>aaa</SpicetimeCommit>\n  </PropertyGroup>\n";
        const string commitTwo = "  <PropertyGroup Label=\"Spicetime version\">\n    <SpicetimeCommit>bbb</SpicetimeCommit>\n  </PropertyGroup>\n";
        var one = GeneratedPropsWriter.Write(injection, null, commitOne).Text;
        var two = GeneratedPropsWriter.Write(injection, null, commitTwo).Text;

        Assert.That(one, Does.EndWith(commitOne + "</Project>\n"), "after the node's items, inside the project");
        Assert.That(System.Xml.Linq.XDocument.Parse(one).Root!.Elements().Last().Attribute("Label")!.Value, Is.EqualTo("Spicetime version"));
        Assert.That(GeneratedPropsWriter.IdOf(two), Is.EqualTo(GeneratedPropsWriter.IdOf(one)), "a new commit is no new content for restore (no SPT0300)");
        Assert.That(GeneratedPropsWriter.IdOf(one), Is.EqualTo(GeneratedPropsWriter.IdOf(GeneratedPropsWriter.Write(injection, null).Text)), "the id is the node content's alone");
        Assert.That(one, Is.Not.EqualTo(two), "but the file is rewritten with the new version");
    }

    [Test]
    public void Generated_props_name_their_content_so_a_build_can_tell_whether_its_evaluation_imported_them()
    {
        var tree = Tree();
        var app = GeneratedPropsWriter.Write(ProjectInjection.For(tree, ProjectNodeMapper.Map(tree, Path.Combine(_root, "forks/a/App"), null, new DiagnosticBag(null), NoCi)!,
            Path.Combine(_root, "forks/a/App/App.csproj")), null).Text;
        var core = Path.Combine(_root, "shared", "Core", "Core.csproj");
        var coreProps = GeneratedPropsWriter.Write(ProjectInjection.For(tree, ProjectNodeMapper.Map(tree, Path.GetDirectoryName(core)!, null, new DiagnosticBag(null), NoCi)!, core), null).Text;

        var id = GeneratedPropsWriter.IdOf(app);
        Assert.That(id, Does.Match("^[0-9a-f]{16}$"));
        Assert.That(app, Does.Contain($"<_SpicetimePropsId>{id}</_SpicetimePropsId>"), "an evaluation-time property");
        Assert.That(GeneratedPropsWriter.IdOf(coreProps), Is.Not.EqualTo(id), "other content, other id");
        Assert.That(GeneratedPropsWriter.IdOf("<Project />"), Is.Empty, "nothing imported");
    }

    [Test]
    public void A_scope_project_gets_no_scope_project_references()
    {
        var tree = Tree();
        var core = Path.Combine(_root, "shared", "Core", "Core.csproj");
        var mapping = ProjectNodeMapper.Map(tree, Path.GetDirectoryName(core)!, null, new DiagnosticBag(null), NoCi)!;
        Assert.That(ProjectInjection.For(tree, mapping, core).Projects, Is.Empty);
        Assert.That(ProjectInjection.For(tree, mapping, core).Packages.Single().Key, Is.EqualTo("A"));
    }

    [Test]
    public void Property_values_are_escaped_for_XML()
    {
        var path = Write("tree.json", """{"scopes": {"s": {"properties": {"DefineConstants": "$(DefineConstants);A<B&C"}}}, "root": {"branch": "r", "scopes": ["s"]}}""");
        var tree = TreeFile.Load(path).Tree!;
        var mapping = ProjectNodeMapper.Map(tree, _root, null, new DiagnosticBag(null), NoCi)!;
        var props = GeneratedPropsWriter.Write(ProjectInjection.For(tree, mapping, Path.Combine(_root, "App.csproj")), null).Text;
        Assert.That(props, Does.Contain("<DefineConstants>$(DefineConstants);A&lt;B&amp;C</DefineConstants>"));
    }
}
