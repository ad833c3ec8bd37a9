namespace Spicetime.Tree.Git;

/// <summary>
/// A base revision compared with a head, as <c>spicetime affected</c> asks: their merge base, the files changed since
/// it, and files as the merge base and the head have them. Read from the repository's files
/// (<see cref="GitRepository"/>) wherever that gives git's own answer, else asked of git (<see cref="GitProcess"/>,
/// which also words every error): a warm <c>affected</c> at 1,000 projects is shorter than starting three git processes.
/// One per question; not shared between threads except <see cref="ReadAtMergeBase"/> and <see cref="ReadAtHead"/>.
/// </summary>
public sealed class GitComparison : IDisposable
{
    private readonly GitProcess _git;
    private readonly GitRepository? _repository; // null: every question goes to git
    private readonly object _reading = new();
    private string? _mergeBase;
    private string? _headCommit; // the head's commit when it was resolved here
    private string _head = "HEAD";
    private Task<(IReadOnlyList<string>? Files, string Error)>? _listing;

    private GitComparison(GitProcess git, GitRepository? repository, string top)
    {
        _git = git;
        _repository = repository;
        Top = top;
    }

    /// <summary>The repository's top folder (the paths below are relative to it).</summary>
    public string Top { get; }

    /// <summary>Whether the last answers were read from the repository's files rather than from git processes.</summary>
    public bool ReadInProcess => _headCommit is not null;

    /// <summary>The comparison in the repository holding <paramref name="root"/>; null (with git's error) outside one.</summary>
    public static GitComparison? Open(string root, out string error)
    {
        var git = new GitProcess(root);
        var repository = GitRepository.OpenReadAsGit(root);
        error = string.Empty;
        var top = repository?.WorkTree ?? git.TopLevel(out error); // the repository found is the top: not looked for twice
        return top is null ? null : new GitComparison(git, repository, top);
    }

    /// <summary>
    /// The merge base of <paramref name="baseRevision"/> and <paramref name="head"/>, or null with git's
    /// <paramref name="error"/>. When git is asked and <paramref name="listChanges"/> is set, it lists the changed files
    /// meanwhile (<c>git diff base...head</c>), for <see cref="ChangedFiles"/>.
    /// </summary>
    public string? FindMergeBase(string baseRevision, string head, bool listChanges, out string error)
    {
        _head = head;
        if (_repository is not null && _repository.ResolveCommit(head) is { } headCommit
            && _repository.ResolveCommit(baseRevision) is { } baseCommit && _repository.MergeBase(baseCommit, headCommit) is { } found)
        {
            (_mergeBase, _headCommit, error) = (found, headCommit, string.Empty);
            return found;
        }

        _listing = listChanges ? Task.Run(() => (_git.ChangedSinceMergeBase(baseRevision, head, out var e), e)) : null;
        _mergeBase = _git.MergeBase(baseRevision, head, out error);
        if (_mergeBase is null)
        {
            _listing?.Wait();
        }

        return _mergeBase;
    }

    /// <summary>The files changed between the merge base and the head (relative to <see cref="Top"/>), or null with git's <paramref name="error"/>.</summary>
    public IReadOnlyList<string>? ChangedFiles(out string error)
    {
        var mergeBase = _mergeBase ?? throw new InvalidOperationException("no merge base found yet");
        if (_listing is not null)
        {
            var (files, listingError) = _listing.GetAwaiter().GetResult();
            error = listingError;
            return files;
        }

        if (_headCommit is not null)
        {
            try
            {
                error = string.Empty;
                return _repository!.ChangedPaths(mergeBase, _headCommit);
            }
            catch (Exception e) when (IsUnreadable(e))
            {
            }
        }

        return _git.ChangedFiles(mergeBase, _head, out error);
    }

    /// <summary>Staged, unstaged and untracked files (git only: the index and the working tree are git's to compare).</summary>
    public IReadOnlyList<string>? UncommittedFiles(out string error) => _git.UncommittedFiles(out error);

    /// <summary>A file (relative to <see cref="Top"/>) as the merge base has it; null when it is not there.</summary>
    public byte[]? ReadAtMergeBase(string path) => Read(_mergeBase, _mergeBase!, path);

    /// <summary>A file (relative to <see cref="Top"/>) as the head has it; null when it is not there.</summary>
    public byte[]? ReadAtHead(string path) => Read(_headCommit, _head, path);

    private byte[]? Read(string? commit, string revision, string path)
    {
        if (commit is not null && _repository is not null)
        {
            try
            {
                lock (_reading)
                {
                    return _repository.ReadFile(commit, path);
                }
            }
            catch (Exception e) when (IsUnreadable(e))
            {
            }
        }

        return _git.Show(revision, path);
    }

    private static bool IsUnreadable(Exception e) =>
        e is GitMissingObjectException or GitFormatException or IOException or UnauthorizedAccessException or FormatException;

    public void Dispose()
    {
        try
        {
            _listing?.Wait();
        }
        catch (AggregateException)
        {
        }

        _repository?.Dispose();
    }
}
