using System.Globalization;
using NuGet.Versioning;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Framework;
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

    /// <summary>
    /// The version with every build number in it 0 ("1.4.0-feature-a.0"), as a build outside git computes it: what a
    /// compile with the build cache stamps into assemblies (docs/build-cache.md, "Versions and commits in assemblies").
    /// </summary>
    public string UnstampedText { get; init; } = string.Empty;

    /// <summary>Major.Minor.Patch and the node's own build number as the fourth part (Windows file versions stop at 65535).</summary>
    public string FileVersion => $"{Version.Major}.{Version.Minor}.{Version.Patch}.{Math.Min(BuildNumber ?? 0, 65535)}";
}

/// <summary>
/// The one entry point for "what version does this node pack as", used by the SDK's task and the CLI: the version rule
/// is <see cref="ForkVersions"/>, build numbers are <c>$(SpicetimeBuildNumber)</c> for the node's own level or
/// <see cref="GitHeight"/>. Git is walked once per tree and HEAD for a <see cref="GitFactsCache"/> (every fork's height in
/// one walk), so a build of many projects pays for it once per MSBuild node, and an unchanged HEAD never again.
/// </summary>
public static class NodeVersions
{
    /// <summary>
    /// The version <paramref name="node"/> packs as. <paramref name="rootVersion"/> is the build's <c>$(Version)</c> (used when
    /// the tree gives the line none; empty: 1.0.0, as MSBuild's default); <paramref name="buildNumber"/> is
    /// <c>$(SpicetimeBuildNumber)</c> (empty: git height). Problems are reported to <paramref name="diagnostics"/>; null
    /// when the version cannot be told. <paramref name="gitFacts"/> keeps what git said for the tree and HEAD (a build's,
    /// <see cref="Build.BuildCaches.GitFacts"/>; null: read git now).
    /// </summary>
    public static NodeVersion? For(ResolvedTree tree, ResolvedNode node, string? rootVersion, string? buildNumber, DiagnosticBag diagnostics, GitFactsCache? gitFacts = null) =>
        For(tree, node, rootVersion, buildNumber, diagnostics, needHeights => Facts(tree, needHeights, gitFacts ?? new GitFactsCache(capacity: 1)));

    /// <summary>
    /// What <paramref name="node"/> packs as in <paramref name="build"/>: git looked at once per build (for each tree,
    /// and whether heights are needed), so every project of a build names the same HEAD and the build's later projects
    /// open no repository (at 100 projects, opening it and reading HEAD for each was most of what versions cost).
    /// </summary>
    internal static NodeVersion? For(ResolvedTree tree, ResolvedNode node, string? rootVersion, string? buildNumber, DiagnosticBag diagnostics, GitFactsCache gitFacts, Build.BuildContext build) =>
        For(tree, node, rootVersion, buildNumber, diagnostics, needHeights =>
        {
            var once = build.Once($"spicetime-git-snapshot\n{tree.Manifest.FilePath}\n{needHeights}", () => new BuildSnapshot(tree, Facts(tree, needHeights, gitFacts)));
            return ReferenceEquals(once.Tree, tree) ? once.Snapshot : Facts(tree, needHeights, gitFacts); // the file edited mid-build: its own look
        });

    /// <summary>
    /// What many nodes of <paramref name="tree"/> pack as (the CLI's <c>show</c> and <c>graph</c>: every node of a tree
    /// of 1,000 forks), git opened and HEAD read once for all of them rather than once a node; otherwise as
    /// <see cref="For(ResolvedTree, ResolvedNode, string?, string?, DiagnosticBag, GitFactsCache?)"/> without a build
    /// number or version of the build's own.
    /// </summary>
    public static Func<ResolvedNode, DiagnosticBag, NodeVersion?> Reader(ResolvedTree tree, GitFactsCache? gitFacts = null)
    {
        // One snapshot for every node (heights when any fork needs them), so that they all name the same HEAD.
        var cache = gitFacts ?? new GitFactsCache(capacity: 1);
        var needHeights = tree.Manifest.Nodes.Any(ForkVersions.NeedsBuildNumber);
        var once = new Lazy<GitSnapshot>(() => Facts(tree, needHeights, cache), LazyThreadSafetyMode.ExecutionAndPublication);
        return (node, diagnostics) => For(tree, node, null, null, diagnostics, _ => once.Value);
    }

    private static NodeVersion? For(ResolvedTree tree, ResolvedNode node, string? rootVersion, string? buildNumber, DiagnosticBag diagnostics, Func<bool, GitSnapshot> git)
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
        var (facts, gitFiles, headRefFile) = git(needGit.Count > 0);
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
            UnstampedText = numbered.Count == 0 ? version.Version.ToNormalizedString() : ForkVersions.Compute(definition, line, _ => 0).Version.ToNormalizedString(),
        };
    }

    /// <summary>One look at git for a tree: the facts, the files a build watches for them, HEAD's loose ref file.</summary>
    private sealed record GitSnapshot(GitFacts Facts, IReadOnlyList<string> GitFiles, string? HeadRefFile);

    /// <summary>A build's one look at git for a tree (the tree it was taken for: an edited tree.json mid-build looks again).</summary>
    private sealed record BuildSnapshot(ResolvedTree Tree, GitSnapshot Snapshot);

    /// <summary>HEAD's commit and time, and every fork's git height when <paramref name="needHeights"/>; cached per tree and HEAD.</summary>
    private static GitSnapshot Facts(ResolvedTree tree, bool needHeights, GitFactsCache cache)
    {
        var treeFile = tree.Manifest.FilePath;
        using var repository = OpenRepository(treeFile, out var head, out var error);
        var gitFiles = repository?.HeadFiles() ?? Array.Empty<string>();
        var headRefFile = repository?.HeadRefFile();
        if (repository is null || head is null)
        {
            // Outside git (a source archive): no commit, and build numbers 0 (docs/tree-json.md).
            return new(error is null ? GitFacts.None : new GitFacts(null, null, new Dictionary<string, int>(), new GitHeightFailure(error, false, string.Empty, 0)), gitFiles, headRefFile);
        }

        var key = treeFile + "\n" + head;
        if (cache.Entries.TryGet(key, out var known) && ReferenceEquals(known.Tree, tree) && (known.Facts.HasHeights || !needHeights))
        {
            return new(known.Facts, gitFiles, headRefFile);
        }

        var facts = Compute(tree, repository, head, needHeights, cache);
        cache.Entries.Set(key, new CachedFacts(tree, facts));
        return new(facts, gitFiles, headRefFile);
    }

    private static GitFacts Compute(ResolvedTree tree, GitRepository repository, string head, bool needHeights, GitFactsCache cache)
    {
        try
        {
            var forks = tree.Manifest.Nodes.Where(ForkVersions.NeedsBuildNumber).ToList();
            var inRepository = RepositoryPath.Relative(repository.WorkTree, tree.Manifest.FilePath);
            var saved = GitHeightCache.Open(repository.CommonDirectory, inRepository);

            // Everything known for this HEAD already (a build after a build): no git object is read.
            if (saved.CommitTime(head) is { } knownTime)
            {
                var known = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                foreach (var fork in forks)
                {
                    if (saved.Find(head, ForkVersions.Pattern(fork)) is not { } height)
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

            cache.Walked();
            var branches = forks.Select(f => f.Branch.Value).ToList();
            var heights = GitHeight.Compute(repository, head, inRepository, forks, saved.Find, blob => saved.FindLines(blob, branches));
            if (heights.Failure is null)
            {
                saved.Save(head, commit.CommitTime, forks.Select(f => new LineHeight(ForkVersions.Pattern(f), heights.Heights[f.Branch.Value])).ToList(), heights.LinesRead, branches);
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

    internal sealed record GitFacts(string? Commit, long? CommitTime, IReadOnlyDictionary<string, int> Heights, GitHeightFailure? Failure)
    {
        public static readonly GitFacts None = new(null, null, new Dictionary<string, int>(), null) { HasHeights = true };

        public bool HasHeights { get; init; }
    }
}

/// <summary>A class, not a tuple: the dictionary's code for reference types is already compiled (the first build call stays cheap).</summary>
internal sealed record CachedFacts(ResolvedTree Tree, NodeVersions.GitFacts Facts);

/// <summary>
/// What git said for a tree and its HEAD (commit, time, every fork's height), the most recent <paramref name="capacity"/>
/// kept, keyed by "tree file, HEAD" and valid for the resolved tree it was computed for (an edited tree.json has other lines).
/// </summary>
public sealed class GitFactsCache(int capacity = 16)
{
    private int _walks;

    internal BoundedCache<CachedFacts> Entries { get; } = new(capacity);

    /// <summary>How many history walks ran for this cache (for tests: a build walks once per tree and HEAD).</summary>
    public int Walks => Volatile.Read(ref _walks);

    internal void Walked() => Interlocked.Increment(ref _walks);
}
