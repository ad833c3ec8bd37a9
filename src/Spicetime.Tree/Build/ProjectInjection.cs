using Spicetime.Tree.Mapping;
using Spicetime.Tree.Model;
using Spicetime.Tree.Paths;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Build;

/// <summary>
/// What a project gets from its node, as MSBuild sees it: the properties, package references and project
/// references, and the contract files its check compares. <see cref="GeneratedPropsWriter"/> writes them into the
/// generated props, which make them evaluation-time properties and items.
/// </summary>
public sealed class ProjectInjection
{
    private ProjectInjection(NodeMapping mapping, string projectFile, string treeDirectory, IReadOnlyList<NodeEntry> properties,
        IReadOnlyList<NodeEntry> packages, IReadOnlyList<NodeEntry> projects, bool isScopeProject)
    {
        IsScopeProject = isScopeProject;
        TreeDirectory = treeDirectory;
        Mapping = mapping;
        ProjectFile = projectFile;
        Properties = properties;
        Packages = packages;
        Projects = projects;
    }

    public NodeMapping Mapping { get; }

    public string ProjectFile { get; }

    /// <summary>
    /// True when the project is one of its node's scope projects: it gets none of them as references (<see cref="For"/>),
    /// so what it gets is not the node's shared file's content (<see cref="NodeFiles"/>) and it keeps a whole file of its own.
    /// </summary>
    public bool IsScopeProject { get; }

    /// <summary>tree.json's folder: what scope projects and contract files are relative to.</summary>
    public string TreeDirectory { get; }

    public IReadOnlyList<NodeEntry> Properties { get; }

    /// <summary>The node's packages: id (<see cref="NodeEntry.Key"/>), version, and who set them.</summary>
    public IReadOnlyList<NodeEntry> Packages { get; }

    /// <summary>The scope projects it references (paths relative to tree.json; <see cref="Include"/> gives MSBuild's full path).</summary>
    public IReadOnlyList<NodeEntry> Projects { get; }

    /// <summary>A scope project as the <c>ProjectReference</c> Include: its full path.</summary>
    public string Include(NodeEntry project) => FullPath(TreeDirectory, project);

    /// <summary>
    /// The contract files the node's check compares (its own that differ from its parent's, and those), full paths: the
    /// check's inputs.
    /// </summary>
    public IEnumerable<string> ContractFiles
    {
        get
        {
            // A loop, not LINQ over the tuples: that would be JIT-compiled on every MSBuild node's first generation.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (contract, inherited) in Contracts.ContractCheck.Changed(Mapping.Node))
            {
                foreach (var file in new[] { inherited.Value, contract.Value })
                {
                    if (seen.Add(file))
                    {
                        yield return Path.GetFullPath(Path.Combine(TreeDirectory, file));
                    }
                }
            }
        }
    }

    private static string FullPath(string treeDirectory, NodeEntry scopeProject) => Path.GetFullPath(Path.Combine(treeDirectory, scopeProject.Key));

    /// <summary>
    /// What <paramref name="projectFile"/> gets from its node. A project that is itself one of the node's scope
    /// projects gets no scope project references: shared projects are what forks build on, and referencing
    /// each other through the scope would make cycles (they reference each other by hand when they need to).
    /// </summary>
    public static ProjectInjection For(ResolvedTree tree, NodeMapping mapping, string projectFile)
    {
        var node = mapping.Node;
        var treeDirectory = tree.Manifest.Directory;
        var projectFull = Path.GetFullPath(projectFile);
        var projects = ScopeProjectsFor(node, p => RepositoryPath.SamePath(FullPath(treeDirectory, p), projectFull));
        return new ProjectInjection(mapping, projectFull, treeDirectory, node.Properties, node.Packages, projects,
            isScopeProject: projects.Count < node.Projects.Count);
    }

    /// <summary>
    /// What a project of <paramref name="node"/> that is not one of its scope projects gets, mapped there by the node's
    /// path: the content of the node's shared file (<see cref="NodeIndex"/> writes every node's at once). It stands for no
    /// one project: its <see cref="ProjectFile"/> is the node files' folder, which nothing reads.
    /// </summary>
    public static ProjectInjection ForNode(ResolvedTree tree, ResolvedNode node) =>
        new(new NodeMapping(node, NodeMappingRule.Path, null), Path.GetFullPath(Path.Combine(tree.Manifest.Directory, "obj", "spicetime")), tree.Manifest.Directory,
            node.Properties, node.Packages, node.Projects, isScopeProject: false);

    /// <summary>
    /// The scope projects <paramref name="node"/> gives a project as references: all of them, or none when the project
    /// is one of them itself (see <see cref="For"/>). `spicetime affected` follows the same references.
    /// </summary>
    public static IReadOnlyList<NodeEntry> ScopeProjectsFor(ResolvedNode node, Func<NodeEntry, bool> isThisProject) =>
        node.Projects.Any(isThisProject) ? Array.Empty<NodeEntry>() : node.Projects;

    /// <summary>
    /// Properties NuGet reads while restoring that shape the restore itself (which frameworks and runtimes). Restore
    /// evaluates a project before Spicetime can regenerate its props, so a change to one of these takes effect at the
    /// next restore; <see cref="StaleRestoreProperties"/> finds the ones that differ.
    /// </summary>
    public static readonly string[] RestoreShapingProperties = { "TargetFramework", "TargetFrameworks", "RuntimeIdentifier", "RuntimeIdentifiers" };

    /// <summary>
    /// The node's restore-shaping properties whose value differs from what the running restore evaluated, leaving out
    /// those the project file sets itself (the project wins, so the scope's value never applies to it).
    /// </summary>
    public IEnumerable<(NodeEntry Property, string Seen)> StaleRestoreProperties(IReadOnlyDictionary<string, string> seenByRestore)
    {
        var shaping = Properties.Where(p => RestoreShapingProperties.Contains(p.Key, StringComparer.OrdinalIgnoreCase)).ToList();
        if (shaping.Count == 0)
        {
            // The common case, and every project of a fresh clone's restore asks: no need to read the project file.
            return Array.Empty<(NodeEntry, string)>();
        }

        var own = PropertiesSetIn(ProjectFile);
        return shaping
            .Where(p => !own.Contains(p.Key))
            .Select(p => (Property: p, Seen: seenByRestore.TryGetValue(p.Key, out var seen) ? seen : string.Empty))
            .Where(p => !string.Equals(p.Property.Value, p.Seen, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The names of the properties a project file sets in its own PropertyGroups (not through imports).</summary>
    private static HashSet<string> PropertiesSetIn(string projectFile)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var document = System.Xml.Linq.XDocument.Load(projectFile);
            foreach (var group in document.Root?.Elements().Where(e => e.Name.LocalName == "PropertyGroup") ?? Enumerable.Empty<System.Xml.Linq.XElement>())
            {
                foreach (var property in group.Elements())
                {
                    names.Add(property.Name.LocalName);
                }
            }
        }
        catch (Exception e) when (e is IOException or System.Xml.XmlException or UnauthorizedAccessException)
        {
            // MSBuild reports an unreadable project itself.
        }

        return names;
    }
}
