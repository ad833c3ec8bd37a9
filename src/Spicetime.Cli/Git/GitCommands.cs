using System.Diagnostics;

namespace Spicetime.Cli.Git;

/// <summary>The few git questions `spicetime affected` asks, answered by the git command (the CLI may start processes; the build never does).</summary>
public sealed class GitCommands
{
    private readonly string _directory;

    public GitCommands(string directory) => _directory = directory;

    /// <summary>Runs git; returns its output, or null with <paramref name="error"/> set when it failed.</summary>
    public string? Run(out string error, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            error = stderr.Result.Trim();
            return process.ExitCode == 0 ? output.Result : null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            error = $"git could not be started: {e.Message}";
            return null;
        }
    }

    /// <summary>The repository's top folder.</summary>
    public string? TopLevel(out string error) => Run(out error, "rev-parse", "--show-toplevel")?.Trim();

    /// <summary>The merge base of <paramref name="baseRef"/> and <paramref name="head"/>, or null with <paramref name="error"/> set.</summary>
    public string? MergeBase(string baseRef, string head, out string error) => Run(out error, "merge-base", baseRef, head)?.Trim();

    /// <summary>Files changed between <paramref name="mergeBase"/> and <paramref name="head"/> (renames as delete + add), relative to the repository top.</summary>
    public IReadOnlyList<string>? ChangedFiles(string mergeBase, string head, bool includeUncommitted, out string error)
    {
        var diff = Run(out error, "diff", "--name-only", "--no-renames", mergeBase, head);
        if (diff is null)
        {
            return null;
        }

        var files = Lines(diff).ToList();
        if (includeUncommitted)
        {
            var working = Run(out error, "diff", "--name-only", "--no-renames", "HEAD");
            var untracked = Run(out error, "ls-files", "--others", "--exclude-standard");
            if (working is null || untracked is null)
            {
                return null;
            }

            files.AddRange(Lines(working));
            files.AddRange(Lines(untracked));
        }

        return files.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
    }

    /// <summary>A file's content at a revision, or null when it does not exist there.</summary>
    public byte[]? Show(string revision, string path)
    {
        var text = Run(out _, "show", $"{revision}:{path}");
        return text is null ? null : System.Text.Encoding.UTF8.GetBytes(text);
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
