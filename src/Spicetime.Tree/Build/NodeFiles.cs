using System.Globalization;
using System.Text;

namespace Spicetime.Tree.Build;

/// <summary>
/// Where a node's shared generated props live: <c>obj/spicetime/node.&lt;branch&gt;.g.props</c> beside tree.json (under
/// <c>$(ArtifactsPath)/obj/spicetime/</c> with artifacts output; the targets pass the folder). Every project of the node
/// that is not one of its scope projects imports it through its own small file (<see cref="GeneratedPropsWriter.WritePointer"/>).
/// </summary>
public static class NodeFiles
{
    /// <summary>The file of <paramref name="branch"/> in <paramref name="folder"/>.</summary>
    public static string PathIn(string folder, string branch) => Path.Combine(Path.GetFullPath(folder), FileName(branch));

    /// <summary>
    /// The folder of the node files of the tree in <paramref name="treeDirectory"/>, given the folder the targets pass:
    /// that folder when it is the tree's own (obj/spicetime/ beside tree.json); otherwise (the artifacts path, which
    /// two trees of one repository may share, each with a root named "main") a folder of the tree's own inside it, named
    /// by the tree folder's name and a hash of where it is relative to that folder: the same in every clone, so a build
    /// cache key that reads a project's file (which names the node file) does not depend on the checkout's path.
    /// </summary>
    public static string FolderFor(string folder, string treeDirectory)
    {
        var full = Path.GetFullPath(folder);
        var tree = Path.GetFullPath(treeDirectory);
        var own = Path.Combine(tree, "obj", "spicetime");
        if (string.Equals(Trimmed(full), Trimmed(own), StringComparison.Ordinal))
        {
            return full;
        }

        var relative = Paths.RepositoryPath.Relative(full, tree);
        var hash = System.IO.Hashing.XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(relative)).ToString("x16", CultureInfo.InvariantCulture).Substring(0, 8);
        var name = Path.GetFileName(Trimmed(tree));
        return Path.Combine(full, $"{(name.Length == 0 ? "tree" : Encoded(name))}-{hash}");
    }

    private static string Trimmed(string path) => path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

    /// <summary>
    /// "node.&lt;branch&gt;.g.props", the branch with every character outside ASCII letters, digits, '-' and '_' written as
    /// '~' and its UTF-8 bytes in hex ("release/1.x" → "node.release~2F1~2Ex.g.props"): a name every file system and
    /// MSBuild take as it is, one per branch (branches differ ignoring case, SPT0103, so case-insensitive file systems
    /// keep them apart too).
    /// </summary>
    public static string FileName(string branch) => "node." + Encoded(branch) + ".g.props";

    private static string Encoded(string text)
    {
        var name = new StringBuilder(text.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_')
            {
                name.Append((char)b);
            }
            else
            {
                name.Append('~').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return name.ToString();
    }

    /// <summary>
    /// A path as an MSBuild attribute value that MSBuild reads back as this path: the characters MSBuild gives a meaning
    /// ($, @, %, ;, ', *, ?) in its %XX form.
    /// </summary>
    public static string MSBuildEscape(string path)
    {
        var escaped = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            _ = c switch
            {
                '%' or '$' or '@' or ';' or '\'' or '*' or '?' => escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
