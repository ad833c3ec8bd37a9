using System.IO.Compression;
using System.Text;

namespace Spicetime.Tree.Git;

/// <summary>
/// Reads objects from a repository's <c>objects</c> folder without starting git: loose objects (zlib-compressed files
/// named by their id) and packs (<see cref="GitPackFile"/>), and the databases <c>objects/info/alternates</c> names.
/// Not thread-safe; one per walk.
/// </summary>
public sealed class GitObjectDatabase : IDisposable
{
    private readonly string _objects;
    private readonly int _idLength;
    // Opened on the first object no loose file holds: a build after a new commit reads the commit and its tree, both
    // loose, and mapping the packs' indexes first was two thirds of its time.
    private readonly Lazy<List<GitPackFile>> _packs;
    private readonly List<GitObjectDatabase> _alternates = new();

    public GitObjectDatabase(string objectsDirectory, int idLength = 20)
        : this(objectsDirectory, idLength, depth: 0)
    {
    }

    private GitObjectDatabase(string objectsDirectory, int idLength, int depth)
    {
        _objects = objectsDirectory;
        _idLength = idLength;
        _packs = new Lazy<List<GitPackFile>>(() => OpenPacks(objectsDirectory, idLength), LazyThreadSafetyMode.ExecutionAndPublication);

        var alternates = Path.Combine(objectsDirectory, "info", "alternates");
        if (depth < 5 && File.Exists(alternates))
        {
            foreach (var line in File.ReadAllLines(alternates))
            {
                var path = line.Trim();
                if (path.Length > 0 && !path.StartsWith('#'))
                {
                    var full = Path.GetFullPath(Path.Combine(objectsDirectory, path));
                    if (Directory.Exists(full))
                    {
                        _alternates.Add(new GitObjectDatabase(full, idLength, depth + 1));
                    }
                }
            }
        }
    }

    /// <summary>The packs of <paramref name="objectsDirectory"/>, newest first (recent history is what a walk from HEAD reads).</summary>
    private static List<GitPackFile> OpenPacks(string objectsDirectory, int idLength)
    {
        var packs = new List<GitPackFile>();
        var packDirectory = Path.Combine(objectsDirectory, "pack");
        if (Directory.Exists(packDirectory))
        {
            foreach (var index in new DirectoryInfo(packDirectory).EnumerateFiles("*.idx").OrderByDescending(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal))
            {
                if (File.Exists(Path.ChangeExtension(index.FullName, ".pack")) && GitPackFile.Open(index.FullName, idLength) is { } pack)
                {
                    packs.Add(pack);
                }
            }
        }

        return packs;
    }

    /// <summary>The length of an object id in bytes: 20 (SHA-1) or 32 (SHA-256).</summary>
    public int IdLength => _idLength;

    /// <summary>The object <paramref name="id"/>, or null when the database does not have it.</summary>
    public GitObject? Read(byte[] id)
    {
        var loose = GitObjectId.LoosePath(_objects, id);
        if (File.Exists(loose))
        {
            return ReadLoose(loose);
        }

        foreach (var pack in _packs.Value)
        {
            if (pack.Read(id, this) is { } packed)
            {
                return packed;
            }
        }

        foreach (var alternate in _alternates)
        {
            if (alternate.Read(id) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>A loose object: "type size\0content", zlib-compressed.</summary>
    private static GitObject ReadLoose(string path)
    {
        using var file = File.OpenRead(path);
        using var inflater = GitZlib.Inflate(file);
        using var content = new MemoryStream();
        inflater.CopyTo(content);
        var bytes = content.GetBuffer().AsSpan(0, (int)content.Length);
        var space = bytes.IndexOf((byte)' ');
        var nul = bytes.IndexOf((byte)0);
        if (space < 0 || nul < space)
        {
            throw new GitFormatException($"{path} is not a git object");
        }

        var type = Encoding.ASCII.GetString(bytes[..space]) switch
        {
            "commit" => GitObjectType.Commit,
            "tree" => GitObjectType.Tree,
            "blob" => GitObjectType.Blob,
            "tag" => GitObjectType.Tag,
            var other => throw new GitFormatException($"{path} has the unknown type '{other}'"),
        };
        return new GitObject(type, bytes[(nul + 1)..].ToArray());
    }

    public void Dispose()
    {
        if (_packs.IsValueCreated)
        {
            foreach (var pack in _packs.Value)
            {
                pack.Dispose();
            }
        }

        foreach (var alternate in _alternates)
        {
            alternate.Dispose();
        }
    }
}
