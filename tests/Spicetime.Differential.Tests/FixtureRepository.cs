using System.Diagnostics;

namespace Spicetime.Differential.Tests;

/// <summary>A git repository on disk that a test writes files into and commits, deleted afterwards.</summary>
public sealed class FixtureRepository : IDisposable
{
    public FixtureRepository()
    {
        Root = Directory.CreateTempSubdirectory("spicetime-fixture-").FullName;
        Git("init", "-q", "-b", "main");
        Git("config", "user.email", "fixture@spicetime.test");
        Git("config", "user.name", "fixture");
        Git("config", "commit.gpgsign", "false");
    }

    public string Root { get; }

    public FixtureRepository Write(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    /// <summary>Rewrites a file of the repository: its text with <paramref name="oldText"/> replaced.</summary>
    public FixtureRepository Edit(string path, string oldText, string newText)
    {
        var full = Path.Combine(Root, path);
        var text = File.ReadAllText(full);
        if (!text.Contains(oldText, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{oldText}' is not in {path}");
        }

        File.WriteAllText(full, text.Replace(oldText, newText, StringComparison.Ordinal));
        return this;
    }

    public FixtureRepository Delete(string path)
    {
        File.Delete(Path.Combine(Root, path));
        return this;
    }

    /// <summary>An SDK-style project with the given body inside &lt;Project&gt;.</summary>
    public FixtureRepository Project(string path, string body = "") =>
        Write(path, $"<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n{body}\n</Project>\n");

    public void Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
    }

    /// <summary>Commits the change and compares Spicetime with MSBuild on it.</summary>
    public CommitComparison CommitAndCompare(string message)
    {
        Commit(message);
        return DifferentialRun.Run(Root, "HEAD", 1).Single();
    }

    public void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)}: {error.Result}");
        }
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("SPICETIME_KEEP_TEST_REPOS") != "1")
        {
            Directory.Delete(Root, true);
        }
    }
}
