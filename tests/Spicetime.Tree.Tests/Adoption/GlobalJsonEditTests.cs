using Spicetime.Tree.Adoption;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Tests.Adoption;

/// <summary>global.json gets the msbuild-sdks entry in its own layout, and nothing else changes.</summary>
public class GlobalJsonEditTests
{
    private static string? Add(string text, out List<Diagnostic> diagnostics)
    {
        diagnostics = new List<Diagnostic>();
        return GlobalJsonEdit.Add(text, "1.2.3", "global.json", diagnostics, out _);
    }

    private static string Add(string text)
    {
        var result = Add(text, out var diagnostics);
        Assert.That(diagnostics, Is.Empty);
        return result!;
    }

    [Test]
    public void An_indented_file_gets_an_indented_entry_after_its_last_member()
    {
        var text = "{\n    \"sdk\": {\n        \"version\": \"10.0.100\",\n        \"rollForward\": \"latestFeature\"\n    }\n}\n";
        Assert.That(Add(text), Is.EqualTo(
            "{\n    \"sdk\": {\n        \"version\": \"10.0.100\",\n        \"rollForward\": \"latestFeature\"\n    },\n    \"msbuild-sdks\": {\n        \"Spicetime.Sdk\": \"1.2.3\"\n    }\n}\n"));
    }

    [Test]
    public void An_inline_file_gets_an_inline_entry_and_crlf_is_kept()
    {
        Assert.That(Add("{ \"sdk\": { \"version\": \"10.0.100\" } }\r\n"),
            Is.EqualTo("{ \"sdk\": { \"version\": \"10.0.100\" }, \"msbuild-sdks\": { \"Spicetime.Sdk\": \"1.2.3\" } }\r\n"));
        Assert.That(Add("{\r\n  \"sdk\": { \"version\": \"10.0.100\" }\r\n}"),
            Is.EqualTo("{\r\n  \"sdk\": { \"version\": \"10.0.100\" },\r\n  \"msbuild-sdks\": {\r\n    \"Spicetime.Sdk\": \"1.2.3\"\r\n  }\r\n}"));
    }

    [Test]
    public void An_existing_msbuild_sdks_object_gets_one_more_member()
    {
        var text = "{\n  // the SDKs of the repository\n  \"msbuild-sdks\": {\n    \"Microsoft.Build.NoTargets\": \"3.7.0\"\n  }\n}\n";
        Assert.That(Add(text), Is.EqualTo(
            "{\n  // the SDKs of the repository\n  \"msbuild-sdks\": {\n    \"Microsoft.Build.NoTargets\": \"3.7.0\",\n    \"Spicetime.Sdk\": \"1.2.3\"\n  }\n}\n"));
        Assert.That(Add("{\"msbuild-sdks\": {}}"), Is.EqualTo("{\"msbuild-sdks\": { \"Spicetime.Sdk\": \"1.2.3\" }}"));
    }

    [Test]
    public void An_empty_object_gets_the_entry()
    {
        Assert.That(Add("{}"), Is.EqualTo("{\n  \"msbuild-sdks\": {\n    \"Spicetime.Sdk\": \"1.2.3\"\n  }\n}"));
    }

    [TestCase("{\"msbuild-sdks\": {\"Spicetime.Sdk\": \"0.0.1\"}}")]
    [TestCase("{\"msbuild-sdks\": {\"spicetime.sdk\": \"9.9.9\"}}")]
    public void An_existing_entry_is_kept_whatever_its_version(string text) =>
        Assert.That(Add(text), Is.SameAs(text));

    [TestCase("{\n  \"sdk\": {\n    \"version\": \"10.0.100\"\n  \n}\n", 6, 1)]
    [TestCase("{\n  \"sdk\": nope\n}", 2, 11)]
    [TestCase("[1, 2]", 1, 1)]
    [TestCase("{\n  \"msbuild-sdks\": [\"Spicetime.Sdk\"]\n}", 2, 19)]
    [TestCase("", 1, 1)]
    public void A_malformed_file_is_SPT0800_at_its_line_and_column(string text, int line, int column)
    {
        Assert.That(Add(text, out var diagnostics), Is.Null);
        var diagnostic = diagnostics.Single();
        Assert.That(diagnostic.Code, Is.EqualTo(DiagnosticCodes.AdoptionInputInvalid.Code));
        Assert.That(diagnostic.Position, Is.EqualTo(new SourcePosition(line, column)), diagnostic.ToString());
        Assert.That(diagnostic.Format(), Does.StartWith($"global.json({line},{column}): error SPT0800: "));
    }
}
