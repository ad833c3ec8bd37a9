using System.Text.RegularExpressions;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Tests.Documentation;

/// <summary>docs/errors.md documents every SPT code, and its examples do what they claim.</summary>
public class ErrorsDocumentTests
{
    private static readonly string ErrorsDoc = File.ReadAllText(Path.Combine(FixtureFiles.RepositoryRoot, "docs", "errors.md"));

    private static IEnumerable<string> Codes() => DiagnosticCodes.All.Select(c => c.Code);

    private static string Section(string code)
    {
        var start = ErrorsDoc.IndexOf($"## {code}:", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"docs/errors.md has no section for {code}");
        var end = ErrorsDoc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? ErrorsDoc[start..] : ErrorsDoc[start..end];
    }

    private static string? Example(string section, string label)
    {
        var match = Regex.Match(section, label + @":\n```(\w+)\n(.*?)\n```", RegexOptions.Singleline);
        Assert.That(match.Success, Is.True, $"no '{label}:' example");
        return match.Groups[1].Value == "json" ? match.Groups[2].Value : null;
    }

    [TestCaseSource(nameof(Codes))]
    public void Every_code_has_a_section_with_why_fix_and_examples(string code)
    {
        var section = Section(code);
        var title = DiagnosticCodes.All.Single(c => c.Code == code).Title;
        Assert.That(section, Does.StartWith($"## {code}: {title}"));
        Assert.That(section, Does.Contain("**Why:**").And.Contain("**Fix:**"));
        var descriptor = DiagnosticCodes.Find(code)!;
        var severity = descriptor.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        Assert.That(ErrorsDoc, Does.Contain($"| [{code}](#{code.ToLowerInvariant()}) | {severity} | {title} |"), "listed in the table with its severity and title");
        Assert.That(ErrorsDoc, Does.Contain($"<a id=\"{code.ToLowerInvariant()}\"></a>"), "the anchor its help link points to");
        Assert.That(descriptor.HelpLink, Does.EndWith($"docs/errors.md#{code.ToLowerInvariant()}"));
    }

    [TestCaseSource(nameof(Codes))]
    public void The_bad_example_reports_the_code_and_the_fixed_one_does_not(string code)
    {
        var section = Section(code);
        var bad = Example(section, "Bad");
        var fixedExample = Example(section, "Fixed");
        if (bad is null || fixedExample is null)
        {
            Assert.Pass("a command-line example, covered by the CLI tests");
        }

        var badResult = Manifest.Load(bad!);
        Assert.That(badResult.Diagnostics.Select(d => d.Code), Does.Contain(code), string.Join("\n", badResult.Diagnostics));
        var fixedResult = Manifest.Load(fixedExample!);
        Assert.That(fixedResult.Diagnostics.Select(d => d.Code), Does.Not.Contain(code), string.Join("\n", fixedResult.Diagnostics));
        Assert.That(fixedResult.Diagnostics.Where(d => d.IsError), Is.Empty, string.Join("\n", fixedResult.Diagnostics));
    }
}
