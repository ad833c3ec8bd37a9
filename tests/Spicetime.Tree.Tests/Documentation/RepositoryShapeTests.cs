using System.Text.RegularExpressions;

namespace Spicetime.Tree.Tests.Documentation;

/// <summary>
/// The shape docs/architecture.md promises: no source file a reader gets lost in (500 lines at most), and each answer
/// of its "Where is X decided?" table one file that exists.
/// </summary>
public class RepositoryShapeTests
{
    private const int MaxLines = 500;

    private static string Root => FixtureFiles.RepositoryRoot;

    /// <summary>C# sources, and the graph page's own template, styles and scripts (not the vendored library).</summary>
    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".js", StringComparison.Ordinal)
                || p.EndsWith(".css", StringComparison.Ordinal) || p.EndsWith(".html", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Where(p => !p.Split('/').Any(part => part is "bin" or "obj" or "vendor"))
            .OrderBy(p => p, StringComparer.Ordinal);

    [Test]
    public void There_are_source_files() => Assert.That(SourceFiles(), Is.Not.Empty);

    [Test]
    public void No_source_file_is_longer_than_500_lines()
    {
        var tooLong = SourceFiles()
            .Select(p => (Path: p, Lines: File.ReadLines(Path.Combine(Root, p)).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.Path}: {f.Lines} lines")
            .ToList();
        Assert.That(tooLong, Is.Empty, $"split these by responsibility (at most {MaxLines} lines a file)");
    }

    /// <summary>The rows of the table: the question, and the links of the answer that are not documents (*.md).</summary>
    private static IEnumerable<(string Question, List<string> Targets)> WhereIsXDecided()
    {
        var document = File.ReadAllLines(Path.Combine(Root, "docs", "architecture.md"));
        var start = Array.FindIndex(document, l => l.StartsWith("## Where is X decided?", StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "docs/architecture.md has a \"Where is X decided?\" section");
        foreach (var line in document.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2))
        {
            var cells = line.Split('|');
            var targets = Regex.Matches(cells[2], @"\]\(([^)#]+)[^)]*\)")
                .Select(m => m.Groups[1].Value)
                .Where(t => !t.EndsWith(".md", StringComparison.Ordinal))
                .ToList();
            yield return (cells[1].Trim(), targets);
        }
    }

    [Test]
    public void Each_question_of_the_architecture_table_points_at_one_file_that_exists()
    {
        var rows = WhereIsXDecided().ToList();
        Assert.That(rows, Has.Count.GreaterThan(10));
        foreach (var (question, targets) in rows)
        {
            Assert.That(targets, Has.Count.EqualTo(1), $"'{question}' names one file");
            var path = Path.GetFullPath(Path.Combine(Root, "docs", targets[0]));
            Assert.That(File.Exists(path), Is.True, $"'{question}': {targets[0]} exists (a file, not a folder)");
        }
    }
}
