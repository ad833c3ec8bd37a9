namespace Spicetime.Tree.Build;

/// <summary>
/// The names the generated props (obj/spicetime.&lt;project&gt;.g.props) write: one half of a contract whose other half
/// is sdk/Sdk's .props and .targets, which read them. <c>GeneratedPropsNamesTests</c> checks both halves: every private
/// name written here is read by the SDK's files (or is <see cref="Informational"/>), and every private name those files
/// read without defining it is here.
/// </summary>
public static class GeneratedPropsNames
{
    // The node's content (inside the content id).

    /// <summary>The content id of the node's content (a digest): the generation compares it with what the evaluation imported.</summary>
    public const string PropsId = "_SpicetimePropsId";

    /// <summary>
    /// In a project's file whose node content is in the node's shared file: the content id of the node its last generation
    /// saw. When the shared file it imports carries another <see cref="PropsId"/>, another project of the node rewrote it
    /// since, and this project's restore may be stale: the targets run the generation (SPT0300 without a restore).
    /// </summary>
    public const string NodeId = "_SpicetimeNodeId";

    /// <summary>The project the file was made for, relative to tree.json's folder (read back by <see cref="IntermediateFolderClaim"/>).</summary>
    public const string ProjectFile = "_SpicetimeProjectFile";

    /// <summary>The node's branch: $(SpicetimeBranch) after the project body when the project named none.</summary>
    public const string ResolvedBranch = "_SpicetimeResolvedBranch";

    /// <summary>The rule that chose the node (<see cref="Mapping.NodeMappingRule"/>), for <c>-getProperty</c>.</summary>
    public const string MappedBy = "_SpicetimeMappedBy";

    /// <summary>The branch the project named when the file was made: another one regenerates it.</summary>
    public const string GeneratedBranchInput = "_SpicetimeGeneratedBranchInput";

    /// <summary>The git files the mapping read (when git decided the node): inputs of the generation.</summary>
    public const string GitFiles = "_SpicetimeGitFiles";

    /// <summary>The CI branch variables as they were when the file was made (when git decided the node).</summary>
    public const string CiBranchAtGeneration = "_SpicetimeCiBranchAtGeneration";

    /// <summary>The same variables as MSBuild sees them now (property references): when they differ, the mapping is redone.</summary>
    public const string CiBranchNow = "_SpicetimeCiBranchNow";

    /// <summary>The contract files the node's check compares: the contract check's inputs, and whether it is imported at all.</summary>
    public const string ContractFiles = "_SpicetimeContractFiles";

    /// <summary>Item: a node package, turned into PackageReference / PackageVersion after the project body.</summary>
    public const string PackageReference = "_SpicetimePackageReference";

    /// <summary>Item: a scope project, turned into ProjectReference after the project body.</summary>
    public const string ProjectReference = "_SpicetimeProjectReference";

    /// <summary>
    /// Set by the tree's node index (<see cref="NodeIndex"/>) to the node file a project with no file of its own imports;
    /// empty where the index maps the project to none.
    /// </summary>
    public const string IndexNodeFile = "_SpicetimeIndexNodeFile";

    /// <summary>
    /// Set by the tree's node index where it gave the project its node's version too: otherwise a project it mapped gets
    /// its version from the build's generation (Spicetime.Version.targets).
    /// </summary>
    public const string IndexVersion = "_SpicetimeIndexVersion";

    /// <summary>The content id of the node file the index names for the project: the import counts only if it carries this one.</summary>
    public const string IndexNodeId = "_SpicetimeIndexNodeId";

    /// <summary>The index's own: the project's folder with a trailing separator, which its path conditions compare.</summary>
    public const string IndexProjectFolder = "_SpicetimeIndexProjectFolder";

    // The version group (outside the content id).

    /// <summary>What the version was computed from ($(Version)'s line and $(SpicetimeBuildNumber)): another one regenerates it.</summary>
    public const string VersionInputs = "_SpicetimeVersionInputs";

    /// <summary>The git files HEAD was read from: inputs of the generation.</summary>
    public const string VersionFiles = "_SpicetimeVersionFiles";

    /// <summary>The branch's loose ref file when git had packed it: its appearance is a new commit.</summary>
    public const string PackedHeadRefFile = "_SpicetimePackedHeadRefFile";

    /// <summary>The version the node packs as (empty for a root that keeps $(Version)).</summary>
    public const string Version = "_SpicetimeVersion";

    /// <summary>Its file version.</summary>
    public const string FileVersion = "_SpicetimeFileVersion";

    /// <summary>
    /// The version with every build number 0, what a build outside git says: the one a cached compile stamps into the
    /// assembly, so that a new commit does not change every key (Spicetime.Cache.targets, docs/build-cache.md).
    /// </summary>
    public const string UnstampedVersion = "_SpicetimeUnstampedVersion";

    /// <summary>The commit's time (Unix seconds), for deterministic package timestamps.</summary>
    public const string CommitTime = "_SpicetimeCommitTime";

    /// <summary>The lineage's labels joined with '/', for the package tag.</summary>
    public const string LineageLabels = "_SpicetimeLineageLabels";

    // Public names: documented for users (docs/tree-json.md).

    /// <summary>The node's effective scopes.</summary>
    public const string Scopes = "SpicetimeScopes";

    /// <summary>The commit the project is built from.</summary>
    public const string Commit = "SpicetimeCommit";

    /// <summary>The branches from the root to the node.</summary>
    public const string Lineage = "SpicetimeLineage";

    /// <summary>Metadata of the node's items: the scope that set the entry.</summary>
    public const string ScopeMetadata = "SpicetimeScope";

    /// <summary>Metadata of the node's items: the node that set the entry (the targets tell the node's items by it).</summary>
    public const string NodeMetadata = "SpicetimeNode";

    /// <summary>Every private property and item name the generated props write, in the order they write them.</summary>
    public static readonly IReadOnlyList<string> Private = new[]
    {
        PropsId, NodeId, ProjectFile, MappedBy, GeneratedBranchInput, GitFiles, CiBranchAtGeneration, CiBranchNow,
        ResolvedBranch, ContractFiles, PackageReference, ProjectReference, IndexNodeFile, IndexNodeId, IndexProjectFolder, IndexVersion,
        VersionInputs, VersionFiles, PackedHeadRefFile, Version, FileVersion, UnstampedVersion, CommitTime, LineageLabels,
    };

    /// <summary>Every public property and metadata name the generated props write.</summary>
    public static readonly IReadOnlyList<string> Public = new[] { Scopes, Commit, Lineage, ScopeMetadata, NodeMetadata };

    /// <summary>
    /// Private names written for readers other than the SDK's files: the project-file claim, read back by the task
    /// (<see cref="IntermediateFolderClaim"/>), the mapping rule, for <c>-getProperty</c>, and what the node index's
    /// own conditions read.
    /// </summary>
    public static readonly IReadOnlyList<string> Informational = new[] { ProjectFile, MappedBy, IndexProjectFolder };
}
