using System.Collections.Concurrent;
using System.Globalization;
using NuGet.Versioning;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;
using Spicetime.Tree.Model;
using Spicetime.Tree.Paths;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Versioning;

/// <summary>What a node packs as, and the facts of the commit it was built from.</summary>
public sealed record NodeVersion(
    string Branch,
    NuGetVersion Version,
    int? BuildNumber,
    IReadOnlyList<string> ShortenedLabels,
    string? Commit,
    long? CommitTime,
    IReadOnlyList<string> Lineage,
    IReadOnlyList<string> GitFiles)
{
    /// <summary>The branch's loose ref file (see <see cref="Git.GitRepository.HeadRefFile"/>), or null.</summary>
    public string? HeadRefFile { get; init; }

    /// <summary>False for a root without a version of its own: it keeps the build's $(Version), which Spicetime leaves alone.</summary>
    public bool SetsVersion { get; init; } = true;

    /// <summary>The version as NuGet writes it ("1.4.0-feature-a.7").</summary>
    public string Text => Version.ToNormalizedString();

    /// <summary>Major.Minor.Patch and the node's own build number as the fourth part (Windows file versions stop at 65535).</summary>
    public string FileVersion => $"{Version.Major}.{Version.Minor}.{Version.Patch}.{Math.Min(BuildNumber ?? 0, 65535)}";
}

/// <summary>
/// The one entry point for "what version does this node pack as", used by the SDK's task and the CLI: the version rule
/// is <see cref="ForkVersions"/>, build numbers are <c>$(SpicetimeBuildNumber)</c> for the node's own level or
/// <see cref="GitHeight"/>. Git is walked once per tree and HEAD in a process (every fork's height in one walk), so a
/// build of many projects pays for it once per MSBuild node, and an unchanged HEAD never again.
/// </summary>
public static class NodeVersions
{
    // Keyed by "tree file\nHEAD" (a string key: nothing to compile for a struct key on the first call); the value holds
    // the resolved tree it was computed for, since an edited tree.json has other lines.
    private static readonly ConcurrentDictionary<string, CachedFacts> Heights = new(StringComparer.Ordinal);

    /// <summary>How many history walks ran in this process (for tests: a build walks once per tree and HEAD).</summary>
    public static int Walks => _walks;

    private static int _walks;

    /// <summary>
    /// The version <paramref name="node"/> packs as. <paramref name="rootVersion"/> is the build's <c>$(Version)</c> (used when
    /// the tree gives the line none; empty: 1.0.0, as MSBuild's default); <paramref name="buildNumber"/> is
    /// <c>$(SpicetimeBuildNumber)</c> (empty: git height). Problems are reported to <paramref name="diagnostics"/>; null
    /// when the version cannot be told.
    /// </summary>
    public static NodeVersion? For(ResolvedTree tree, ResolvedNode node, string? rootVersion, string? buildNumber, DiagnosticBag diagnostics)
    {
        var line = NuGetVersion.Parse("1.0.0");
        if (!string.IsNullOrWhiteSpace(rootVersion) && !NuGetVersion.TryParse(rootVersion.Trim(), out line!))
        {
            diagnostics.Report(DiagnosticCodes.InvalidBuildVersion, SourcePosition.None,
                $"$(Version) is '{rootVersion}', which is not a NuGet version; the tree's root has no version of its own, so $(Version) is the line its forks derive from");
            return null;
        }

        int? ownNumber = null;
        if (!string.IsNullOrWhiteSpace(buildNumber))
        {
            if (!int.TryParse(buildNumber.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                diagnostics.Report(DiagnosticCodes.InvalidBuildVersion, SourcePosition.None,
                    $"$(SpicetimeBuildNumber) is '{buildNumber}'; it must be a whole number from 0 to {int.MaxValue}");
                return null;
            }

            ownNumber = parsed;
        }

        var definition = node.Definition;
        var numbered = ForkVersions.BuildNumberNodes(definition);
        // The node's own level takes $(SpicetimeBuildNumber); its ancestors' levels (and the node's, without one) take git heights.
        var needGit = numbered.Where(n => !(ownNumber is not null && ReferenceEquals(n, definition))).ToList();
        var facts = Facts(tree, needGit.Count > 0, out var gitFiles, out var headRefFile);
        if (facts.Failure is { } failure && needGit.Count > 0)
        {
            var depth = failure.Shallow
                ? $"; the line began more than {failure.Depth + 1} commit(s) below HEAD, so a clone of that depth is not enough: fetch the whole history (git fetch --unshallow; actions/checkout: fetch-depth: 0), or deepen it until it reaches the commit that started the line (git fetch --deepen=N), or set SpicetimeBuildNumber"
                : "; set SpicetimeBuildNumber to build without git heights";
            diagnostics.Report(failure.Shallow ? DiagnosticCodes.ShallowHistory : DiagnosticCodes.GitHistoryUnreadable, definition.Position,
                $"the build number of '{node.Branch}' cannot be told: {failure.Message}{depth}");
            return null;
        }

        int NumberOf(NodeDefinition n) =>
            ownNumber is { } own && ReferenceEquals(n, definition) ? own
            : facts.Heights.TryGetValue(n.Branch.Value, out var height) ? height : 0;

        var version = ForkVersions.Compute(definition, line, NumberOf);
        if (version.ShortenedLabels.Count > 0)
        {
            diagnostics.Report(DiagnosticCodes.VersionLabelShortened, definition.Branch.Position,
                $"the version of '{node.Branch}' would pass NuGet's {ForkVersions.MaxLength}-character limit; the label(s) of {string.Join(", ", version.ShortenedLabels.Select(b => $"'{b}'"))} were cut and end in a hash of the branch name: {version.Version.ToNormalizedString()}");
        }

        return new NodeVersion(node.Branch, version.Version, ForkVersions.NeedsBuildNumber(definition) ? NumberOf(definition) : null,
            version.ShortenedLabels, facts.Commit, facts.CommitTime, node.PathFromRoot().Select(n => n.Branch).ToList(), gitFiles)
        {
            SetsVersion = definition.Version is not null || definition.Parent is not null,
            HeadRefFile = headRefFile,
        };
    }

    /// <summary>HEAD's commit and time, and every fork's git height when <paramref name="needHeights"/>; cached per tree and HEAD.</summary>
    private static GitFacts Facts(ResolvedTree tree, bool needHeights, out IReadOnlyList<string> gitFiles, out string? headRefFile)
    {
        var treeFile = tree.Manifest.FilePath;
        using var repository = OpenRepository(treeFile, out var head, out var error);
        gitFiles = repository?.HeadFiles() ?? Array.Empty<string>();
        headRefFile = repository?.HeadRefFile();
        if (repository is null || head is null)
        {
            // Outside git (a source archive): no commit, and build numbers 0 (docs/tree-json.md).
            return error is null ? GitFacts.None : new GitFacts(null, null, new Dictionary<string, int>(), new GitHeightFailure(error, false, string.Empty, 0));
        }

        var key = treeFile + "\n" + head;
        if (Heights.TryGetValue(key, out var known) && ReferenceEquals(known.Tree, tree) && (known.Facts.HasHeights || !needHeights))
        {
            return known.Facts;
        }

        var facts = Compute(tree, repository, head, needHeights);
        if (Heights.Count > 64)
        {
            Heights.Clear(); // a long-lived MSBuild node sees many HEADs; keep only recent ones
        }

        Heights[key] = new CachedFacts(tree, facts);
        return facts;
    }

    private static GitFacts Compute(ResolvedTree tree, GitRepository repository, string head, bool needHeights)
    {
        try
        {
            var forks = tree.Manifest.Nodes.Where(ForkVersions.NeedsBuildNumber).ToList();
            var inRepository = RepositoryPath.Relative(repository.WorkTree, tree.Manifest.FilePath);
            var cache = GitHeightCache.Open(repository.CommonDirectory, inRepository);

            // Everything known for this HEAD already (a build after a build): no git object is read.
            if (cache.CommitTime(head) is { } knownTime)
            {
                var known = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                foreach (var fork in forks)
                {
                    if (cache.Find(head, ForkVersions.Pattern(fork)) is not { } height)
                    {
                        break;
                    }

                    known[fork.Branch.Value] = height;
                }

                if (known.Count == forks.Count)
                {
                    return new GitFacts(head, knownTime, known, null) { HasHeights = true };
                }
            }

            var commit = repository.ReadCommit(head);
            if (!needHeights)
            {
                return new GitFacts(head, commit.CommitTime, new Dictionary<string, int>(), null) { HasHeights = false };
            }

            Interlocked.Increment(ref _walks);
            var heights = GitHeight.Compute(repository, head, inRepository, forks, cache.Find);
            if (heights.Failure is null)
            {
                cache.Save(head, commit.CommitTime, forks.Select(f => (ForkVersions.Pattern(f), heights.Heights[f.Branch.Value])));
            }

            return new GitFacts(head, commit.CommitTime, heights.Heights, heights.Failure) { HasHeights = true };
        }
        catch (Exception e) when (e is GitMissingObjectException or GitFormatException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new GitFacts(head, null, new Dictionary<string, int>(), new GitHeightFailure(e.Message, repository.IsShallow, head, 0)) { HasHeights = true };
        }
    }

    private static GitRepository? OpenRepository(string treeFile, out string? head, out string? error)
    {
        head = null;
        error = null;
        try
        {
            var repository = GitRepository.Open(Path.GetDirectoryName(treeFile)!);
            head = repository?.Head();
            return repository;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or GitFormatException)
        {
            error = $"the git repository cannot be read: {e.Message}";
            return null;
        }
    }

    /// <summary>A class, not a tuple: the dictionary's code for reference types is already compiled (the first build call stays cheap).</summary>
    private sealed record CachedFacts(ResolvedTree Tree, GitFacts Facts);

    private sealed record GitFacts(string? Commit, long? CommitTime, IReadOnlyDictionary<string, int> Heights, GitHeightFailure? Failure)
    {
        public static readonly GitFacts None = new(null, null, new Dictionary<string, int>(), null) { HasHeights = true };

        public bool HasHeights { get; init; }
    }
}
