using System.Globalization;
using System.Security;
using System.Text;
using Spicetime.Tree.Mapping;
using Spicetime.Tree.Paths;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Build;

/// <summary>
/// A tree's node index, <c>obj/spicetime/index.g.props</c> beside its node files: the node-by-path rule
/// (<see cref="NodePathIndex"/>) written as MSBuild conditions, so that a project with no file of its own yet (a fresh
/// clone, a cleaned obj/) imports its node's file at evaluation, and restore hands NuGet the node's items without
/// running the generation's task for it (docs/architecture.md, "A restore without a task a project").
/// <para>
/// It maps only what evaluation can decide alone: a project whose folder lies under a node's <c>path</c>, that names no
/// <c>$(SpicetimeBranch)</c> before its body, and that is not one of that node's scope projects (those get other content).
/// Everything else (git-mapped projects, an explicit branch) goes through the generation as before. It holds while tree.json and
/// tree.lock.json keep the time stamps it recorded and the same Spicetime imports it: each evaluation compares them
/// (one time stamp read, no file parsed), and a stale index maps nothing.
/// </para>
/// <para>
/// Written together with every file it names (<see cref="Write"/>), so it never points at a node file of older content.
/// </para>
/// </summary>
public static class NodeIndex
{
    /// <summary>The index's file name in the tree's node-file folder.</summary>
    public const string FileName = "index.g.props";

    /// <summary>The property the index sets to the node file a project imports (empty: the index maps it to none).</summary>
    public const string NodeFileProperty = GeneratedPropsNames.IndexNodeFile;

    /// <summary>The index of <paramref name="tree"/> and the node files it names.</summary>
    public sealed record Files(string Text, IReadOnlyList<NodeFile> Nodes);

    /// <summary>A node file the index names, and the content written there.</summary>
    public sealed record NodeFile(string Path, GeneratedProps Node);

    /// <summary>
    /// The index text and the node files of every node with a path. <paramref name="treeFileTicks"/> and
    /// <paramref name="lockFileTicks"/> are <see cref="File.GetLastWriteTime(string)"/>'s ticks (null: no lock file) read
    /// before the tree was loaded, so that an edit while the index is written leaves it stale, never wrong.
    /// <paramref name="sdkDirectory"/> is where Spicetime.Sdk.props was imported from: another Spicetime writes other
    /// node files. Null when the tree's paths hold characters MSBuild would read as its own syntax.
    /// </summary>
    /// <param name="versionOf">
    /// What each node packs as, for the projects whose version line is <paramref name="versionInputs"/>
    /// (<see cref="GeneratedPropsWriter.VersionInputs"/>): written under that condition and the time stamps of the git files
    /// it was read from, so that a project restored through the index has its version at evaluation
    /// (<c>-getProperty:Version</c> after a restore) until a new commit. Null, or null for a node: no version there (the
    /// build's generation applies it, Spicetime.Sdk.targets; it also corrects a version of a commit made while the index
    /// was written).
    /// </param>
    /// <remarks>
    /// This runs in the first generation of every MSBuild node of a fresh restore, where each generic instantiation over a
    /// value type (a tuple, a struct key) that the framework does not precompile is JIT-compiled: so entries are a class and
    /// sorts take a comparison, no LINQ over tuples (docs/benchmarks.md, "Where restore's time goes").
    /// </remarks>
    public static Files? Write(ResolvedTree tree, string treeFile, long treeFileTicks, long? lockFileTicks, string folder, string sdkDirectory,
        Func<ResolvedNode, Versioning.NodeVersion?>? versionOf = null, string? versionInputs = null)
    {
        var treeDirectory = tree.Manifest.Directory;
        var lockFile = Locking.TreeLock.PathFor(treeFile);
        if (NeedsEscaping(treeFile) || NeedsEscaping(lockFile) || NeedsEscaping(sdkDirectory))
        {
            return null;
        }

        var pathIndex = NodePathIndex.For(tree);
        var entries = new List<Entry>();
        var files = new List<NodeFile>();
        foreach (var node in tree.Nodes)
        {
            if (node.Definition.Path is not { } path)
            {
                continue;
            }

            var prefix = Path.GetFullPath(Path.Combine(treeDirectory, path.Value == RepositoryPath.Root ? "." : path.Value));
            prefix = prefix.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var nodeFile = NodeFiles.PathIn(folder, node.Branch);
            if (NeedsEscaping(prefix) || NeedsEscaping(nodeFile))
            {
                return null;
            }

            var file = new NodeFile(nodeFile, GeneratedPropsWriter.WriteNode(ProjectInjection.ForNode(tree, node)));
            entries.Add(new Entry(prefix, node, file));
            files.Add(file);
        }

        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.Append("<!--\n  Generated by Spicetime from tree.json. Do not edit: it is rewritten when tree.json or tree.lock.json changes.\n");
        xml.Append("  Which node's file a project without a generated file of its own imports: the node whose path holds its folder.\n-->\n");
        xml.Append("<Project>\n");
        var fresh = new StringBuilder();
        fresh.Append($"'$(SpicetimeTreeFile)' == '{Attribute(treeFile)}'");
        fresh.Append($" and '$(_SpicetimeSdkDirectory)' == '{Attribute(sdkDirectory)}'");
        fresh.Append($" and '$([System.IO.File]::GetLastWriteTime(`{Attribute(treeFile)}`).Ticks)' == '{treeFileTicks.ToString(CultureInfo.InvariantCulture)}'");
        fresh.Append(lockFileTicks is { } ticks
            ? $" and '$([System.IO.File]::GetLastWriteTime(`{Attribute(lockFile)}`).Ticks)' == '{ticks.ToString(CultureInfo.InvariantCulture)}'"
            : $" and !Exists('{Attribute(lockFile)}')");
        xml.Append($"  <PropertyGroup Condition=\"{fresh}\">\n");
        xml.Append($"    <{GeneratedPropsNames.IndexProjectFolder}>$([MSBuild]::EnsureTrailingSlash('$(MSBuildProjectDirectory)'))</{GeneratedPropsNames.IndexProjectFolder}>\n");

        // The longest path first, each only while no longer one matched: the node-by-path rule.
        var byPath = entries.ToArray();
        Array.Sort(byPath, (a, b) => a.Prefix.Length != b.Prefix.Length ? b.Prefix.Length - a.Prefix.Length : string.CompareOrdinal(a.Prefix, b.Prefix));
        foreach (var entry in byPath)
        {
            xml.Append($"    <{NodeFileProperty} Condition=\"'$({NodeFileProperty})' == '' and $({GeneratedPropsNames.IndexProjectFolder}.StartsWith('{Attribute(entry.Prefix)}', StringComparison.Ordinal))\">{Attribute(entry.File.Path)}</{NodeFileProperty}>\n");
        }

        // A scope project of the node its folder maps it to gets other content (no references to the node's scope projects).
        var byBranch = entries.ToArray();
        Array.Sort(byBranch, (a, b) => string.CompareOrdinal(a.Node.Branch, b.Node.Branch));
        foreach (var entry in byBranch)
        {
            var projects = new string[entry.Node.Projects.Count];
            for (var i = 0; i < projects.Length; i++)
            {
                projects[i] = Path.GetFullPath(Path.Combine(treeDirectory, entry.Node.Projects[i].Key));
            }

            Array.Sort(projects, StringComparer.Ordinal);
            foreach (var project in projects)
            {
                if (pathIndex.Find(RepositoryPath.Relative(treeDirectory, Path.GetDirectoryName(project)!)) == entry.Node && !NeedsEscaping(project))
                {
                    xml.Append($"    <{NodeFileProperty} Condition=\"'$(MSBuildProjectFullPath)' == '{Attribute(project)}'\"></{NodeFileProperty}>\n");
                }
            }
        }

        // The content id each node file was written with: an evaluation that imported other content (a file MSBuild had
        // parsed earlier in the build, before this index was written) is no import through the index.
        var byFile = entries.ToArray();
        Array.Sort(byFile, (a, b) => string.CompareOrdinal(a.File.Path, b.File.Path));
        foreach (var entry in byFile)
        {
            xml.Append($"    <{GeneratedPropsNames.IndexNodeId} Condition=\"'$({NodeFileProperty})' == '{Attribute(entry.File.Path)}'\">{entry.File.Node.ContentId}</{GeneratedPropsNames.IndexNodeId}>\n");
        }

        xml.Append($"    <{GeneratedPropsNames.MappedBy} Condition=\"'$({NodeFileProperty})' != ''\">{NodeMappingRule.Path}</{GeneratedPropsNames.MappedBy}>\n");
        xml.Append("  </PropertyGroup>\n");
        foreach (var entry in byBranch)
        {
            if (versionOf?.Invoke(entry.Node) is { } version && VersionCondition(entry.File.Path, version, versionInputs ?? "|") is { } condition)
            {
                var group = GeneratedPropsWriter.VersionGroup(version, versionInputs ?? "|");
                group = group.Replace("  <PropertyGroup Label=", $"  <PropertyGroup Condition=\"{condition}\" Label=");
                xml.Append(group.Insert(group.LastIndexOf("  </PropertyGroup>", StringComparison.Ordinal), $"    <{GeneratedPropsNames.IndexVersion}>true</{GeneratedPropsNames.IndexVersion}>\n"));
            }
        }

        xml.Append("</Project>\n");
        return new Files(xml.ToString(), files);
    }

    /// <summary>A node with a path: where its folder starts, and its node file.</summary>
    private sealed record Entry(string Prefix, ResolvedNode Node, NodeFile File);

    /// <summary>
    /// The node's version holds for a project mapped to <paramref name="nodeFile"/> whose version line is
    /// <paramref name="inputs"/>, while git's files keep their time stamps and a packed branch ref stays packed. Null
    /// when a git file's path could not be written into a condition.
    /// </summary>
    private static string? VersionCondition(string nodeFile, Versioning.NodeVersion version, string inputs)
    {
        var condition = new StringBuilder($"'$({NodeFileProperty})' == '{Attribute(nodeFile)}' and '$(_SpicetimeRootVersion)|$(SpicetimeBuildNumber)' == '{Attribute(NodeFiles.MSBuildEscape(inputs))}'");
        foreach (var file in version.GitFiles)
        {
            if (NeedsEscaping(file))
            {
                return null;
            }

            condition.Append(TicksOf(file) is { } ticks
                ? $" and '$([System.IO.File]::GetLastWriteTime(`{Attribute(file)}`).Ticks)' == '{ticks.ToString(CultureInfo.InvariantCulture)}'"
                : $" and !Exists('{Attribute(file)}')");
        }

        if (version.HeadRefFile is { } refFile && !version.GitFiles.Contains(refFile))
        {
            if (NeedsEscaping(refFile))
            {
                return null;
            }

            condition.Append($" and !Exists('{Attribute(refFile)}')");
        }

        return condition.ToString();
    }

    /// <summary><see cref="File.GetLastWriteTime(string)"/>'s ticks, what the index's conditions read back; null when there is no file.</summary>
    public static long? TicksOf(string file) => File.Exists(file) ? File.GetLastWriteTime(file).Ticks : null;

    private static bool NeedsEscaping(string path) => NodeFiles.MSBuildEscape(path) != path || path.Contains('`') || path.Contains('(') || path.Contains(')');

    /// <summary>A value as XML text or attribute content.</summary>
    private static string Attribute(string value) => SecurityElement.Escape(value);
}
