using Spicetime.Tree.Paths;
namespace Spicetime.Tree.Git;

/// <summary>What was read of git: the branch (or null), the files it depends on, and whether HEAD was detached.</summary>
public sealed record GitHead(string? Branch, IReadOnlyList<string> Files, bool Detached);

/// <summary>
/// Reads the current git branch from the repository's files, without starting git: HEAD in the
/// <c>.git</c> folder, or in the folder a worktree's <c>.git</c> file points to. On a detached HEAD
/// (CI checkouts) it takes the branch from the CI system's variables, then from a branch whose tip
/// is the checked-out commit (loose refs and packed-refs).
/// </summary>
public static class GitBranchReader
{
    /// <summary>CI variables that name the branch being built, most specific first (a pull request's source branch before the ref).</summary>
    public static readonly string[] CiBranchVariables =
    {
        "SPICETIME_GIT_BRANCH",
        "GITHUB_HEAD_REF",          // GitHub Actions, pull requests
        "GITHUB_REF_NAME",          // GitHub Actions
        "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", // GitLab, merge requests
        "CI_COMMIT_REF_NAME",       // GitLab
        "BUILD_SOURCEBRANCH",       // Azure Pipelines (refs/heads/...)
        "BITBUCKET_BRANCH",
        "CIRCLE_BRANCH",
        "BUILDKITE_BRANCH",
        "TRAVIS_BRANCH",
        "BRANCH_NAME",              // Jenkins
        "GIT_BRANCH",               // Jenkins git plugin (origin/...)
    };

    /// <summary>The current branch (null when none can be told) and the files it was read from.</summary>
    public static GitHead Read(string startDirectory, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var gitDir = FindGitDirectory(startDirectory);
        if (gitDir is null)
        {
            return new GitHead(FromCi(environment), Array.Empty<string>(), Detached: false);
        }

        var headFile = Path.Combine(gitDir, "HEAD");
        string head;
        try
        {
            head = File.ReadAllText(headFile).Trim();
        }
        catch (IOException)
        {
            return new GitHead(FromCi(environment), Array.Empty<string>(), Detached: false);
        }

        const string refPrefix = "ref: refs/heads/";
        if (head.StartsWith(refPrefix, StringComparison.Ordinal))
        {
            return new GitHead(head[refPrefix.Length..], new[] { headFile }, Detached: false);
        }

        // Detached HEAD: CI systems check out a commit and say the branch in a variable; else the branch at that commit.
        var common = CommonDirectory(gitDir);
        return new GitHead(FromCi(environment) ?? BranchAtCommit(common, head),
            new[] { headFile, Path.Combine(common, "packed-refs") }, Detached: true);
    }

    /// <summary>The git directory for <paramref name="startDirectory"/>: a <c>.git</c> folder, or the one a worktree's <c>.git</c> file names.</summary>
    public static string? FindGitDirectory(string startDirectory) => Locate(startDirectory)?.GitDirectory;

    /// <summary>The git directory and the work tree it belongs to (the folder holding <c>.git</c>), or null outside git.</summary>
    internal static (string GitDirectory, string WorkTree)? Locate(string startDirectory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(startDirectory)); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(dotGit))
            {
                return (dotGit, dir.FullName);
            }

            if (File.Exists(dotGit))
            {
                var line = File.ReadAllText(dotGit).Trim();
                const string prefix = "gitdir:";
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return (Path.GetFullPath(Path.Combine(dir.FullName, line[prefix.Length..].Trim())), dir.FullName);
                }
            }
        }

        return null;
    }

    private static string? FromCi(Func<string, string?> environment)
    {
        foreach (var name in CiBranchVariables)
        {
            var value = environment(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            value = value.Trim();
            if (value.StartsWith("refs/heads/", StringComparison.Ordinal))
            {
                value = value["refs/heads/".Length..];
            }
            else if (value.StartsWith("refs/", StringComparison.Ordinal))
            {
                continue; // a tag or pull-request ref, not a branch
            }
            else if (name == "GIT_BRANCH" && value.StartsWith("origin/", StringComparison.Ordinal))
            {
                value = value["origin/".Length..];
            }

            return value;
        }

        return null;
    }

    /// <summary>A worktree's git directory keeps refs in the main repository's: its <c>commondir</c> file says where.</summary>
    internal static string CommonDirectory(string gitDir)
    {
        var commonDirFile = Path.Combine(gitDir, "commondir");
        return File.Exists(commonDirFile) ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(commonDirFile).Trim())) : gitDir;
    }

    /// <summary>The one branch whose tip is <paramref name="commit"/> (loose refs first, then packed-refs), or null.</summary>
    private static string? BranchAtCommit(string gitDir, string commit)
    {
        var matches = new SortedSet<string>(StringComparer.Ordinal);
        var heads = Path.Combine(gitDir, "refs", "heads");
        if (Directory.Exists(heads))
        {
            foreach (var file in Directory.EnumerateFiles(heads, "*", SearchOption.AllDirectories))
            {
                if (File.ReadAllText(file).Trim() == commit)
                {
                    matches.Add(RepositoryPath.Relative(heads, file));
                }
            }
        }

        var packed = Path.Combine(gitDir, "packed-refs");
        if (File.Exists(packed))
        {
            foreach (var line in File.ReadLines(packed))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && parts[0] == commit && parts[1].StartsWith("refs/heads/", StringComparison.Ordinal))
                {
                    matches.Add(parts[1]["refs/heads/".Length..]);
                }
            }
        }

        return matches.Count == 1 ? matches.Min : null;
    }
}
