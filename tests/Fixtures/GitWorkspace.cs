using System.Diagnostics;

namespace Spicetime.Tests.Fixtures;

/// <summary>
/// A real git repository in a temporary folder that a test writes files into and commits, deleted afterwards
/// (kept when SPICETIME_KEEP_TEST_REPOS=1). Commits get fixed author and committer dates, one minute apart, so that
/// commit ids (and anything derived from them) are the same on every run.
/// </summary>
internal class GitWorkspace : IDisposable
{
    private int _commits;

    public GitWorkspace(string? root = null, bool init = true)
    {
        Root = root ?? Directory.CreateTempSubdirectory("spicetime-git-").FullName;
        if (init)
        {
            Git("init", "-q", "-b", "main");
            Git("config", "user.email", "fixture@spicetime.test");
            Git("config", "user.name", "fixture");
            Git("config", "commit.gpgsign", "false");
            Git("config", "gc.auto", "0");
        }
    }

    public string Root { get; }

    public GitWorkspace Write(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    /// <summary>Rewrites a file of the repository: its text with <paramref name="oldText"/> replaced.</summary>
    public GitWorkspace Edit(string path, string oldText, string newText)
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

    public GitWorkspace Delete(string path)
    {
        File.Delete(Path.Combine(Root, path));
        return this;
    }

    /// <summary>Commits everything (an empty commit when nothing changed) and returns the commit's id.</summary>
    public string Commit(string message)
    {
        Git("add", "-A");
        var date = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + (60 * Interlocked.Increment(ref _commits))).ToString("yyyy-MM-ddTHH:mm:ssZ");
        Git(new Dictionary<string, string> { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date }, "commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] args) => Git(new Dictionary<string, string>(), args);

    public string Git(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)}: {error.Result}");
        }

        return output;
    }

    public virtual void Dispose()
    {
        if (Environment.GetEnvironmentVariable("SPICETIME_KEEP_TEST_REPOS") != "1")
        {
            try
            {
                Directory.Delete(Root, true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the folder is in the temporary directory.
            }
        }
    }
}
