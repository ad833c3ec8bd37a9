using Spicetime.Tree.Resolution;
using Spicetime.Tree.Mapping;
using Microsoft.Build.Framework;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Versioning;
using Task = Microsoft.Build.Utilities.Task;

namespace Spicetime.Sdk.Tasks;

/// <summary>
/// Maps a project to its node and writes the generated .props that gives it the node's properties, packages
/// and project references (only when its content changes). Every rule lives in Spicetime.Tree; this task only
/// passes MSBuild's values in and reports diagnostics in MSBuild's form.
/// </summary>
public sealed class GenerateSpicetimeProps : Task
{
    [Required]
    public string TreeFile { get; set; } = string.Empty;

    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>
    /// The up-to-date marker: touched unless the generated props were just written (then they are the marker, and a
    /// fresh clone's restore creates one file per project, not two); once it exists, touched on every run.
    /// </summary>
    [Required]
    public string StampFile { get; set; } = string.Empty;

    /// <summary>During restore: the restore-shaping properties as this restore evaluated them (Include = name, Value metadata).</summary>
    public ITaskItem[] RestoreProperties { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>$(Version) as it was before the node's props: the line when the tree's root has no version.</summary>
    public string? RootVersion { get; set; }

    /// <summary>$(SpicetimeBuildNumber): the node's own build number instead of its git height.</summary>
    public string? BuildNumber { get; set; }

    /// <summary>
    /// The content id of the generated props this evaluation imported ($(_SpicetimePropsId); empty when it imported
    /// none): <see cref="Changed"/> compares with it, not with the file on disk, which a concurrent build may have
    /// written after this evaluation read it.
    /// </summary>
    public string? ImportedPropsId { get; set; }

    /// <summary>
    /// Where the nodes' shared files go (<see cref="NodeFiles"/>; obj/spicetime/ beside tree.json, or under the artifacts
    /// path). Empty: every project gets a whole file of its own.
    /// </summary>
    public string? NodeFilesFolder { get; set; }

    /// <summary>
    /// $(_SpicetimeNodeId) as this evaluation imported it: the node content the project's last generation saw (empty
    /// without a node's shared file). Another id now means another project of the node regenerated it since.
    /// </summary>
    public string? ImportedNodeId { get; set; }

    /// <summary>
    /// Where Spicetime.Sdk.props was imported from, when the tree's node index may be written (node files beside tree.json):
    /// the index records it, and maps nothing for another Spicetime's imports. Empty: no index.
    /// </summary>
    public string? IndexSdkDirectory { get; set; }

    /// <summary>
    /// True when this evaluation imported the node's file through the tree's node index, with no file of the project's own:
    /// its last restore ran no generation, so whether that restore saw the node's content as it is now is told by time
    /// stamps (project.assets.json against the node's file).
    /// </summary>
    public bool IndexedImport { get; set; }

    /// <summary>$(MSBuildIsRestoring): this generation runs inside a restore, before NuGet reads the project's items.</summary>
    public bool Restoring { get; set; }

    /// <summary>
    /// True where every restore runs this generation (dotnet restore, a build with restore; not Visual Studio's own restore
    /// nor NuGet's static-graph restore, which run no target of the project): a generation outside a restore then keeps
    /// the node content the last restore saw in the project's file, so that SPT0300 holds until a restore, not for one
    /// build only.
    /// </summary>
    public bool RecordOnlyAtRestore { get; set; }

    /// <summary>The branch the user named ($(SpicetimeBranch)); empty to map by path, git branch, then root.</summary>
    public string? Branch { get; set; }

    /// <summary>
    /// During restore with Central Package Management and transitive pinning: the project's PackageVersion items (the
    /// node's own, which carry SpicetimeNode, are left out), so that a node package needing a newer pinned package is
    /// SPT0305 before NuGet's NU1109.
    /// </summary>
    public ITaskItem[] CentralPackageVersions { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>True under Central Package Management with CentralPackageTransitivePinningEnabled.</summary>
    public bool CheckCentralPins { get; set; }

    /// <summary>TargetFramework or TargetFrameworks, for the dependency groups the pin check reads.</summary>
    public string? TargetFrameworks { get; set; }

    /// <summary>$(RestorePackagesPath): the global packages folder when the project sets it (else <see cref="GlobalPackagesFolder"/> finds it).</summary>
    public string? PackagesFolder { get; set; }

    /// <summary>$(ProjectAssetsFile): a previous restore's record of the global packages folder NuGet.Config chose.</summary>
    public string? ProjectAssetsFile { get; set; }

    /// <summary>Written while the pin check could not read a package NuGet has not fetched yet (the next restore checks again).</summary>
    public string? PinCheckPendingFile { get; set; }

    /// <summary>Where an override's packages are fetched for the pin check before NuGet's restore (a child restore's project).</summary>
    public string? PinFetchFolder { get; set; }

    /// <summary>The folder whose NuGet.Config the project's restore reads ($(RestoreRootConfigDirectory) or the project's).</summary>
    public string? RestoreSettingsDirectory { get; set; }

    /// <summary>The project's own NuGet settings for that fetch (Include = RestoreSources, RestoreConfigFile, ...; Value metadata).</summary>
    public ITaskItem[] PinFetchProperties { get; set; } = Array.Empty<ITaskItem>();

    [Output]
    public string? ResolvedBranch { get; private set; }

    /// <summary>True when this evaluation did not import the node's content as it is now (written now, or by another build since); the version group does not count.</summary>
    [Output]
    public bool Changed { get; private set; }

    /// <summary>
    /// True when the node's content changed since this project's last generation, though this evaluation imported it as it
    /// is now: another project of the node rewrote the node's shared file, so this project's last restore saw older content.
    /// </summary>
    [Output]
    public bool RestoreStale { get; private set; }

    /// <summary>True when the version part of the generated props changed (a new commit, build number or line), or there were none.</summary>
    [Output]
    public bool VersionChanged { get; private set; }

    /// <summary>The version the node packs as (empty for a root that keeps $(Version)), and its file version.</summary>
    [Output]
    public string? Version { get; private set; }

    [Output]
    public string? FileVersion { get; private set; }

    [Output]
    public string? Commit { get; private set; }

    /// <summary>
    /// The commit's time (Unix seconds) and the node's lineage, labels joined with '/': for a build whose evaluation got
    /// no version (its restore imported the node's file through the index), which takes them from here.
    /// </summary>
    [Output]
    public string? CommitTime { get; private set; }

    [Output]
    public string? Lineage { get; private set; }

    [Output]
    public string? LineageLabels { get; private set; }

    [Output]
    public ITaskItem[] PackageReferences { get; private set; } = Array.Empty<ITaskItem>();

    [Output]
    public ITaskItem[] ProjectReferences { get; private set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var context = TaskBuildContext.Of(BuildEngine);
        // tree.json's and tree.lock.json's time stamps before the tree is read: an edit from here on leaves the index stale.
        var indexTicks = string.IsNullOrEmpty(IndexSdkDirectory) ? null : new IndexTicks(NodeIndex.TicksOf(TreeFile), NodeIndex.TicksOf(LockFile));
        var result = context.LoadTree(TreeFile, out var parsed);
        if (parsed)
        {
            Log.LogMessage(MessageImportance.Normal, $"Spicetime: parsed and resolved {TreeFile} ({result.Tree?.Nodes.Count ?? 0} nodes)");
        }

        MSBuildDiagnostics.Report(Log, result.Diagnostics, context);
        if (!result.Succeeded)
        {
            return false;
        }

        var tree = result.Tree!;
        var diagnostics = new DiagnosticBag(ProjectFile);
        var mapping = ProjectNodeMapper.Map(tree, Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!, Branch, diagnostics);
        MSBuildDiagnostics.Report(Log, diagnostics.Items, oncePerBuild: null);
        if (mapping is null)
        {
            return false;
        }

        var versionDiagnostics = new DiagnosticBag(TreeFile);
        var version = context.Version(tree, mapping.Node, RootVersion, BuildNumber, versionDiagnostics);
        MSBuildDiagnostics.Report(Log, versionDiagnostics.Items, context);
        if (version is null)
        {
            return false;
        }

        Version = version.SetsVersion ? version.Text : string.Empty;
        FileVersion = version.SetsVersion ? version.FileVersion : string.Empty;
        Commit = version.Commit ?? string.Empty;
        CommitTime = version.CommitTime?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        Lineage = string.Join(";", version.Lineage);
        LineageLabels = string.Join("/", version.Lineage.Select(ForkVersions.Label));

        var injection = ProjectInjection.For(tree, mapping, ProjectFile);
        var branchInput = string.IsNullOrWhiteSpace(Branch) ? null : Branch;
        var versionGroup = GeneratedPropsWriter.VersionGroup(version, GeneratedPropsWriter.VersionInputs(RootVersion, BuildNumber));
        // The node's content in its shared file, and a small file of the project's own that imports it; a scope project of
        // its own node gets other content (no scope project references), so a whole file of its own.
        var nodeContent = injection.IsScopeProject ? null : GeneratedPropsWriter.WriteNode(injection);
        var node = string.IsNullOrEmpty(NodeFilesFolder) ? null : nodeContent;
        var nodeFile = node is null ? null : NodeFiles.PathIn(NodeFiles.FolderFor(NodeFilesFolder!, tree.Manifest.Directory), mapping.Node.Branch);
        if (CheckCentralPins && CentralPackageVersions.Length > 0 && !CheckPins(mapping.Node.Branch, injection))
        {
            return false;
        }

        var nodeWritten = false;
        var nodeFilesWritable = !string.IsNullOrEmpty(NodeFilesFolder);
        if (node is not null)
        {
            try
            {
                // Once per build and MSBuild node for this content: the node's other projects neither read nor write it.
                var path = nodeFile!;
                var content = node;
                nodeWritten = context.Once($"spicetime-node-file\n{path}\n{content.ContentId}", () => new NodeFileWrite(GeneratedFile.WriteIfChanged(path, content.Text))).FirstToSee();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder beside tree.json the build may not write (a read-only checkout above writable projects): the
                // project gets a whole file of its own, as a scope project does.
                Log.LogMessage(MessageImportance.High, $"Spicetime: cannot write the node's {nodeFile} ({e.Message}); {Path.GetFileName(ProjectFile)} gets a whole file of its own");
                node = null;
                nodeFile = null;
                nodeFilesWritable = false;
            }
        }

        // Also from a scope project of its own node (a whole file of its own): whichever project's generation runs first in
        // a fresh restore writes the index, so that the projects evaluated after it need none.
        if (nodeFilesWritable && indexTicks is { Tree: { } treeTicks })
        {
            WriteIndex(context, tree, NodeFiles.FolderFor(NodeFilesFolder!, tree.Manifest.Directory), treeTicks, indexTicks.Lock, version);
        }

        // Another project of the node regenerated its file since this project's last restore. Outside a restore the
        // project's file keeps the record of what that restore saw, so that a build without restore keeps saying SPT0300
        // until one runs. A project whose restore imported the node's file through the index (no file of its own yet)
        // has no record, nor has one whose file is gone: its restore saw the node's content as it is if NuGet wrote
        // project.assets.json after the node's file and tree.json (a restore after them that NuGet found up to date also
        // runs this generation: Spicetime.Sdk.targets, _SpicetimeRestoreFromIndex).
        var recorded = (IndexedImport || !File.Exists(OutputFile)) && !Restoring && node is not null
            ? (RestoredAfter(nodeFile!) ? node.ContentId : UnrestoredNodeId)
            : ImportedNodeId;
        RestoreStale = node is not null && !string.IsNullOrEmpty(recorded) && recorded != node.ContentId;
        var keepRecord = RestoreStale && RecordOnlyAtRestore && !Restoring;
        var props = node is null
            ? GeneratedPropsWriter.Write(injection, branchInput, versionGroup, nodeContent?.ContentId)
            : GeneratedPropsWriter.WritePointer(injection, branchInput, node, nodeFile!, versionGroup, keepRecord ? recorded : null);
        string? sharedWith = null;
        var written = GeneratedFile.WriteIfChanged(OutputFile, props.Text,
            existing => (sharedWith = IntermediateFolderClaim.OtherOwner(existing, tree.Manifest.Directory, ProjectFile)) is null, out var previous);
        if (sharedWith is not null)
        {
            MSBuildDiagnostics.Log(Log, DiagnosticCodes.SharedIntermediateFolder, ProjectFile, SourcePosition.None,
                $"{IntermediateFolderClaim.NameOf(tree.Manifest.Directory, ProjectFile)} and {sharedWith} share the intermediate folder {Path.GetDirectoryName(Path.GetFullPath(OutputFile))}, so each would overwrite the other's restore and build: give one of them a folder of its own (ArtifactsProjectName under UseArtifactsOutput, or BaseIntermediateOutputPath)");
            return false;
        }

        // The node's content as this evaluation imported it, or not (the id leaves the version out: a new commit rewrites
        // the file, but asks for no restore).
        Changed = props.ContentId != (ImportedPropsId ?? string.Empty);
        VersionChanged = props.VersionChangedFrom(previous);
        // Up to date from now on: a file just written is newer than every input; otherwise the stamp says so.
        if (!written || File.Exists(StampFile))
        {
            GeneratedFile.Touch(StampFile);
        }

        if (Changed && RestoreProperties.Length > 0)
        {
            var seen = RestoreProperties.ToDictionary(i => i.ItemSpec, i => i.GetMetadata("Value"), StringComparer.OrdinalIgnoreCase);
            foreach (var (property, was) in injection.StaleRestoreProperties(seen))
            {
                MSBuildDiagnostics.Log(Log, DiagnosticCodes.RestorePropertyChanged, TreeFile, property.Source.Position,
                    $"{property.Key} of {Path.GetFileName(ProjectFile)} is now '{property.Value}' ({property.Source.Describe()}), but this restore evaluated '{was}' before tree.json changed; restore (or build) again so that NuGet restores for it");
            }
        }

        ResolvedBranch = mapping.Node.Branch;
        PackageReferences = injection.Packages.Select(p => Item(p.Key, p, ("Version", p.Value))).ToArray();
        ProjectReferences = injection.Projects.Select(p => Item(injection.Include(p), p)).ToArray();
        Log.LogMessage(MessageImportance.Normal,
            $"Spicetime: {Path.GetFileName(ProjectFile)} belongs to node '{mapping.Node.Branch}' ({mapping.Describe()}): " +
            $"{injection.Packages.Count} package(s), {injection.Properties.Count} property(ies), {injection.Projects.Count} project reference(s), " +
            $"version {(version.SetsVersion ? version.Text : "$(Version)")}; " +
            (written ? $"wrote {OutputFile}" : Changed ? $"{OutputFile} is newer than this evaluation" : "generated props unchanged") +
            (nodeFile is null ? string.Empty : nodeWritten ? $"; wrote the node's {nodeFile}" : $"; the node's {nodeFile} unchanged"));
        return !Log.HasLoggedErrors;
    }

    /// <summary>The node id recorded for a project whose last restore did not see its node's file as it is now.</summary>
    private const string UnrestoredNodeId = "unrestored";

    /// <summary>
    /// True when NuGet wrote the project's project.assets.json after <paramref name="nodeFile"/>, tree.json and
    /// tree.lock.json were last written: no edit since the restore can have given the project other content or another node.
    /// </summary>
    private bool RestoredAfter(string nodeFile)
    {
        if (string.IsNullOrEmpty(ProjectAssetsFile) || !File.Exists(ProjectAssetsFile))
        {
            return false;
        }

        var restored = File.GetLastWriteTimeUtc(ProjectAssetsFile);
        return restored >= File.GetLastWriteTimeUtc(nodeFile) && restored >= File.GetLastWriteTimeUtc(TreeFile)
            && (!File.Exists(LockFile) || restored >= File.GetLastWriteTimeUtc(LockFile));
    }

    /// <summary>tree.lock.json beside the tree file: an input of the node's content, as tree.json is.</summary>
    private string LockFile => Spicetime.Tree.Locking.TreeLock.PathFor(Path.GetFullPath(TreeFile));

    /// <summary>
    /// The tree's node index and every node file it names (<see cref="NodeIndex"/>), once per build and MSBuild node for
    /// these time stamps. An index that could not be written, or whose tree.json changed meanwhile, is removed: without
    /// one every project takes the generation's path.
    /// </summary>
    private void WriteIndex(BuildContext context, Spicetime.Tree.Resolution.ResolvedTree tree, string folder, long treeTicks, long? lockTicks, NodeVersion version)
    {
        var indexFile = Path.Combine(folder, NodeIndex.FileName);
        var inputs = GeneratedPropsWriter.VersionInputs(RootVersion, BuildNumber);
        context.Once($"spicetime-node-index\n{indexFile}\n{treeTicks}\n{lockTicks}\n{IndexSdkDirectory}\n{version.Commit}\n{inputs}", () =>
        {
            try
            {
                // Every node's version on this project's line, as this build reads HEAD (a node whose version cannot be told
                // gets none here: its own projects' generations report why).
                NodeVersion? VersionOf(Spicetime.Tree.Resolution.ResolvedNode node) => context.Version(tree, node, RootVersion, BuildNumber, new DiagnosticBag(TreeFile));
                var files = NodeIndex.Write(tree, Path.GetFullPath(TreeFile), treeTicks, lockTicks, folder, IndexSdkDirectory!, VersionOf, inputs);
                if (files is null)
                {
                    File.Delete(indexFile);
                    return new NodeFileWrite(false);
                }

                foreach (var (path, content) in files.Nodes)
                {
                    GeneratedFile.WriteIfChanged(path, content.Text);
                }

                var wrote = GeneratedFile.WriteIfChanged(indexFile, files.Text);
                if (NodeIndex.TicksOf(TreeFile) != treeTicks)
                {
                    File.Delete(indexFile);
                }

                return new NodeFileWrite(wrote);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.LogMessage(MessageImportance.Normal, $"Spicetime: cannot write the node index {indexFile} ({e.Message}); projects take the generation's path");
                return new NodeFileWrite(false);
            }
        });
    }

    private sealed record IndexTicks(long? Tree, long? Lock);

    private bool CheckPins(string branch, ProjectInjection injection)
    {
        var pins = CentralPackageVersions.Where(i => string.IsNullOrEmpty(i.GetMetadata(GeneratedPropsNames.NodeMetadata)))
            .Select(i => new CentralPin(i.ItemSpec, i.GetMetadata("Version"), i.GetMetadata("DefiningProjectFullPath")))
            .ToList();
        var frameworks = (TargetFrameworks ?? string.Empty).Split(';').Select(f => f.Trim()).Where(f => f.Length > 0).ToList();
        CentralPinCheck.Result Check(string packagesFolder) => CentralPinCheck.Check(TreeFile, branch, injection.Packages, pins, frameworks, packagesFolder);

        // A package's .nuspec is the same in any folder that holds it: the restore records (project.assets.json, parsed
        // whole) are read only when the property, the environment or the default folder does not have them all.
        var folder = PackagesFolderNow(withRestoreRecords: false);
        var result = Check(folder);
        if (result.Pending.Count > 0 && PackagesFolderNow(withRestoreRecords: true) is var recorded && recorded != folder)
        {
            folder = recorded;
            result = Check(folder);
        }

        if (result.ToFetch.Count > 0 && Fetch(result.ToFetch, frameworks[0]))
        {
            folder = PackagesFolderNow(withRestoreRecords: true); // the fetch's restore recorded the folder NuGet.Config names, if any
            result = Check(folder);
        }

        MSBuildDiagnostics.Report(Log, result.Diagnostics, oncePerBuild: null);
        if (!string.IsNullOrEmpty(PinCheckPendingFile))
        {
            if (result.Pending.Count > 0)
            {
                GeneratedFile.WriteIfChanged(PinCheckPendingFile!, string.Join("\n", result.Pending) + "\n");
                Log.LogMessage(MessageImportance.Normal, $"Spicetime: the central pin check reads {string.Join(", ", result.Pending)} on the next restore (not in {folder} yet)");
            }
            else if (File.Exists(PinCheckPendingFile))
            {
                File.Delete(PinCheckPendingFile!);
            }
        }

        return result.Diagnostics.Count == 0;
    }

    private string PackagesFolderNow(bool withRestoreRecords) => GlobalPackagesFolder.Resolve(PackagesFolder, Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
        !withRestoreRecords ? Array.Empty<string>()
            : new[] { string.IsNullOrEmpty(PinFetchFolder) ? null : PackageFetch.AssetsFile(PinFetchFolder!), ProjectAssetsFile }
                .Where(f => !string.IsNullOrEmpty(f)).Select(f => f!));

    /// <summary>
    /// An override's packages, fetched with NuGet's own restore in a child process (the running SDK's dotnet, which
    /// MSBuild names in DOTNET_HOST_PATH), so that the first restore after the override already gets SPT0305 rather than
    /// NuGet's bare NU1109. Without that host (Visual Studio's MSBuild) the check waits for the next restore.
    /// </summary>
    private bool Fetch(IReadOnlyList<PendingPackage> packages, string targetFramework)
    {
        if (string.IsNullOrEmpty(PinFetchFolder) || Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is not { Length: > 0 } dotnet || !File.Exists(dotnet))
        {
            return false;
        }

        var properties = PinFetchProperties.ToDictionary(i => i.ItemSpec, i => i.GetMetadata("Value"), StringComparer.OrdinalIgnoreCase);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var outcome = PackageFetch.Run(dotnet, PinFetchFolder!, RestoreSettingsDirectory is { Length: > 0 } settings ? settings : Path.GetDirectoryName(ProjectFile)!,
            packages, targetFramework, properties, TimeSpan.FromMinutes(5));
        Log.LogMessage(MessageImportance.Normal, outcome.Succeeded
            ? $"Spicetime: fetched {string.Join(", ", packages)} to check {(packages.Count == 1 ? "it" : "them")} against the central pins ({started.ElapsedMilliseconds} ms, {outcome.ProjectFile})"
            : $"Spicetime: could not fetch {string.Join(", ", packages)} for the central pin check ({outcome.ProjectFile}); NuGet's restore reports why. {outcome.Output}");
        return outcome.Succeeded;
    }

    private static ITaskItem Item(string include, NodeEntry entry, params (string Name, string Value)[] metadata)
    {
        var item = new Microsoft.Build.Utilities.TaskItem(include);
        item.SetMetadata(GeneratedPropsNames.ScopeMetadata, entry.Source.Scope);
        item.SetMetadata(GeneratedPropsNames.NodeMetadata, entry.Source.Node);
        foreach (var (name, value) in metadata)
        {
            item.SetMetadata(name, value);
        }

        return item;
    }
}

/// <summary>A node's shared file as one build's MSBuild node wrote (or found) it: said "wrote" to the first project only.</summary>
internal sealed class NodeFileWrite(bool wrote)
{
    private int _seen;

    /// <summary>True for the first caller when the file was written; false for every other and when it held the content already.</summary>
    public bool FirstToSee() => Interlocked.Exchange(ref _seen, 1) == 0 && wrote;
}
