using System.Text.RegularExpressions;
using CsCheck;

namespace Spicetime.Cli.Tests.Generative;

/// <summary>
/// validate, show (text and JSON), why and graph on mutated manifests (in-process): an exit code of 0, 1 or 2, never
/// a stack trace, and every diagnostic line in MSBuild's canonical form with a code (and a position, for the file's
/// content; a branch named on the command line that no node has is reported on the file as a whole).
/// </summary>
public class MutatedTreeCommandTests
{
    private static readonly Regex Canonical = new(@"^(tree\.json(\(\d+,\d+\))?|spicetime): (error|warning) SPT\d{4}: .+$", RegexOptions.Compiled);

    [Test]
    public void Commands_on_mutated_manifests_exit_with_a_code_and_canonical_diagnostics()
    {
        var folder = Directory.CreateTempSubdirectory("spicetime-mutated-").FullName;
        try
        {
            ManifestMutations.Mutated.Sample(text =>
            {
                File.WriteAllBytes(Path.Combine(folder, "tree.json"), System.Text.Encoding.UTF8.GetBytes(text)); // a lone surrogate becomes U+FFFD, as an editor would save it
                foreach (var args in new[]
                {
                    new[] { "validate" }, new[] { "show" }, new[] { "show", "--format", "json" }, new[] { "graph", "--format", "dot" },
                    new[] { "why", "Serilog", "--branch", "feature-A" }, new[] { "why", "Nullable", "--branch", "release" },
                })
                {
                    var output = new StringWriter();
                    var error = new StringWriter();
                    var exit = SpicetimeCli.Run(args, output, error, folder);
                    var stderr = error.ToString();
                    if (exit is < 0 or > 2 || stderr.Contains("Unhandled exception", StringComparison.Ordinal) || stderr.Contains("   at ", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"spicetime {string.Join(' ', args)}: exit {exit}\n{stderr}");
                    }

                    foreach (var line in stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (line.Contains(" SPT", StringComparison.Ordinal) && !Canonical.IsMatch(line))
                        {
                            throw new InvalidOperationException($"spicetime {string.Join(' ', args)}: not canonical: {line}");
                        }
                    }
                }
            }, iter: 400, threads: 1);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
