using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;
using Spicetime.Tree.Loading;
using Spicetime.Tree.Model;

namespace Spicetime.Tree.Versioning;

/// <summary>The git heights of the forks asked for, or why they cannot be told.</summary>
public sealed record GitHeightResult(IReadOnlyDictionary<string, int> Heights, int CommitsRead, GitHeightFailure? Failure)
{
    /// <summary>The tree.json contents this walk read and parsed, and each fork's line in them (for <see cref="GitHeightCache"/>).</summary>
    public IReadOnlyDictionary<string, string?[]> LinesRead { get; init; } = new Dictionary<string, string?[]>();
}

/// <summary>Why a height cannot be told: the clone is shallow where the line still runs, or an object is missing or damaged.</summary>
public sealed record GitHeightFailure(string Message, bool Shallow, string Commit, int Depth);

/// <summary>
/// A fork's git height: how many commits its version line has run for. Exactly (docs/tree-json.md, "Build numbers"):
/// <list type="bullet">
/// <item>a fork's <b>line</b> at a commit is its version pattern in that commit's tree.json (<see cref="ForkVersions.Pattern(NodeDefinition, string)"/>,
/// e.g. <c>1.4.0-feature-a.{build}</c>): its parent's version or line, and its label. A commit without tree.json, or
/// whose tree.json has no node of that branch, or one that cannot be read as a tree, has no line;</item>
/// <item>height(C) = 0 when C's line differs from the line being built (the working copy's tree.json), else 1 + the
/// largest height among C's parents (0 without parents). HEAD's height is the build number. The commit that started the
/// line counts 1; every commit since, on any branch merged in, adds one; a merge takes the longer side, so the number
/// never goes down along history. Commits that touch nothing of the fork count too: the number says "how far along
/// the line", not "how many changes to this fork";</item>
/// <item>a working copy whose tree.json starts a new line (not yet committed) builds height 0.</item>
/// </list>
/// One walk answers every fork: it follows parents only while some fork's line still runs, reads each commit once,
/// and reads tree.json's blob once per distinct content. A shallow clone cut inside a running line is a failure (never a
/// smaller number): the caller reports SPT0500 with how far the history must reach.
/// </summary>
public static class GitHeight
{
    /// <param name="known">Heights already known (<see cref="GitHeightCache"/>): for a commit and a line, its height, or null.
    /// The walk stops below a commit whose running lines are all known.</param>
    /// <param name="knownLines">Each fork's line in a tree.json content already parsed once (by blob id), or null: that blob is then not read.</param>
    public static GitHeightResult Compute(GitRepository repository, string head, string treeFileInRepository,
        IReadOnlyList<NodeDefinition> forks, Func<string, string, int?>? known = null, Func<string, string?[]?>? knownLines = null)
    {
        var wanted = forks.Select(f => ForkVersions.Pattern(f)).ToArray();
        var branches = forks.Select(f => f.Branch.Value).ToArray();
        var linesByBlob = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        var parsed = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        var noLines = new string?[forks.Count];
        var visits = new Dictionary<string, Visit>(StringComparer.Ordinal);
        // A list of a class of its own, not a Stack of a tuple: the framework's generic code over a tuple has no
        // ahead-of-time code in the shipped tasks, and JIT-compiling it was part of every build's first version.
        var stack = new List<Pending>();
        stack.Add(new Pending(head, 0));
        try
        {
            while (stack.Count > 0)
            {
                var (id, depth) = stack[^1];
                if (!visits.TryGetValue(id, out var visit))
                {
                    var commit = repository.ReadCommit(id);
                    var blob = repository.FindInTree(commit.Tree, treeFileInRepository);
                    var lines = blob is null ? noLines : LinesOf(repository, blob, branches, linesByBlob, knownLines, parsed);
                    var runs = new bool[forks.Count];
                    var cached = new int?[forks.Count];
                    var any = false;
                    for (var i = 0; i < runs.Length; i++)
                    {
                        runs[i] = lines[i] is not null && string.Equals(lines[i], wanted[i], StringComparison.Ordinal);
                        cached[i] = runs[i] ? known?.Invoke(id, wanted[i]) : null;
                        any |= runs[i] && cached[i] is null;
                    }

                    visit = new Visit(any ? commit.Parents : Array.Empty<string>(), runs, cached);
                    visits[id] = visit;
                    if (any && repository.IsShallowAt(id) && commit.Parents.Count > 0)
                    {
                        return Failed(visits.Count, new GitHeightFailure(
                            $"the clone is shallow: its history stops at commit {id[..Math.Min(12, id.Length)]}, {depth} commit(s) below HEAD, while the version line of {string.Join(", ", branches.Where((_, i) => runs[i]))} still runs there",
                            Shallow: true, id, depth));
                    }

                    foreach (var parent in visit.Parents)
                    {
                        if (!visits.ContainsKey(parent))
                        {
                            stack.Add(new Pending(parent, depth + 1));
                        }
                    }

                    continue;
                }

                stack.RemoveAt(stack.Count - 1);
                if (visit.Heights is not null)
                {
                    continue;
                }

                var heights = new int[forks.Count];
                for (var i = 0; i < heights.Length; i++)
                {
                    if (!visit.Runs[i])
                    {
                        continue;
                    }

                    if (visit.Cached[i] is { } cachedHeight)
                    {
                        heights[i] = cachedHeight;
                        continue;
                    }

                    var below = 0;
                    foreach (var parent in visit.Parents)
                    {
                        below = Math.Max(below, visits[parent].Heights![i]);
                    }

                    heights[i] = below + 1;
                }

                visit.Heights = heights;
            }
        }
        catch (GitMissingObjectException e)
        {
            return Failed(visits.Count, new GitHeightFailure(
                $"git object {e.Id[..Math.Min(12, e.Id.Length)]} is not in the repository (a shallow, partial or damaged clone)", Shallow: repository.IsShallow, e.Id, visits.Count));
        }
        catch (Exception e) when (e is GitFormatException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Failed(visits.Count, new GitHeightFailure($"the repository cannot be read: {e.Message}", Shallow: false, head, visits.Count));
        }

        var result = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var top = visits[head].Heights!;
        for (var i = 0; i < branches.Length; i++)
        {
            result[branches[i]] = top[i];
        }

        return new GitHeightResult(result, visits.Count, null) { LinesRead = parsed };
    }

    private static GitHeightResult Failed(int read, GitHeightFailure failure) =>
        new(new Dictionary<string, int>(), read, failure);

    /// <summary>Each fork's line in one tree.json content (null where it has none), read once per blob, not at all when known.</summary>
    private static string?[] LinesOf(GitRepository repository, string blob, string[] branches, Dictionary<string, string?[]> cache,
        Func<string, string?[]?>? knownLines, Dictionary<string, string?[]> parsed)
    {
        if (cache.TryGetValue(blob, out var known))
        {
            return known;
        }

        if (knownLines?.Invoke(blob) is { } recorded && recorded.Length == branches.Length)
        {
            cache[blob] = recorded;
            return recorded;
        }

        var lines = new string?[branches.Length];
        var content = repository.ReadBlob(blob);
        if (content is not null)
        {
            // Only the node definitions are needed; a tree.json that was wrong at that commit still has its versions.
            var manifest = TreeManifestLoader.Load(content, "tree.json", new DiagnosticBag("tree.json"));
            for (var i = 0; i < branches.Length && manifest is not null; i++)
            {
                lines[i] = manifest.FindNode(branches[i]) is { } node ? ForkVersions.Pattern(node) : null;
            }
        }

        cache[blob] = lines;
        if (content is not null)
        {
            parsed[blob] = lines;
        }

        return lines;
    }
    /// <summary>A commit waiting on the walk's stack, and how far below HEAD it was reached.</summary>
    private sealed record Pending(string Commit, int Depth);


    private sealed class Visit
    {
        public Visit(IReadOnlyList<string> parents, bool[] runs, int?[] cached)
        {
            Parents = parents;
            Runs = runs;
            Cached = cached;
        }

        public int?[] Cached { get; }

        public IReadOnlyList<string> Parents { get; }

        public bool[] Runs { get; }

        public int[]? Heights { get; set; }
    }
}
