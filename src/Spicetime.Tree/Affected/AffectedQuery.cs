using Spicetime.Tree.Mapping;
using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Locking;
using Spicetime.Tree.Git;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Affected;

/// <summary>What to compare: a base revision (its merge base with <see cref="Head"/>) and/or the changed files.</summary>
public sealed record AffectedRequest
{
    /// <summary>The revision to compare with; the comparison starts at its merge base with <see cref="Head"/>.</summary>
    public string? Base { get; init; }

    public string Head { get; init; } = "HEAD";

    /// <summary>Changed files relative to the tree's folder ('/' separators), instead of asking git.</summary>
    public IReadOnlyList<string>? Files { get; init; }

    /// <summary>Adds staged, unstaged and untracked files (what a build of the working tree compiles).</summary>
    public bool IncludeUncommitted { get; init; }

    /// <summary>When given, only these projects (relative to the tree's folder) are reported, e.g. those of a solution.</summary>
    public IReadOnlyCollection<string>? ReportOnly { get; init; }

    /// <summary>A <c>$(SpicetimeBranch)</c> every project of the build gets (<c>-p:SpicetimeBranch=</c>).</summary>
    public string? GlobalBranch { get; init; }

    /// <summary>The <c>SpicetimeBranch</c> environment variable: the node of projects that do not name one themselves.</summary>
    public string? EnvironmentBranch { get; init; }

    /// <summary>
    /// The folder's projects when the caller has read them already (<see cref="ProjectScanner.Discover"/>, untracked
    /// ones only as <see cref="IncludeUntracked"/> says), so that they are read once; null: read here.
    /// </summary>
    public IReadOnlyList<ProjectInfo>? Projects { get; init; }

    /// <summary>Whether the projects git does not track (and does not ignore) count: with uncommitted changes or given files.</summary>
    public bool IncludeUntracked => IncludeUncommitted || Files is not null;

    /// <summary>Take unchanged projects' evaluated facts from the repository's facts cache (<see cref="Projects.Cache.FactsCache"/>), and store them there.</summary>
    public bool UseFactsCache { get; init; }
}

/// <summary>The answer, or the errors that prevented it (<see cref="BaseTreeDiagnostics"/>: tree.json's own problems at the base).</summary>
public sealed record AffectedAnswer(
    AffectedResult? Result,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<Diagnostic> BaseTreeDiagnostics,
    string? MergeBase)
{
    public bool Succeeded => Result is not null;
}

/// <summary>
/// Runs a selective-build question end to end: asks git what changed (and for tree.json and Directory.Packages.props
/// as they were at the merge base), lists the projects git does not ignore, and hands everything to
/// <see cref="AffectedAnalyzer"/>. `spicetime affected` and the SDK's <c>SpicetimeAffectedSince</c> both call this, so
/// they give the same answers.
/// </summary>
public static class AffectedQuery
{
    public static AffectedAnswer Run(ResolvedTree after, AffectedRequest request) =>
        Run(after.Manifest.Directory, after, request);

    /// <summary>
    /// The same in any folder: <paramref name="after"/> is tree.json as resolved now, or null in a repository without
    /// one (then the folder is a single root node: the MSBuild rules decide alone, and no branch is reported).
    /// </summary>
    public static AffectedAnswer Run(string root, ResolvedTree? after, AffectedRequest request)
    {
        using var scan = new ProjectScan(root, request);
        var gitError = string.Empty;
        using var git = request.Base is null ? null : GitComparison.Open(root, out gitError);
        var answer = Run(root, after, request, scan, git, gitError);
        scan.Saved(); // a cache that failed to be written for a reason of its own is shown, not hidden
        return answer;
    }

    /// <summary>
    /// The reading of the folder's projects (the longest part), started once the repository is found and run while git
    /// names the merge base and lists the change; the facts cache is then written while the analysis runs. Neither
    /// outlives the call: <see cref="Dispose"/> waits for both, after cancelling a reading no answer asked for (a base
    /// git cannot find returns at once).
    /// </summary>
    private sealed class ProjectScan : IDisposable
    {
        private readonly string _root;
        private readonly AffectedRequest _request;
        private readonly CancellationTokenSource _unwanted = new();
        private Task<IReadOnlyList<ProjectInfo>>? _reading;
        private Task? _saved;
        private bool _asked;

        public ProjectScan(string root, AffectedRequest request)
        {
            _root = root;
            _request = request;
        }

        public void Start()
        {
            // Untracked projects matter only when uncommitted changes do (listing them walks the whole working tree).
            _reading ??= _request.Projects is not null ? null : Task.Run(() =>
            {
                var projects = ProjectScanner.Discover(_root, _request.IncludeUntracked,
                    _request.UseFactsCache ? Spicetime.Tree.Projects.Cache.FactsCache.For(_root) : null, _unwanted.Token, out var saved);
                _saved = saved;
                return projects;
            });
        }

        public IReadOnlyList<ProjectInfo> Projects()
        {
            _asked = true;
            Start();
            return _request.Projects ?? _reading!.GetAwaiter().GetResult();
        }

        public void Saved() => _saved?.GetAwaiter().GetResult();

        public void Dispose()
        {
            if (!_asked)
            {
                _unwanted.Cancel();
            }

            Finish(_reading);
            Finish(_saved);
            _unwanted.Dispose();
        }

        private static void Finish(Task? task)
        {
            try
            {
                task?.Wait();
            }
            catch (AggregateException) when (task!.IsFaulted || task.IsCanceled)
            {
            }
        }
    }

    private static AffectedAnswer Run(string root, ResolvedTree? after, AffectedRequest request, ProjectScan scan, GitComparison? git, string gitError)
    {
        if (request.Base is null && request.Files is null)
        {
            throw new ArgumentException("An affected request needs a base revision or the changed files.", nameof(request));
        }

        string? mergeBase = null;
        string error = string.Empty;
        if (request.Base is not null)
        {
            if (git is null)
            {
                return Failed(GitFailure(request, $"{root} is not in a git repository ({gitError})", Unfetched));
            }

            // The projects are read while the merge base is found and the change listed (from the repository's files, or
            // by git processes when only git can say). A base that cannot be found cancels the reading.
            scan.Start();
            mergeBase = git.FindMergeBase(request.Base, request.Head, listChanges: request.Files is null, out error);
            if (mergeBase is null)
            {
                return Failed(GitFailure(request, error, Unfetched));
            }
        }

        List<string> files;
        if (request.Files is not null)
        {
            files = request.Files.ToList();
        }
        else
        {
            var changed = git!.ChangedFiles(out error)?.ToList();
            if (changed is not null && request.IncludeUncommitted)
            {
                // Untracked build output (a repository without a .gitignore) is not a change to the sources.
                var uncommitted = git.UncommittedFiles(out error);
                changed = uncommitted is null ? null : changed.Concat(uncommitted.Where(f => !IsBuildOutput(f))).ToList();
            }

            if (changed is null)
            {
                return Failed(GitFailure(request, error, string.Empty));
            }

            files = changed.Select(f => RepositoryPath.Relative(root, Path.Combine(git.Top, f)))
                .Where(f => !f.StartsWith("../", StringComparison.Ordinal) && f != "..")
                .ToList();
        }

        Func<string, byte[]?>? readBefore = git is null ? null : f => git.ReadAtMergeBase(TopRelative(git.Top, root, f));
        Func<string, byte[]?> readAfter = request.Files is not null || request.IncludeUncommitted
            ? f => ReadDisk(root, f)
            : f => git!.ReadAtHead(TopRelative(git.Top, root, f));
        var changes = new ChangeSet(files, readBefore, readAfter);

        // tree.json at the base revision, to compare every node's resolved state.
        // tree.lock.json too: a manual node's state is what the lock recorded, so a lock change can change it (and an
        // upstream tree.json change cannot).
        ResolvedTree? before = after;
        if (after is not null && (changes.Files.Contains(TreeFileLocator.FileName, StringComparer.Ordinal) || changes.Files.Contains(TreeLock.FileName, StringComparer.Ordinal)))
        {
            before = null;
            if (readBefore?.Invoke(TreeFileLocator.FileName) is { } content)
            {
                var old = TreeFile.Parse(content, after.Manifest.FilePath, readBefore(TreeLock.FileName));
                if (!old.Succeeded)
                {
                    var at = $"{request.Base} ({mergeBase?[..Math.Min(12, mergeBase.Length)]})";
                    return new AffectedAnswer(null,
                        new[]
                        {
                            DiagnosticCodes.TreeInvalidAtBase.Create($"tree.json does not load at {at}, so its nodes cannot be compared; its problems there follow. Compare with a revision where it loads, or pass --files",
                                after.Manifest.FilePath, SourcePosition.None),
                        },
                        old.Diagnostics.Where(d => d.IsError).ToList(), mergeBase);
                }

                before = old.Tree;
            }
        }

        var projects = scan.Projects();
        var nodes = after is null ? null : ProjectNodes.OnCurrentBranch(after, request.GlobalBranch, request.EnvironmentBranch);
        var result = AffectedAnalyzer.Analyze(root, before, after, changes, projects, request.ReportOnly, nodes);
        return new AffectedAnswer(result, Array.Empty<Diagnostic>(), Array.Empty<Diagnostic>(), mergeBase);
    }

    private static AffectedAnswer Failed(Diagnostic diagnostic) =>
        new(null, new[] { diagnostic }, Array.Empty<Diagnostic>(), null);

    private const string Unfetched =
        " (in a shallow clone the base and its history may be missing: fetch them, e.g. actions/checkout with fetch-depth: 0, or git fetch --unshallow origin)";

    private static Diagnostic GitFailure(AffectedRequest request, string error, string hint)
    {
        var why = string.IsNullOrWhiteSpace(error) ? "they have no common ancestor in this clone" : string.Join(" ", error.Split('\n').Select(line => line.Trim()));
        return DiagnosticCodes.GitFailed.Create($"git cannot compare {request.Base} with {request.Head}: {why}{hint}", null, SourcePosition.None);
    }

    private static bool IsBuildOutput(string path) =>
        path.Split('/').SkipLast(1).Any(s => s.Equals("bin", StringComparison.OrdinalIgnoreCase) || s.Equals("obj", StringComparison.OrdinalIgnoreCase));

    private static string TopRelative(string top, string root, string relative) =>
        RepositoryPath.Relative(top, Path.Combine(root, relative));

    private static byte[]? ReadDisk(string root, string relative)
    {
        var path = Path.Combine(root, relative);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }
}
