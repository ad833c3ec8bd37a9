namespace Spicetime.Tree.Diagnostics;

/// <summary>
/// Every SPT code Spicetime reports, each with its severity, title and help link: the one list. Each has a section in
/// docs/errors.md that says why it happens and how to fix it (a test keeps the two in step, severity included).
/// </summary>
public static class DiagnosticCodes
{
    // SPT00xx: finding and reading files
    public static readonly DiagnosticDescriptor TreeFileNotFound = new("SPT0001", DiagnosticSeverity.Error, "tree.json not found");
    public static readonly DiagnosticDescriptor TreeFileUnreadable = new("SPT0002", DiagnosticSeverity.Error, "tree.json cannot be read");

    // SPT01xx: the content of tree.json
    public static readonly DiagnosticDescriptor MalformedJson = new("SPT0100", DiagnosticSeverity.Error, "Malformed JSON");
    public static readonly DiagnosticDescriptor EmptyFile = new("SPT0101", DiagnosticSeverity.Error, "Empty tree.json");
    public static readonly DiagnosticDescriptor InheritedScopeMissing = new("SPT0102", DiagnosticSeverity.Error, "Inherited scope the parent does not have");
    public static readonly DiagnosticDescriptor DuplicateBranch = new("SPT0103", DiagnosticSeverity.Error, "Duplicate branch");
    public static readonly DiagnosticDescriptor WrongType = new("SPT0104", DiagnosticSeverity.Error, "Wrong JSON type");
    public static readonly DiagnosticDescriptor UnknownKey = new("SPT0105", DiagnosticSeverity.Warning, "Unknown key");
    public static readonly DiagnosticDescriptor InvalidVersion = new("SPT0106", DiagnosticSeverity.Error, "Invalid version or version range");
    public static readonly DiagnosticDescriptor PathOutsideRepository = new("SPT0107", DiagnosticSeverity.Error, "Path outside the repository");
    public static readonly DiagnosticDescriptor UndefinedScope = new("SPT0108", DiagnosticSeverity.Warning, "Scope named but defined nowhere");
    public static readonly DiagnosticDescriptor MissingKey = new("SPT0109", DiagnosticSeverity.Error, "Required key missing");
    public static readonly DiagnosticDescriptor DuplicateKey = new("SPT0110", DiagnosticSeverity.Error, "Duplicate key");
    public static readonly DiagnosticDescriptor ExtendsUnknownScope = new("SPT0111", DiagnosticSeverity.Error, "Extends a scope the node does not have");
    public static readonly DiagnosticDescriptor InvalidName = new("SPT0112", DiagnosticSeverity.Error, "Invalid branch or scope name");
    public static readonly DiagnosticDescriptor InvalidUpdates = new("SPT0113", DiagnosticSeverity.Error, "Invalid updates mode");
    public static readonly DiagnosticDescriptor ScopeInheritedAndOwned = new("SPT0114", DiagnosticSeverity.Warning, "Scope both inherited and owned");
    public static readonly DiagnosticDescriptor ConflictingScopes = new("SPT0115", DiagnosticSeverity.Warning, "Two scopes of a node set the same entry differently");
    public static readonly DiagnosticDescriptor InheritsOnRoot = new("SPT0116", DiagnosticSeverity.Warning, "inherits on the root node");
    public static readonly DiagnosticDescriptor IncompatibleOverride = new("SPT0117", DiagnosticSeverity.Error, "Override of an inherited package breaks compatibility");
    public static readonly DiagnosticDescriptor DuplicatePath = new("SPT0118", DiagnosticSeverity.Error, "Two nodes claim the same path");
    public static readonly DiagnosticDescriptor InvalidPackageId = new("SPT0119", DiagnosticSeverity.Error, "Invalid package id");
    public static readonly DiagnosticDescriptor InvalidPropertyName = new("SPT0120", DiagnosticSeverity.Error, "Invalid MSBuild property name");
    public static readonly DiagnosticDescriptor InvalidPath = new("SPT0121", DiagnosticSeverity.Error, "Invalid path");
    public static readonly DiagnosticDescriptor MisspeltKey = new("SPT0122", DiagnosticSeverity.Error, "Misspelt key that changes meaning");

    // SPT02xx: mapping projects and commands to nodes
    public static readonly DiagnosticDescriptor UnknownBranch = new("SPT0200", DiagnosticSeverity.Error, "Unknown branch");

    // SPT03xx: the build (reported by Spicetime.Sdk's tasks and targets)
    public static readonly DiagnosticDescriptor RestoreOutOfDate = new("SPT0300", DiagnosticSeverity.Error, "Built without restore after the node changed");
    public static readonly DiagnosticDescriptor RestorePropertyChanged = new("SPT0301", DiagnosticSeverity.Warning, "A scope property restore reads changed");
    public static readonly DiagnosticDescriptor ProjectKindNeedsItsSdk = new("SPT0302", DiagnosticSeverity.Error, "Sdk=\"Spicetime.Sdk\" alone would drop what another SDK builds");
    public static readonly DiagnosticDescriptor SharedIntermediateFolder = new("SPT0303", DiagnosticSeverity.Error, "Two projects share an intermediate folder");
    public static readonly DiagnosticDescriptor VersionHookReplaced = new("SPT0304", DiagnosticSeverity.Error, "BeforeMicrosoftNETSdkTargets was replaced, so the node's version cannot apply");
    public static readonly DiagnosticDescriptor CentralPinTooLow = new("SPT0305", DiagnosticSeverity.Error, "A fork's package needs a newer version of a centrally pinned package");

    // SPT04xx: selective builds
    public static readonly DiagnosticDescriptor GitFailed = new("SPT0400", DiagnosticSeverity.Error, "A git revision cannot be read");
    public static readonly DiagnosticDescriptor TreeInvalidAtBase = new("SPT0401", DiagnosticSeverity.Error, "tree.json is invalid at the base revision");
    public static readonly DiagnosticDescriptor TestApplicationNotSkipped = new("SPT0402", DiagnosticSeverity.Warning, "A test application dotnet test will run cannot be skipped");
    public static readonly DiagnosticDescriptor AffectedPrecisionLost = new("SPT0403", DiagnosticSeverity.Warning, "affected cannot evaluate part of a project file and counts it conservatively");

    // SPT05xx: versions and pack
    public static readonly DiagnosticDescriptor ShallowHistory = new("SPT0500", DiagnosticSeverity.Error, "The clone is too shallow to tell a build number");
    public static readonly DiagnosticDescriptor VersionLabelShortened = new("SPT0501", DiagnosticSeverity.Warning, "A version label was shortened to fit NuGet's limit");
    public static readonly DiagnosticDescriptor GitHistoryUnreadable = new("SPT0502", DiagnosticSeverity.Error, "The git history cannot be read for a build number");
    public static readonly DiagnosticDescriptor InvalidBuildVersion = new("SPT0503", DiagnosticSeverity.Error, "$(Version) or $(SpicetimeBuildNumber) is not valid");
    public static readonly DiagnosticDescriptor StaleOverride = new("SPT0504", DiagnosticSeverity.Warning, "An override pins a package below what the parent now declares");

    // SPT06xx: the lock file
    public static readonly DiagnosticDescriptor LockFileStale = new("SPT0600", DiagnosticSeverity.Error, "tree.lock.json is out of date");
    public static readonly DiagnosticDescriptor LockFileInvalid = new("SPT0601", DiagnosticSeverity.Error, "tree.lock.json cannot be read");
    public static readonly DiagnosticDescriptor ManualNodeNotLocked = new("SPT0602", DiagnosticSeverity.Warning, "A manual node has no locked state yet");

    // SPT07xx: API contracts
    public static readonly DiagnosticDescriptor ContractUnreadable = new("SPT0700", DiagnosticSeverity.Error, "A contract cannot be read");
    public static readonly DiagnosticDescriptor ContractBroken = new("SPT0701", DiagnosticSeverity.Error, "A fork breaks its parent's API contract");
    public static readonly DiagnosticDescriptor ContractDangerous = new("SPT0702", DiagnosticSeverity.Warning, "A fork changes its parent's API contract in a way clients may notice");
    public static readonly DiagnosticDescriptor StaleAcceptance = new("SPT0703", DiagnosticSeverity.Warning, "An accepted contract change no longer happens");

    // SPT08xx: adopting a repository (spicetime init)
    public static readonly DiagnosticDescriptor AdoptionInputInvalid = new("SPT0800", DiagnosticSeverity.Error, "A file spicetime init edits cannot be read");
    public static readonly DiagnosticDescriptor AdoptionArgumentInvalid = new("SPT0801", DiagnosticSeverity.Error, "spicetime init cannot describe the tree it was asked for");

    // SPT09xx: the build cache
    public static readonly DiagnosticDescriptor CacheUnavailable = new("SPT0900", DiagnosticSeverity.Warning, "The build cache cannot be used");
    public static readonly DiagnosticDescriptor CacheCompilerUnknown = new("SPT0901", DiagnosticSeverity.Warning, "The build cache does not know this compiler's inputs");

    /// <summary>All descriptors, in code order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = typeof(DiagnosticCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Code, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The descriptor of a code ("SPT0300") or of a name ("RestoreOutOfDate"), or null.</summary>
    public static DiagnosticDescriptor? Find(string codeOrName) =>
        All.FirstOrDefault(d => d.Code == codeOrName)
        ?? (typeof(DiagnosticCodes).GetField(codeOrName)?.GetValue(null) as DiagnosticDescriptor);
}
