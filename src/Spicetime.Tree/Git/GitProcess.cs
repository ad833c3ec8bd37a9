using System.Diagnostics;
using System.Text;

namespace Spicetime.Tree.Git;

/// <summary>
/// The few git questions selective builds ask, answered by the git command in one folder. Only `spicetime affected`,
/// `spicetime workspace` and <c>SpicetimeAffectedSince</c> start git; mapping a project to its node never does
/// (<see cref="GitBranchReader"/> reads the files).
/// </summary>
public sealed class GitProcess
{
    private readonly string _directory;

    public GitProcess(string directory) => _directory = directory;

    /// <summary>Runs git; returns its standard output, or null with <paramref name="error"/> set when it failed.</summary>
    public byte[]? Run(out string error, params string[] args)
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

        // Never ask for credentials or open a pager: this runs in builds and CI.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_PAGER"] = "cat";
        try
        {
            using var process = Process.Start(start)!;
            using var output = new MemoryStream();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            error = stderr.Result.Trim();
            return process.ExitCode == 0 ? output.ToArray() : null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            error = $"git could not be started ({e.Message}); install git or pass --files";
            return null;
        }
    }

    private string? Text(out string error, params string[] args)
    {
        var bytes = Run(out error, args);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// The repository's top folder: the nearest folder up from this one that holds <c>.git</c> (a folder, or a
    /// worktree's or submodule's file), found without starting git; git itself is asked only where its environment moves
    /// the repository (<see cref="GitRepository.MovingVariables"/>: <c>GIT_DIR</c>, <c>GIT_WORK_TREE</c>, ...), which it alone interprets.
    /// </summary>
    public string? TopLevel(out string error)
    {
        if (!GitRepository.EnvironmentMovesRepository() && GitBranchReader.Locate(_directory) is { } found && Directory.Exists(found.GitDirectory))
        {
            error = string.Empty;
            return found.WorkTree;
        }

        return Text(out error, "rev-parse", "--show-toplevel")?.Trim() is { } top ? Path.GetFullPath(top) : null;
    }

    /// <summary>The merge base of <paramref name="baseRef"/> and <paramref name="head"/>, or null with <paramref name="error"/> set.</summary>
    public string? MergeBase(string baseRef, string head, out string error) =>
        Text(out error, "merge-base", baseRef, head)?.Trim();

    /// <summary>
    /// Files changed between <paramref name="mergeBase"/> and <paramref name="head"/>, relative to the repository top
    /// (a rename counts as a deletion and an addition, so both folders are affected).
    /// </summary>
    public IReadOnlyList<string>? ChangedFiles(string mergeBase, string head, out string error) =>
        Text(out error, "diff", "--name-only", "-z", "--no-renames", mergeBase, head) is { } diff ? Entries(diff).ToList() : null;

    /// <summary>
    /// <see cref="ChangedFiles"/> from the merge base of <paramref name="baseRef"/> and <paramref name="head"/>, which git
    /// finds itself (<c>git diff base...head</c>: the first merge base, the one <see cref="MergeBase"/> names), so that
    /// the listing need not wait for <see cref="MergeBase"/>.
    /// </summary>
    public IReadOnlyList<string>? ChangedSinceMergeBase(string baseRef, string head, out string error) =>
        Text(out error, "diff", "--name-only", "-z", "--no-renames", $"{baseRef}...{head}") is { } diff ? Entries(diff).ToList() : null;

    /// <summary>Staged, unstaged and untracked (not ignored) files, relative to the repository top.</summary>
    public IReadOnlyList<string>? UncommittedFiles(out string error)
    {
        var working = Text(out error, "diff", "--name-only", "-z", "--no-renames", "HEAD");
        var untracked = working is null ? null : Text(out error, "ls-files", "-z", "--full-name", "--others", "--exclude-standard", ":/");
        return working is null || untracked is null ? null : Entries(working).Concat(Entries(untracked)).ToList();
    }

    /// <summary>
    /// Files under this folder that git tracks (with <paramref name="includeUntracked"/>, also those it would track:
    /// untracked but not ignored), relative to this folder: git's own .gitignore rules (nested files, info/exclude, the
    /// global excludes file) decide what is skipped. Listing untracked files walks the working tree, so it costs more.
    /// </summary>
    public IReadOnlyList<string>? ListFiles(out string error, bool includeUntracked, params string[] pathspecs)
    {
        var args = new List<string> { "ls-files", "-z", "--cached" };
        if (includeUntracked)
        {
            args.AddRange(new[] { "--others", "--exclude-standard" });
        }

        args.Add("--");
        args.AddRange(pathspecs);
        var listing = Text(out error, args.ToArray());
        return listing is null ? null : Entries(listing).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A file's content at a revision (path relative to the repository top), or null when it does not exist there.</summary>
    public byte[]? Show(string revision, string path) => Run(out _, "show", $"{revision}:{path}");

    private static IEnumerable<string> Entries(string text) =>
        text.Split('\0', StringSplitOptions.RemoveEmptyEntries);
}
