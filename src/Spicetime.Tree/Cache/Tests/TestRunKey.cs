using System.Security.Cryptography;
using System.Text;
using Spicetime.Tree.Cache.Keys;

namespace Spicetime.Tree.Cache.Tests;

/// <summary>
/// A test run's key: what decides whether a test project's tests pass. Every file of its output folder (what the test
/// host loads: the test assembly, every dependency's implementation, data files copied there), every file of the project's
/// own folder (data the tests read from the source tree; bin/, obj/ and TestResults/ left out; output files compared with
/// the checkout's folder named by its root, as generated compile inputs are), the runner's settings
/// (the filter, the runsettings file and its content, the platform), the runtime the tests run on, and the values of the
/// environment variables the project names (<c>SpicetimeCacheTestEnvironment</c>). Paths by their roots, as compile keys.
/// </summary>
public sealed class TestRunKey
{
    public const string Format = "spicetime-test-key/v1";

    private static readonly string[] LeftOut = { "bin", "obj", "TestResults", ".vs", ".git" };

    private TestRunKey(string key, IReadOnlyList<CompileInput> inputs)
    {
        Key = key;
        Inputs = inputs;
    }

    public string Key { get; }

    public IReadOnlyList<CompileInput> Inputs { get; }

    /// <param name="settings">The runner's settings and the runtime, by name (values with paths named by their roots).</param>
    /// <param name="outputFolder">The folder the test host runs from (<c>$(OutDir)</c>).</param>
    /// <param name="projectFolder">The test project's folder.</param>
    /// <param name="settingsFiles">Files the settings name (a runsettings file), by content.</param>
    /// <param name="environment">The allowed environment variables and their values (null: unset).</param>
    public static TestRunKey Compute(IEnumerable<KeyValuePair<string, string>> settings, string outputFolder, string projectFolder,
        IEnumerable<string> settingsFiles, IEnumerable<KeyValuePair<string, string?>> environment, PathRoots roots, FileHashes hashes)
    {
        var inputs = new List<CompileInput> { new("format", "key", Format) };
        inputs.AddRange(settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new CompileInput("setting", s.Key, roots.Value(s.Value))));
        inputs.AddRange(environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new CompileInput("environment", e.Key, e.Value ?? "(unset)")));
        foreach (var file in settingsFiles.Where(f => !string.IsNullOrWhiteSpace(f)))
        {
            inputs.Add(new CompileInput("file", "settings", roots.Name(file, out _), hashes.Of(file)));
        }

        var output = Path.GetFullPath(outputFolder);
        foreach (var file in Files(output, leaveOut: false))
        {
            // Build outputs may name the checkout (coverage's source root map): compared with their roots named.
            inputs.Add(new CompileInput("file", "output", Path.GetRelativePath(output, file).Replace('\\', '/'), FileHashes.OfGenerated(file, roots)));
        }

        var project = Path.GetFullPath(projectFolder);
        foreach (var file in Files(project, leaveOut: true))
        {
            inputs.Add(new CompileInput("file", "project", roots.Name(file, out _), hashes.Of(file)));
        }

        var text = new StringBuilder();
        foreach (var input in inputs)
        {
            text.Append(input.Line).Append('\n');
        }

        return new TestRunKey(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant(), inputs);
    }

    /// <summary>The folder's files in ordinal order; with <paramref name="leaveOut"/>, not under bin/, obj/, TestResults/ or a dot folder at its top.</summary>
    private static IEnumerable<string> Files(string folder, bool leaveOut)
    {
        if (!Directory.Exists(folder))
        {
            return Array.Empty<string>();
        }

        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var files = new List<string>(Directory.EnumerateFiles(folder, "*", options));
        foreach (var sub in Directory.EnumerateDirectories(folder, "*", options))
        {
            var name = Path.GetFileName(sub);
            if (leaveOut && (LeftOut.Contains(name, StringComparer.OrdinalIgnoreCase) || name.StartsWith('.')))
            {
                continue;
            }

            files.AddRange(Directory.EnumerateFiles(sub, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint }));
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
