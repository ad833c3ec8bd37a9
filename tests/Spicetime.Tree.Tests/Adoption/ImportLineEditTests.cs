using Spicetime.Tree.Adoption;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Tests.Adoption;

/// <summary>Directory.Build.props gets the import as its first child, .targets as its last; nothing else changes.</summary>
public class ImportLineEditTests
{
    private static string? Add(string text, bool first, out List<Diagnostic> diagnostics)
    {
        diagnostics = new List<Diagnostic>();
        return ImportLineEdit.Add(text, first ? AdoptionImports.PropsLine : AdoptionImports.TargetsLine, first, "Directory.Build.props", diagnostics, out _);
    }

    private static string Add(string text, bool first)
    {
        var result = Add(text, first, out var diagnostics);
        Assert.That(diagnostics, Is.Empty);
        return result!;
    }

    [Test]
    public void Props_get_the_line_first_indented_like_the_file()
    {
        var text = "<?xml version=\"1.0\"?>\n<!-- shared -->\n<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\n    <PropertyGroup>\n        <Nullable>enable</Nullable>\n    </PropertyGroup>\n</Project>\n";
        Assert.That(Add(text, first: true), Is.EqualTo(text.Replace(
            "2003\">\n", "2003\">\n    " + AdoptionImports.PropsLine + "\n", StringComparison.Ordinal)));
    }

    [Test]
    public void Targets_get_the_line_last()
    {
        var text = "<Project>\r\n\t<Target Name=\"X\" />\r\n</Project>\r\n";
        Assert.That(Add(text, first: false), Is.EqualTo("<Project>\r\n\t<Target Name=\"X\" />\r\n\t" + AdoptionImports.TargetsLine + "\r\n</Project>\r\n"));
    }

    [Test]
    public void Compact_and_empty_projects_get_the_line_on_its_own_line()
    {
        Assert.That(Add("<Project><PropertyGroup /></Project>", first: true),
            Is.EqualTo($"<Project>\n  {AdoptionImports.PropsLine}\n  <PropertyGroup /></Project>"));
        Assert.That(Add("<Project><PropertyGroup /></Project>", first: false),
            Is.EqualTo($"<Project><PropertyGroup />\n  {AdoptionImports.TargetsLine}\n</Project>"));
        Assert.That(Add("<Project Sdk=\"x\" />\n", first: true), Is.EqualTo($"<Project Sdk=\"x\">\n  {AdoptionImports.PropsLine}\n</Project>\n"));
        Assert.That(Add("<Project>\n</Project>\n", first: false), Is.EqualTo($"<Project>\n  {AdoptionImports.TargetsLine}\n</Project>\n"));
    }

    [TestCase("<Project>\n  <Import Project=\"Sdk.props\" Sdk=\"Spicetime.Sdk\" />\n</Project>")]
    [TestCase("<Project>\n  <ImportGroup Condition=\"'$(X)' != ''\"><Import Sdk=\"spicetime.sdk/1.0.0\" Project=\"sdk.props\"/></ImportGroup>\n</Project>")]
    public void A_file_that_imports_it_already_is_kept(string text) => Assert.That(Add(text, first: true), Is.SameAs(text));

    [Test]
    public void The_other_import_does_not_count()
    {
        var text = $"<Project>\n  {AdoptionImports.TargetsLine}\n</Project>\n";
        Assert.That(Add(text, first: true), Is.Not.EqualTo(text));
    }

    [TestCase("<Project>\n  <PropertyGroup>\n</Project>", 3, 3)]
    [TestCase("<Project", 1, 9)]
    [TestCase("\n<Choose />", 2, 2)]
    public void A_malformed_file_is_SPT0800_at_its_line_and_column(string text, int line, int column)
    {
        Assert.That(Add(text, first: true, out var diagnostics), Is.Null);
        var diagnostic = diagnostics.Single();
        Assert.That(diagnostic.Code, Is.EqualTo(DiagnosticCodes.AdoptionInputInvalid.Code));
        Assert.That(diagnostic.Position, Is.EqualTo(new SourcePosition(line, column)), diagnostic.ToString());
    }
}
