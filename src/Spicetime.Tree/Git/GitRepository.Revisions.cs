using System.Text;

namespace Spicetime.Tree.Git;

/// <summary>
/// Revisions and merge bases read from the repository's files, for the forms CI passes (<c>origin/main</c>,
/// <c>HEAD~1</c>, a tag, a full commit id). Every answer here is git's own or none: a form read differently, a
/// repository layout not read here (reftable, a missing object) or a history with more than one merge base gives null,
/// and the caller asks git (which also words the errors).
/// </summary>
public sealed partial class GitRepository
{
    /// <summary>git's order for a short ref name (<c>refs.c</c>, <c>ref_rev_parse_rules</c>): the first that exists wins.</summary>
    private static readonly string[] RefRules = { "refs/{0}", "refs/tags/{0}", "refs/heads/{0}", "refs/remotes/{0}", "refs/remotes/{0}/HEAD" };

    /// <summary>A walk that reads more commits than this leaves the merge base to git (which has its commit-graph).</summary>
    private const int MergeBaseWalkLimit = 100_000;

    private Dictionary<string, string>? _packedRefs;

    /// <summary>
    /// The commit <paramref name="revision"/> names: a full commit id, a ref as git abbreviates it (<c>main</c>,
    /// <c>origin/main</c>, <c>v1.2</c>, <c>HEAD</c>), followed by any <c>~N</c> and <c>^N</c>; annotated tags are peeled.
    /// Null when it names no commit here or is written in another form (abbreviated ids, <c>@{upstream}</c>, <c>:/text</c>).
    /// </summary>
    public string? ResolveCommit(string revision)
    {
        if (Directory.Exists(Path.Combine(CommonDirectory, "reftable")))
        {
            return null;
        }

        var suffixAt = revision.IndexOfAny(new[] { '~', '^' });
        var name = suffixAt < 0 ? revision : revision[..suffixAt];
        if (name == "@")
        {
            name = "HEAD";
        }

        if (name.Length == 0 || name.IndexOfAny(new[] { ':', ' ', '\\', '?', '*', '[' }) >= 0 || name.Contains("..") || name.Contains("@{"))
        {
            return null;
        }

        try
        {
            var id = Peel(ResolveName(name));
            for (var at = suffixAt; id is not null && at >= 0 && at < revision.Length;)
            {
                var kind = revision[at++];
                var digits = at;
                while (at < revision.Length && char.IsDigit(revision[at]))
                {
                    at++;
                }

                if (at < revision.Length && revision[at] != '~' && revision[at] != '^')
                {
                    return null; // ^{tree}, ^!, and other forms git alone reads
                }

                var count = at == digits ? 1 : int.TryParse(revision[digits..at], out var n) && n <= 100_000 ? n : -1;
                id = count < 0 ? null : kind == '~' ? Ancestor(id, count) : Parent(id, count);
            }

            return id;
        }
        catch (Exception e) when (e is GitMissingObjectException or GitFormatException or IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The merge base of two commits as <c>git merge-base</c> finds it (its paint-down walk, newest commit first), or null
    /// when they have none, or more than one (git's choice among them is left to git), or the walk is too long.
    /// </summary>
    public string? MergeBase(string one, string two)
    {
        if (one == two)
        {
            return one;
        }

        const byte OneSide = 1, TwoSide = 2, Stale = 4, Result = 8;
        var flags = new Dictionary<string, byte>(StringComparer.Ordinal);
        var commits = new Dictionary<string, GitCommit>(StringComparer.Ordinal);
        // Newest first; equal times in the order pushed (git's prio_queue). A list kept in order, the next commit last:
        // a SortedSet of a tuple would be the framework's generic code over a value type, JIT-compiled at every start.
        var queue = new List<QueuedCommit>();
        var order = 0L;
        var results = new List<string>();
        try
        {
            void Push(string id, byte mark)
            {
                if (!commits.TryGetValue(id, out var commit))
                {
                    commits[id] = commit = ReadCommit(id);
                }

                flags[id] = (byte)((flags.TryGetValue(id, out var had) ? had : 0) | mark);
                var queued = new QueuedCommit(commit.CommitTime, order++, id);
                var (low, high) = (0, queue.Count);
                while (low < high)
                {
                    var middle = (low + high) / 2;
                    if (queued.ComesBefore(queue[middle]))
                    {
                        low = middle + 1;
                    }
                    else
                    {
                        high = middle;
                    }
                }

                queue.Insert(low, queued);
            }

            bool AnyNotStale()
            {
                for (var i = 0; i < queue.Count; i++)
                {
                    if ((flags[queue[i].Id] & Stale) == 0)
                    {
                        return true;
                    }
                }

                return false;
            }

            Push(one, OneSide);
            Push(two, TwoSide);
            // As git's paint_down_to_common: walk while any queued commit is not yet known to lie below a result.
            while (AnyNotStale())
            {
                if (commits.Count > MergeBaseWalkLimit)
                {
                    return null;
                }

                var next = queue[^1];
                queue.RemoveAt(queue.Count - 1);
                var id = next.Id;
                var mark = (byte)(flags[id] & (OneSide | TwoSide | Stale));
                if (mark == (OneSide | TwoSide))
                {
                    if ((flags[id] & Result) == 0)
                    {
                        flags[id] |= Result;
                        results.Add(id);
                    }

                    mark |= Stale;
                }

                if (IsShallowAt(id))
                {
                    continue; // git treats the commits a shallow clone was cut at as roots
                }

                foreach (var parent in commits[id].Parents)
                {
                    if (flags.TryGetValue(parent, out var theirs) && (theirs & mark) == mark)
                    {
                        continue;
                    }

                    Push(parent, mark);
                }
            }
        }
        catch (Exception e) when (e is GitMissingObjectException or GitFormatException or IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }

        var bases = results.Where(id => (flags[id] & Stale) == 0).ToList();
        return bases.Count == 1 ? bases[0] : null;
    }

    /// <summary>The commit a ref name or a full commit id names, before peeling; null when none does.</summary>
    private string? ResolveName(string name)
    {
        if (IsFullId(name))
        {
            return name.ToLowerInvariant();
        }

        // Names in capitals (HEAD, ORIG_HEAD, FETCH_HEAD, ...) are files of the git directory; every other name is a ref.
        if (name.All(c => c is (>= 'A' and <= 'Z') or '_'))
        {
            if (ReadRefFile(name) is { } pseudo)
            {
                return pseudo;
            }
        }

        if (name.StartsWith("refs/", StringComparison.Ordinal) && ReadRefFile(name) is { } full)
        {
            return full;
        }

        foreach (var rule in RefRules)
        {
            if (ReadRefFile(string.Format(System.Globalization.CultureInfo.InvariantCulture, rule, name)) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>A ref (loose in the worktree's or the common git directory, else packed), symbolic refs followed; <see cref="Head"/> reads HEAD so.</summary>
    private string? ReadRefFile(string name)
    {
        for (var depth = 0; depth < 10; depth++)
        {
            string? text = null;
            foreach (var folder in new[] { GitDirectory, CommonDirectory })
            {
                var file = Path.Combine(folder, name);
                if (File.Exists(file))
                {
                    text = File.ReadAllText(file).Trim();
                    break;
                }
            }

            text ??= PackedRefs().TryGetValue(name, out var packed) ? packed : null;
            if (text is null)
            {
                return null;
            }

            if (text.StartsWith("ref:", StringComparison.Ordinal))
            {
                name = text[4..].Trim();
                continue;
            }

            // FETCH_HEAD holds "id<TAB>...": its first id is the commit.
            var first = text.Split(new[] { '\t', ' ', '\n' }, 2)[0];
            return IsFullId(first) ? first.ToLowerInvariant() : throw new GitFormatException($"the ref {name} is not an object id");
        }

        return null;
    }

    private Dictionary<string, string> PackedRefs()
    {
        if (_packedRefs is null)
        {
            _packedRefs = new Dictionary<string, string>(StringComparer.Ordinal);
            var file = Path.Combine(CommonDirectory, "packed-refs");
            if (File.Exists(file))
            {
                foreach (var line in File.ReadLines(file))
                {
                    if (line.Length == 0 || line[0] is '#' or '^')
                    {
                        continue; // the header, and the peeled ids of annotated tags (peeled here from the objects)
                    }

                    var space = line.IndexOf(' ');
                    if (space > 0)
                    {
                        _packedRefs[line[(space + 1)..]] = line[..space];
                    }
                }
            }
        }

        return _packedRefs;
    }

    /// <summary>The commit an object id leads to through annotated tags; null when it is a tree or a blob.</summary>
    private string? Peel(string? id)
    {
        for (var depth = 0; id is not null && depth < 10; depth++)
        {
            var read = Objects.Read(GitObjectId.Parse(id)) ?? throw new GitMissingObjectException(id);
            switch (read.Type)
            {
                case GitObjectType.Commit:
                    return id;
                case GitObjectType.Tag:
                    var header = Encoding.UTF8.GetString(read.Data, 0, Math.Min(read.Data.Length, 200));
                    id = header.StartsWith("object ", StringComparison.Ordinal) ? header.Substring(7, Objects.IdLength * 2) : throw new GitFormatException($"tag {id} names no object");
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary><c>id~count</c>: the first parent, <paramref name="count"/> times; null past the root or a shallow cut.</summary>
    private string? Ancestor(string id, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (IsShallowAt(id) || ReadCommit(id).Parents is not { Count: > 0 } parents)
            {
                return null;
            }

            id = parents[0];
        }

        return id;
    }

    /// <summary><c>id^n</c>: the n-th parent (<c>^0</c> is the commit itself).</summary>
    private string? Parent(string id, int n)
    {
        if (n == 0)
        {
            return id;
        }

        var parents = IsShallowAt(id) ? Array.Empty<string>() : (IReadOnlyList<string>)ReadCommit(id).Parents;
        return n <= parents.Count ? parents[n - 1] : null;
    }

    // The id length as the config says, not the object database's: reading HEAD must not open the packs.
    private bool IsFullId(string text) =>
        text.Length == _idLength * 2 && text.All(Uri.IsHexDigit);

    /// <summary>A commit in the merge-base walk's queue: newer first, then in the order queued.</summary>
    private sealed record QueuedCommit(long Time, long Order, string Id)
    {
        public bool ComesBefore(QueuedCommit other) => Time != other.Time ? Time > other.Time : Order < other.Order;
    }
}
