using System.Text;

namespace Spicetime.Tree.Git;

/// <summary>
/// A git repository read from its files, the one place Spicetime reads git's object database: HEAD, refs, commits,
/// trees and blobs, and the commits a shallow clone cut its history at. Starting no process keeps a version
/// computation in a build to milliseconds (a git process costs more to start than the walk it would do).
/// </summary>
public sealed partial class GitRepository : IDisposable
{
    private readonly Lazy<GitObjectDatabase> _objectDatabase;
    private readonly HashSet<string> _shallow;

    private readonly int _idLength;

    private GitRepository(string gitDirectory, string commonDirectory, string workTree, int idLength)
    {
        _idLength = idLength;
        GitDirectory = gitDirectory;
        CommonDirectory = commonDirectory;
        WorkTree = workTree;
        // Opened on the first object read: a build whose answers are all cached reads no object (and maps no pack).
        _objectDatabase = new Lazy<GitObjectDatabase>(() => new GitObjectDatabase(Path.Combine(commonDirectory, "objects"), idLength), LazyThreadSafetyMode.None);
        var shallowFile = Path.Combine(commonDirectory, "shallow");
        _shallow = File.Exists(shallowFile)
            ? new HashSet<string>(File.ReadAllLines(shallowFile).Select(l => l.Trim()).Where(l => l.Length > 0), StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>The repository's git directory (a worktree's own one for a linked worktree).</summary>
    public string GitDirectory { get; }

    /// <summary>Where objects and shared refs live (the main repository's git directory for a linked worktree).</summary>
    public string CommonDirectory { get; }

    /// <summary>The folder the repository's files are checked out in.</summary>
    public string WorkTree { get; }

    /// <summary>True when this is a shallow clone (some commits' parents are not here).</summary>
    public bool IsShallow => _shallow.Count > 0;

    /// <summary>The repository containing <paramref name="directory"/>, or null when it is in none.</summary>
    public static GitRepository? Open(string directory)
    {
        if (GitBranchReader.Locate(directory) is not { } found || !Directory.Exists(found.GitDirectory))
        {
            return null;
        }

        var common = GitBranchReader.CommonDirectory(found.GitDirectory);
        return new GitRepository(found.GitDirectory, common, found.WorkTree, IdLength(common));
    }

    /// <summary>The commit HEAD names, or null in a repository without commits.</summary>
    public string? Head() => ReadRefFile("HEAD");

    /// <summary>
    /// The loose ref file of the branch HEAD names, whether or not it exists now (null on a detached HEAD): after
    /// <c>git gc</c> packs refs, the next commit creates it, which no file's time stamp would tell.
    /// </summary>
    public string? HeadRefFile()
    {
        var head = HeadText;
        return head.StartsWith("ref:", StringComparison.Ordinal) ? Path.Combine(CommonDirectory, head[4..].Trim()) : null;
    }

    /// <summary>The files HEAD's commit is read from (to know when it moved): HEAD, the branch's loose ref when it has one, packed-refs.</summary>
    public IReadOnlyList<string> HeadFiles()
    {
        var files = new List<string> { Path.Combine(GitDirectory, "HEAD") };
        if (HeadRefFile() is { } loose && File.Exists(loose))
        {
            files.Add(loose);
        }

        var packed = Path.Combine(CommonDirectory, "packed-refs");
        if (File.Exists(packed))
        {
            files.Add(packed);
        }

        return files;
    }

    /// <summary>HEAD as written ("ref: refs/heads/main" or a commit id), read once per instance.</summary>
    private string HeadText => _headText ??= File.ReadAllText(Path.Combine(GitDirectory, "HEAD")).Trim();

    private string? _headText;

    /// <summary>True when the clone was cut at <paramref name="commit"/>: its parents are not in this repository.</summary>
    public bool IsShallowAt(string commit) => _shallow.Contains(commit);

    public GitCommit ReadCommit(string id)
    {
        var read = Objects.Read(GitObjectId.Parse(id)) ?? throw new GitMissingObjectException(id);
        return read.Type == GitObjectType.Commit ? GitCommit.Parse(id, read.Data) : throw new GitFormatException($"{id} is a {read.Type}, not a commit");
    }

    /// <summary>The id of the entry at <paramref name="path"/> ('/'-separated, relative to the work tree) in <paramref name="tree"/>, or null.</summary>
    public string? FindInTree(string tree, string path)
    {
        var current = tree;
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var read = Objects.Read(GitObjectId.Parse(current));
            if (read is null || read.Type != GitObjectType.Tree)
            {
                return null;
            }

            var entry = FindEntry(read.Data, name);
            if (entry is null)
            {
                return null;
            }

            current = entry;
        }

        return current;
    }

    /// <summary>The content of blob <paramref name="id"/>, or null when it is missing or not a blob.</summary>
    public byte[]? ReadBlob(string id) => Objects.Read(GitObjectId.Parse(id)) is { Type: GitObjectType.Blob } blob ? blob.Data : null;

    /// <summary>A tree's entries are "mode name\0id"; finds <paramref name="name"/>'s id.</summary>
    private string? FindEntry(byte[] tree, string name)
    {
        var wanted = Encoding.UTF8.GetBytes(name);
        var idLength = Objects.IdLength;
        var position = 0;
        while (position < tree.Length)
        {
            var space = GitBytes.IndexOf(tree, (byte)' ', position);
            var nul = GitBytes.IndexOf(tree, (byte)0, space + 1);
            if (space < 0 || nul < 0 || nul + 1 + idLength > tree.Length)
            {
                throw new GitFormatException("a tree object is damaged");
            }

            if (tree.AsSpan(space + 1, nul - space - 1).SequenceEqual(wanted))
            {
                return GitObjectId.ToText(tree.AsSpan(nul + 1, idLength));
            }

            position = nul + 1 + idLength;
        }

        return null;
    }

    /// <summary>SHA-1 ids are 20 bytes; a repository made with <c>--object-format=sha256</c> says so in its config.</summary>
    private static int IdLength(string commonDirectory)
    {
        var config = Path.Combine(commonDirectory, "config");
        if (File.Exists(config))
        {
            foreach (var line in File.ReadLines(config))
            {
                var text = line.Trim().Replace(" ", string.Empty).ToLowerInvariant();
                if (text == "objectformat=sha256")
                {
                    return 32;
                }
            }
        }

        return 20;
    }

    private GitObjectDatabase Objects => _objectDatabase.Value;

    public void Dispose()
    {
        if (_objectDatabase.IsValueCreated)
        {
            _objectDatabase.Value.Dispose();
        }
    }
}

/// <summary>An object the repository should have is not there (a shallow or partial clone, or a damaged repository).</summary>
public sealed class GitMissingObjectException : Exception
{
    public GitMissingObjectException(string id)
        : base($"git object {id} is not in the repository")
    {
        Id = id;
    }

    public string Id { get; }
}
