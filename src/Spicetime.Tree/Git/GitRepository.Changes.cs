using System.Text;

namespace Spicetime.Tree.Git;

/// <summary>What changed between two commits, and a file as a commit has it, read from the object database.</summary>
public sealed partial class GitRepository
{
    /// <summary>
    /// The paths (relative to the work tree, '/' separators, in order) whose content, mode or existence differs between
    /// the two commits' trees: what <c>git diff --name-only --no-renames</c> lists. Subtrees with the same id are skipped
    /// unread; a path that is a folder on one side and a file on the other lists the file and everything in the folder.
    /// </summary>
    public IReadOnlyList<string> ChangedPaths(string fromCommit, string toCommit)
    {
        var changed = new List<string>();
        Compare(ReadCommit(fromCommit).Tree, ReadCommit(toCommit).Tree, string.Empty, changed);
        changed.Sort(StringComparer.Ordinal);
        return changed;
    }

    /// <summary>
    /// The repository containing <paramref name="directory"/>, when reading its files gives the answers git would: null
    /// when an environment variable moves the repository, its index or its objects, or when replace refs or grafts make
    /// git see another history than the objects hold. Callers then ask git.
    /// </summary>
    public static GitRepository? OpenReadAsGit(string directory)
    {
        if (EnvironmentMovesRepository() || Open(directory) is not { } repository)
        {
            return null;
        }

        var rewritten = File.Exists(Path.Combine(repository.CommonDirectory, "info", "grafts"))
            || (Directory.Exists(Path.Combine(repository.CommonDirectory, "refs", "replace")) && Directory.EnumerateFiles(Path.Combine(repository.CommonDirectory, "refs", "replace"), "*", SearchOption.AllDirectories).Any())
            || repository.PackedRefs().Keys.Any(k => k.StartsWith("refs/replace/", StringComparison.Ordinal));
        if (rewritten)
        {
            repository.Dispose();
            return null;
        }

        return repository;
    }

    /// <summary>Whether one of git's variables that move what a folder's repository is (<see cref="MovingVariables"/>) is set: then only git can say.</summary>
    internal static bool EnvironmentMovesRepository() =>
        MovingVariables.Any(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));

    /// <summary>git's variables that move what a folder's repository is (<c>git help environment</c>).</summary>
    internal static readonly string[] MovingVariables =
    {
        "GIT_DIR", "GIT_WORK_TREE", "GIT_CEILING_DIRECTORIES", "GIT_COMMON_DIR", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_REPLACE_REF_BASE", "GIT_NAMESPACE",
    };

    /// <summary>
    /// The files git's index tracks under <paramref name="folder"/> (a folder of the work tree) whose names end with one of
    /// <paramref name="suffixes"/>, relative to that folder: what <c>git ls-files -z --cached -- *.csproj ...</c> run there
    /// lists (its <c>*</c> crosses folders; case always matters, core.ignorecase or not). Null when the index cannot be read
    /// here (<see cref="GitIndex"/>).
    /// </summary>
    public IReadOnlyList<string>? TrackedFiles(string folder, IReadOnlyList<string> suffixes)
    {
        var prefix = Paths.RepositoryPath.Relative(WorkTree, folder);
        if (prefix == "..")
        {
            return null;
        }

        prefix = prefix is "." or "" ? string.Empty : prefix.TrimEnd('/') + "/";
        if (prefix.StartsWith("../", StringComparison.Ordinal))
        {
            return null;
        }

        var start = Encoding.UTF8.GetBytes(prefix);
        var ends = suffixes.Select(Encoding.UTF8.GetBytes).ToArray();
        var paths = GitIndex.ReadPaths(Path.Combine(GitDirectory, "index"), _idLength, path =>
        {
            if (!path.StartsWith(start))
            {
                return false;
            }

            foreach (var end in ends)
            {
                if (path.EndsWith(end))
                {
                    return true;
                }
            }

            return false;
        });
        return paths?.Select(p => p[prefix.Length..]).ToList();
    }

    /// <summary>The content of <paramref name="path"/> (relative to the work tree) at <paramref name="commit"/>; null when it is not a file there.</summary>
    public byte[]? ReadFile(string commit, string path) =>
        FindInTree(ReadCommit(commit).Tree, path) is { } id ? ReadBlob(id) : null;

    private void Compare(string? from, string? to, string prefix, List<string> changed)
    {
        var before = from is null ? new Dictionary<string, TreeEntry>() : Entries(from);
        var after = to is null ? new Dictionary<string, TreeEntry>() : Entries(to);
        foreach (var (name, old) in before)
        {
            after.TryGetValue(name, out var now);
            if (now is not null && now.Id == old.Id && now.Mode == old.Mode)
            {
                continue;
            }

            Changed(prefix + name, old, now, changed);
        }

        foreach (var (name, now) in after)
        {
            if (!before.ContainsKey(name))
            {
                Changed(prefix + name, null, now, changed);
            }
        }
    }

    private void Changed(string path, TreeEntry? old, TreeEntry? now, List<string> changed)
    {
        if (old?.IsTree == true || now?.IsTree == true)
        {
            Compare(old?.IsTree == true ? old.Id : null, now?.IsTree == true ? now.Id : null, path + "/", changed);
        }

        if ((old is not null && !old.IsTree) || (now is not null && !now.IsTree))
        {
            changed.Add(path); // a file, a symbolic link or a submodule's commit
        }
    }

    /// <summary>A tree object's entries ("mode name\0id") by name.</summary>
    private Dictionary<string, TreeEntry> Entries(string tree)
    {
        var read = Objects.Read(GitObjectId.Parse(tree)) ?? throw new GitMissingObjectException(tree);
        if (read.Type != GitObjectType.Tree)
        {
            throw new GitFormatException($"{tree} is a {read.Type}, not a tree");
        }

        var data = read.Data;
        var idLength = Objects.IdLength;
        var entries = new Dictionary<string, TreeEntry>(StringComparer.Ordinal);
        for (var position = 0; position < data.Length;)
        {
            var space = GitBytes.IndexOf(data, (byte)' ', position);
            var nul = space < 0 ? -1 : GitBytes.IndexOf(data, (byte)0, space + 1);
            if (space < 0 || nul < 0 || nul + 1 + idLength > data.Length)
            {
                throw new GitFormatException($"the tree {tree} is damaged");
            }

            var mode = Encoding.ASCII.GetString(data, position, space - position);
            var name = Encoding.UTF8.GetString(data, space + 1, nul - space - 1);
            entries[name] = new TreeEntry(mode, GitObjectId.ToText(data.AsSpan(nul + 1, idLength)));
            position = nul + 1 + idLength;
        }

        return entries;
    }

    private sealed record TreeEntry(string Mode, string Id)
    {
        public bool IsTree => Mode == "40000";
    }
}
