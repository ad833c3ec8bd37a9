using Spicetime.Tree.Mapping;
using System.Security;
using System.Text;
using Spicetime.Tree.Git;
using Spicetime.Tree.Model;
using Spicetime.Tree.Paths;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Build;

/// <summary>
/// What a project gets from its node, as MSBuild sees it: the properties, package references and project
/// references, and the generated .props file that makes them evaluation-time properties and items.
/// </summary>
public sealed class ProjectInjection
{
    private readonly string _treeDirectory;

    private ProjectInjection(NodeMapping mapping, string projectFile, string treeDirectory, IReadOnlyList<NodeEntry> properties,
        IReadOnlyList<NodeEntry> packages, IReadOnlyList<NodeEntry> projects)
    {
        _treeDirectory = treeDirectory;
        Mapping = mapping;
        ProjectFile = projectFile;
        Properties = properties;
        Packages = packages;
        Projects = projects;
    }

    public NodeMapping Mapping { get; }

    public string ProjectFile { get; }

    public IReadOnlyList<NodeEntry> Properties { get; }

    /// <summary>The node's packages: id (<see cref="NodeEntry.Key"/>), version, and who set them.</summary>
    public IReadOnlyList<NodeEntry> Packages { get; }

    /// <summary>The scope projects it references (paths relative to tree.json; <see cref="Include"/> gives MSBuild's full path).</summary>
    public IReadOnlyList<NodeEntry> Projects { get; }

    /// <summary>A scope project as the <c>ProjectReference</c> Include: its full path.</summary>
    public string Include(NodeEntry project) => FullPath(_treeDirectory, project);

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
        return new ProjectInjection(mapping, projectFull, treeDirectory, node.Properties, node.Packages, projects);
    }

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

    /// <summary>
    /// The generated .props: properties first (imported after Microsoft.NET.Sdk's props, so they are defaults the project
    /// body overrides), then private items that Spicetime's targets turn into PackageReference / PackageVersion /
    /// ProjectReference after the project body, so that what the project writes itself wins; last the node's version
    /// (<paramref name="versionGroup"/>, from <see cref="VersionProps.Render"/>), which the content id leaves out: a new
    /// commit changes the version, not what restore needs. One file, not two: a fresh clone's restore writes it for
    /// every project (docs/benchmarks.md). Deterministic text.
    /// </summary>
    public string ToProps(string? branchInput, string? versionGroup = null)
    {
        var node = Mapping.Node;
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.Append("<!--\n  Generated by Spicetime from tree.json. Do not edit: it is rewritten when this project's node or version changes.\n");
        xml.Append($"  Node: {Comment(node.Branch)} ({Comment(Mapping.Describe())}).\n-->\n");
        xml.Append("<Project>\n  <PropertyGroup>\n");
        xml.Append(PropsIdPlaceholder);
        Property(xml, GeneratedPropsNames.ProjectFile, IntermediateFolderClaim.NameOf(_treeDirectory, ProjectFile));
        Property(xml, GeneratedPropsNames.ResolvedBranch, node.Branch);
        Property(xml, GeneratedPropsNames.MappedBy, Mapping.Rule.ToString());
        Property(xml, GeneratedPropsNames.GeneratedBranchInput, branchInput ?? string.Empty);
        Property(xml, GeneratedPropsNames.GitFiles, Mapping.DependsOnGit ? string.Join(";", Mapping.Git!.Files) : string.Empty);
        if (Mapping.DependsOnGit)
        {
            // The CI branch variables as they were, and as MSBuild sees them now: when they differ, the mapping is redone.
            Property(xml, GeneratedPropsNames.CiBranchAtGeneration, string.Join("|", GitBranchReader.CiBranchVariables.Select(v => Environment.GetEnvironmentVariable(v) ?? string.Empty)));
            xml.Append($"    <{GeneratedPropsNames.CiBranchNow}>{string.Join("|", GitBranchReader.CiBranchVariables.Select(v => $"$({v})"))}</{GeneratedPropsNames.CiBranchNow}>\n");
        }

        Property(xml, GeneratedPropsNames.Scopes, string.Join(";", node.ScopeNames));
        // The contract files the node's check compares (its own that differ from its parent's, and those): the check's inputs.
        Property(xml, GeneratedPropsNames.ContractFiles, string.Join(";", Contracts.ContractCheck.Changed(node)
            .SelectMany(c => new[] { c.Inherited.Value, c.Contract.Value }).Distinct(StringComparer.Ordinal)
            .Select(f => Path.GetFullPath(Path.Combine(_treeDirectory, f)))));
        xml.Append("  </PropertyGroup>\n");

        if (Properties.Count > 0)
        {
            xml.Append("  <PropertyGroup Label=\"Spicetime scope properties (defaults the project may override)\">\n");
            foreach (var property in Properties)
            {
                xml.Append($"    <{property.Key}>{Escape(property.Value)}</{property.Key}> <!-- {Comment(property.Source.Describe())} -->\n");
            }

            xml.Append("  </PropertyGroup>\n");
        }

        if (Packages.Count > 0 || Projects.Count > 0)
        {
            xml.Append("  <ItemGroup>\n");
            foreach (var package in Packages)
            {
                xml.Append($"    <{GeneratedPropsNames.PackageReference} Include=\"{Escape(package.Key)}\" Version=\"{Escape(package.Value)}\" {GeneratedPropsNames.ScopeMetadata}=\"{Escape(package.Source.Scope)}\" {GeneratedPropsNames.NodeMetadata}=\"{Escape(package.Source.Node)}\" />\n");
            }

            foreach (var project in Projects)
            {
                xml.Append($"    <{GeneratedPropsNames.ProjectReference} Include=\"{Escape(Include(project))}\" {GeneratedPropsNames.ScopeMetadata}=\"{Escape(project.Source.Scope)}\" {GeneratedPropsNames.NodeMetadata}=\"{Escape(project.Source.Node)}\" />\n");
            }

            xml.Append("  </ItemGroup>\n");
        }

        xml.Append(ProjectEnd);
        // The file names its own content (a digest of the rest): an evaluation that imported it carries the id, so the
        // generation can tell whether *this evaluation* saw what it generates, even when another process wrote the file.
        var text = xml.ToString();
        // XXH3, not SHA-256: the id tells contents apart, it guards nothing; and the first SHA-256 of a process
        // initialises OpenSSL (~5 ms), paid on every MSBuild node's first generation (docs/benchmarks.md).
        var id = System.IO.Hashing.XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(text)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        text = text.Replace(PropsIdPlaceholder, $"    <{PropsIdProperty}>{id}</{PropsIdProperty}>\n");
        return versionGroup is null ? text : text.Insert(text.Length - ProjectEnd.Length, versionGroup);
    }

    private const string ProjectEnd = "</Project>\n";

    /// <summary>The property the generated props name their content with (see <see cref="IdOf"/>).</summary>
    public const string PropsIdProperty = GeneratedPropsNames.PropsId;

    private const string PropsIdPlaceholder = "    <" + PropsIdProperty + " />\n";

    /// <summary>The content id of generated props text (<see cref="ToProps"/>), or "" when it has none.</summary>
    public static string IdOf(string props)
    {
        var start = props.IndexOf("<" + PropsIdProperty + ">", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        start += PropsIdProperty.Length + 2;
        var end = props.IndexOf('<', start);
        return end < 0 ? string.Empty : props.Substring(start, end - start);
    }

    private static void Property(StringBuilder xml, string name, string value) =>
        xml.Append($"    <{name}>{Escape(value)}</{name}>\n");

    private static string Escape(string value) => SecurityElement.Escape(value);

    private static string Comment(string value) => value.Replace("--", "- -");
}
