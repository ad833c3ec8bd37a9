using System.Diagnostics;

namespace Spicetime.Cli.Tests;

/// <summary>Runs the real spicetime command (the built spicetime.dll under dotnet) in a folder and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    private static readonly string Tool = Path.Combine(TestContext.CurrentContext.TestDirectory, "spicetime.dll");

    public static CliRun In(string workingDirectory, params string[] args) => In(workingDirectory, null, args);

    /// <param name="environment">Variables for the command; SpicetimeBranch is never inherited from the test's own environment.</param>
    public static CliRun In(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("SpicetimeBranch");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliRun(process.ExitCode, output.Result, error.Result);
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>A temporary folder with a tree.json in it, removed after the test.</summary>
internal sealed class TreeFolder : IDisposable
{
    public TreeFolder(string treeJson)
    {
        Path = Directory.CreateTempSubdirectory("spicetime-cli-").FullName;
        File.WriteAllText(System.IO.Path.Combine(Path, "tree.json"), treeJson);
    }

    public string Path { get; }

    public CliRun Run(params string[] args) => CliRun.In(Path, args);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
