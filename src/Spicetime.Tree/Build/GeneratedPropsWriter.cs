using System.Globalization;
using System.Security;
using System.Text;
using Spicetime.Tree.Git;
using Spicetime.Tree.Resolution;
using Spicetime.Tree.Versioning;
using Names = Spicetime.Tree.Build.GeneratedPropsNames;

namespace Spicetime.Tree.Build;

/// <summary>
/// Writes a project's generated props (obj/spicetime.&lt;project&gt;.g.props) and its node's shared file: what
/// <see cref="ProjectInjection"/> says the project gets, as evaluation-time properties and items, then the node's version. The names it writes are
/// <see cref="GeneratedPropsNames"/>, the half of a contract that sdk/Sdk's files read. Deterministic text.
/// </summary>
public static class GeneratedPropsWriter
{
    internal const string ProjectEnd = "</Project>\n";

    private const string PropsIdPlaceholder = "    <" + Names.PropsId + " />\n";

    /// <summary>
    /// A project's whole generated props, the form a scope project of its own node gets (its node gives it no scope project
    /// references, so its content is not the node's shared file's): properties first (imported after Microsoft.NET.Sdk's
    /// props, so they are defaults the project body overrides), then private items that Spicetime's targets turn into
    /// PackageReference / PackageVersion / ProjectReference after the project body, so that what the project writes itself
    /// wins; last the node's version (<paramref name="versionGroup"/>, from <see cref="VersionGroup"/>), which the content
    /// id leaves out: a new commit changes the version, not what restore needs.
    /// </summary>
    /// <param name="branchInput">The branch the project named ($(SpicetimeBranch)), or null.</param>
    /// <param name="nodeContentId">
    /// For a project that is not a scope project of its node but gets a whole file all the same (node files off, or their
    /// folder not writable): the node's content id (<see cref="WriteNode"/>'s), so that a later switch to the node's file,
    /// or back, is no new content for restore (no SPT0300). Null: the id of this file's own content.
    /// </param>
    public static GeneratedProps Write(ProjectInjection injection, string? branchInput, string? versionGroup = null, string? nodeContentId = null)
    {
        var xml = Header(injection.Mapping.Node.Branch, injection.Mapping.Describe(), "this project's node or version changes");
        xml.Append("<Project>\n  <PropertyGroup>\n");
        xml.Append(PropsIdPlaceholder);
        ProjectProperties(xml, injection, branchInput);
        NodeProperties(xml, injection);
        xml.Append("  </PropertyGroup>\n");
        NodeContent(xml, injection);
        xml.Append(ProjectEnd);
        var (text, id) = WithId(xml.ToString(), nodeContentId);
        return new GeneratedProps(versionGroup is null ? text : text.Insert(text.Length - ProjectEnd.Length, versionGroup), id, versionGroup ?? string.Empty);
    }

    /// <summary>
    /// The node's shared file (<see cref="NodeFiles"/>): its content as <see cref="Write"/> writes it, and nothing of any
    /// one project, so that every project of the node that is not one of its scope projects imports the same file
    /// (parsed once per build, not once per project) and a fresh restore creates the node's content once. Its id is the
    /// content id of every project that imports it. <paramref name="injection"/> is any such project's.
    /// </summary>
    public static GeneratedProps WriteNode(ProjectInjection injection)
    {
        var node = injection.Mapping.Node;
        var xml = Header(node.Branch, null, "the node's content changes");
        xml.Append("<Project>\n  <PropertyGroup>\n");
        xml.Append(PropsIdPlaceholder);
        NodeProperties(xml, injection);
        xml.Append("  </PropertyGroup>\n");
        NodeContent(xml, injection);
        xml.Append(ProjectEnd);
        var (text, id) = WithId(xml.ToString());
        return new GeneratedProps(text, id, string.Empty);
    }

    /// <summary>
    /// A project's generated props when its node's content is in the node's shared file (<paramref name="nodeFile"/>,
    /// written by <see cref="WriteNode"/> with <paramref name="node"/>'s id): what is the project's own (the claim on its
    /// intermediate folder, how it was mapped, what the mapping read), the id of the node content its last generation saw
    /// (<see cref="Names.NodeId"/>: when the shared file the evaluation imports says otherwise, another project of the node
    /// rewrote it since, and the targets run the generation), the import of the shared file, then the version group.
    /// </summary>
    /// <param name="recordedNodeId">
    /// The node content id to record as seen, when not the node's current one: a build without restore keeps the id its
    /// last restore saw, so that the next build without restore is SPT0300 again.
    /// </param>
    public static GeneratedProps WritePointer(ProjectInjection injection, string? branchInput, GeneratedProps node, string nodeFile, string? versionGroup = null,
        string? recordedNodeId = null)
    {
        var xml = Header(injection.Mapping.Node.Branch, injection.Mapping.Describe(), "this project's node or version changes");
        xml.Append("<Project>\n  <PropertyGroup>\n");
        Property(xml, Names.NodeId, recordedNodeId ?? node.ContentId);
        ProjectProperties(xml, injection, branchInput);
        xml.Append("  </PropertyGroup>\n");
        var escaped = Escape(NodeFiles.MSBuildEscape(Path.GetFullPath(nodeFile)));
        xml.Append($"  <Import Project=\"{escaped}\" Condition=\"Exists('{escaped}')\" />\n");
        xml.Append(versionGroup ?? string.Empty);
        xml.Append(ProjectEnd);
        return new GeneratedProps(xml.ToString(), node.ContentId, versionGroup ?? string.Empty);
    }

    private static StringBuilder Header(string branch, string? mapping, string rewrittenWhen)
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.Append($"<!--\n  Generated by Spicetime from tree.json. Do not edit: it is rewritten when {rewrittenWhen}.\n");
        xml.Append(mapping is null
            ? $"  Node: {Comment(branch)}, shared by the node's projects (each imports it from its own obj/spicetime.<project>.g.props).\n-->\n"
            : $"  Node: {Comment(branch)} ({Comment(mapping)}).\n-->\n");
        return xml;
    }

    /// <summary>What is the project's own: the claim on its intermediate folder, how it was mapped, what the mapping read.</summary>
    private static void ProjectProperties(StringBuilder xml, ProjectInjection injection, string? branchInput)
    {
        var mapping = injection.Mapping;
        Property(xml, Names.ProjectFile, IntermediateFolderClaim.NameOf(injection.TreeDirectory, injection.ProjectFile));
        Property(xml, Names.MappedBy, mapping.Rule.ToString());
        Property(xml, Names.GeneratedBranchInput, branchInput ?? string.Empty);
        Property(xml, Names.GitFiles, mapping.DependsOnGit ? string.Join(";", mapping.Git!.Files) : string.Empty);
        if (mapping.DependsOnGit)
        {
            // The CI branch variables as they were, and as MSBuild sees them now: when they differ, the mapping is redone.
            Property(xml, Names.CiBranchAtGeneration, string.Join("|", GitBranchReader.CiBranchVariables.Select(v => Environment.GetEnvironmentVariable(v) ?? string.Empty)));
            Unescaped(xml, Names.CiBranchNow, string.Join("|", GitBranchReader.CiBranchVariables.Select(v => $"$({v})")));
        }
    }

    /// <summary>The node's own properties: its branch, scopes, contract files.</summary>
    private static void NodeProperties(StringBuilder xml, ProjectInjection injection)
    {
        var node = injection.Mapping.Node;
        Property(xml, Names.ResolvedBranch, node.Branch);
        Property(xml, Names.Scopes, string.Join(";", node.ScopeNames));
        Property(xml, Names.ContractFiles, string.Join(";", injection.ContractFiles));
    }

    /// <summary>The scopes' properties, then the node's packages and project references as private items.</summary>
    private static void NodeContent(StringBuilder xml, ProjectInjection injection)
    {
        if (injection.Properties.Count > 0)
        {
            xml.Append("  <PropertyGroup Label=\"Spicetime scope properties (defaults the project may override)\">\n");
            foreach (var property in injection.Properties)
            {
                xml.Append($"    <{property.Key}>{Escape(property.Value)}</{property.Key}> <!-- {Comment(property.Source.Describe())} -->\n");
            }

            xml.Append("  </PropertyGroup>\n");
        }

        if (injection.Packages.Count > 0 || injection.Projects.Count > 0)
        {
            xml.Append("  <ItemGroup>\n");
            foreach (var package in injection.Packages)
            {
                Item(xml, Names.PackageReference, package.Key, package, ("Version", package.Value));
            }

            foreach (var project in injection.Projects)
            {
                Item(xml, Names.ProjectReference, injection.Include(project), project);
            }

            xml.Append("  </ItemGroup>\n");
        }
    }

    /// <summary>
    /// The text with its content id in place of the placeholder. The file names its own content (a digest of the rest): an
    /// evaluation that imported it carries the id, so the generation can tell whether *this evaluation* saw what it
    /// generates, even when another process wrote the file. XXH64, not SHA-256: the id tells contents apart, it guards
    /// nothing; and the first SHA-256 of a process initialises OpenSSL (~5 ms), paid on every MSBuild node's first
    /// generation (docs/benchmarks.md). Nor XXH3: over 240 bytes it takes vectorised code that ReadyToRun leaves to the
    /// JIT, on that same first generation.
    /// </summary>
    private static (string Text, string Id) WithId(string text, string? id = null)
    {
        id ??= System.IO.Hashing.XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text)).ToString("x16", CultureInfo.InvariantCulture);
        return (text.Replace(PropsIdPlaceholder, $"    <{Names.PropsId}>{id}</{Names.PropsId}>\n"), id);
    }

    /// <summary>The content id of generated props text (<see cref="GeneratedProps.ContentId"/> as written), or "" when it has none.</summary>
    public static string IdOf(string props)
    {
        var start = props.IndexOf("<" + Names.PropsId + ">", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        start += Names.PropsId.Length + 2;
        var end = props.IndexOf('<', start);
        return end < 0 ? string.Empty : props.Substring(start, end - start);
    }

    /// <summary>
    /// The version's PropertyGroup, which <see cref="Write"/> places after the node's content: what a project packs as
    /// and the commit it is built from, as evaluation-time properties that <c>dotnet build</c>, <c>dotnet pack</c>,
    /// <c>-getProperty</c> and IDEs all see. A group of its own, outside the content id, because it changes with every
    /// commit (the build number, the commit) while what restore needs does not: a new commit must not ask for a restore.
    /// <paramref name="inputs"/> records what the version was computed from ($(Version) before the node's,
    /// $(SpicetimeBuildNumber)) so that the targets regenerate it when one changes; it also records the files HEAD was
    /// read from (<see cref="NodeVersion.GitFiles"/>), the target's inputs. Spicetime.Version.targets applies the
    /// version after the project body, so that a project that sets Version itself wins.
    /// </summary>
    public static string VersionGroup(NodeVersion version, string inputs)
    {
        var setsVersion = version.SetsVersion;
        var xml = new StringBuilder();
        xml.Append("  <PropertyGroup Label=\"Spicetime version: what the node packs as (docs/tree-json.md, Versions)\">\n");
        Property(xml, Names.VersionInputs, inputs);
        Property(xml, Names.VersionFiles, string.Join(";", version.GitFiles));
        // The branch's loose ref file only when it did not exist (refs packed): its appearance means a new commit.
        Property(xml, Names.PackedHeadRefFile, version.HeadRefFile is { } refFile && !version.GitFiles.Contains(refFile) ? refFile : string.Empty);
        Property(xml, Names.Version, setsVersion ? version.Text : string.Empty);
        Property(xml, Names.FileVersion, setsVersion ? version.FileVersion : string.Empty);
        Property(xml, Names.UnstampedVersion, setsVersion ? version.UnstampedText : string.Empty);
        Property(xml, Names.CommitTime, version.CommitTime?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        Property(xml, Names.Commit, version.Commit ?? string.Empty);
        Property(xml, Names.Lineage, string.Join(";", version.Lineage));
        Property(xml, Names.LineageLabels, string.Join("/", version.Lineage.Select(ForkVersions.Label)));
        xml.Append("  </PropertyGroup>\n");
        return xml.ToString();
    }

    /// <summary>
    /// What <see cref="VersionGroup"/> records as its inputs, in the form the targets compare with: as the values stand,
    /// not trimmed on either side, so that no property function runs in every evaluation (Spicetime.Sdk.targets).
    /// </summary>
    public static string VersionInputs(string? rootVersion, string? buildNumber) => $"{rootVersion}|{buildNumber}";

    private static void Property(StringBuilder xml, string name, string value) => Unescaped(xml, name, Escape(value));

    /// <summary>A property whose value MSBuild expands (property references): written as it is.</summary>
    private static void Unescaped(StringBuilder xml, string name, string value) =>
        xml.Append($"    <{name}>{value}</{name}>\n");

    /// <summary>An item of the node, with the scope and node that set it, and <paramref name="metadata"/> before them.</summary>
    private static void Item(StringBuilder xml, string name, string include, NodeEntry entry, params (string Name, string Value)[] metadata)
    {
        xml.Append($"    <{name} Include=\"{Escape(include)}\"");
        foreach (var (metadataName, value) in metadata)
        {
            xml.Append($" {metadataName}=\"{Escape(value)}\"");
        }

        xml.Append($" {Names.ScopeMetadata}=\"{Escape(entry.Source.Scope)}\" {Names.NodeMetadata}=\"{Escape(entry.Source.Node)}\" />\n");
    }

    private static string Escape(string value) => SecurityElement.Escape(value);

    private static string Comment(string value) => value.Replace("--", "- -");
}
