using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Spicetime.Tree.Cache.Keys;

/// <summary>
/// SHA-256 of files' contents, kept by path, size and last write time, so that the projects of one build hash a shared
/// file (an .editorconfig, a referenced project's reference assembly) once. One instance per build; a file that changes
/// during the build has another size or time and is hashed again. A missing file hashes as "missing".
/// </summary>
public sealed class FileHashes
{
    private readonly ConcurrentDictionary<(string Path, long Size, DateTime Written), string> _hashes = new();

    public string Of(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return "missing";
        }

        return _hashes.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), key =>
        {
            using var stream = File.OpenRead(key.Path);
            return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
        });
    }

    /// <summary>
    /// The hash of a file the build generated for this project (its intermediate folder: the analyzer config that hands
    /// the compiler <c>build_property.ProjectDir</c>, the Source Link map), with every root's folder in its bytes replaced
    /// by the root's name first: such files name the checkout's path, and a clone elsewhere must get the same key. Byte
    /// for byte, so two different files never hash alike. Not kept: the roots are the project's own.
    /// </summary>
    public static string OfGenerated(string path, PathRoots roots)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "missing";
        }

        // UTF-8 and UTF-16 (MSBuild's WriteLinesToFile with Encoding="Unicode", as coverage's source root map is written).
        foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
        {
            foreach (var (name, folder) in roots.Folders)
            {
                content = Replace(content, encoding.GetBytes(folder), encoding.GetBytes("{" + name + "}/"));
                if (Path.DirectorySeparatorChar == '\\')
                {
                    content = Replace(content, encoding.GetBytes(folder.Replace('/', '\\')), encoding.GetBytes("{" + name + "}\\"));
                }
            }
        }

        return "text:" + Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
    }

    private static byte[] Replace(byte[] content, byte[] find, byte[] with)
    {
        var at = content.AsSpan().IndexOf(find);
        if (at < 0)
        {
            return content;
        }

        using var result = new MemoryStream(content.Length);
        var rest = 0;
        while (at >= 0)
        {
            result.Write(content, rest, at - rest);
            result.Write(with);
            rest = at + find.Length;
            var next = content.AsSpan(rest).IndexOf(find);
            at = next < 0 ? -1 : rest + next;
        }

        result.Write(content, rest, content.Length - rest);
        return result.ToArray();
    }
}
