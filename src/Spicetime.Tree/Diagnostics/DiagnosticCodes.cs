namespace Spicetime.Tree.Diagnostics;

/// <summary>
/// Every SPT code Spicetime reports. Each one has a section in docs/errors.md that says why it
/// happens and how to fix it (a test keeps the two in step).
/// </summary>
public static class DiagnosticCodes
{
    // SPT00xx: finding and reading files
    public const string TreeFileNotFound = "SPT0001";
    public const string TreeFileUnreadable = "SPT0002";

    // SPT01xx: the content of tree.json
    public const string MalformedJson = "SPT0100";
    public const string EmptyFile = "SPT0101";
    public const string InheritedScopeMissing = "SPT0102";
    public const string DuplicateBranch = "SPT0103";
    public const string WrongType = "SPT0104";
    public const string UnknownKey = "SPT0105";
    public const string InvalidVersion = "SPT0106";
    public const string PathOutsideRepository = "SPT0107";
    public const string UndefinedScope = "SPT0108";
    public const string MissingKey = "SPT0109";
    public const string DuplicateKey = "SPT0110";
    public const string ExtendsUnknownScope = "SPT0111";
    public const string InvalidName = "SPT0112";
    public const string InvalidUpdates = "SPT0113";
    public const string ScopeInheritedAndOwned = "SPT0114";
    public const string ConflictingScopes = "SPT0115";
    public const string InheritsOnRoot = "SPT0116";
    public const string IncompatibleOverride = "SPT0117";
    public const string DuplicatePath = "SPT0118";
    public const string InvalidPackageId = "SPT0119";
    public const string InvalidPropertyName = "SPT0120";

    // SPT02xx: mapping projects and commands to nodes
    public const string UnknownBranch = "SPT0200";

    // SPT03xx: the build (reported by Spicetime.Sdk's targets)
    public const string RestoreOutOfDate = "SPT0300";
    public const string RestorePropertyChanged = "SPT0301";

    // SPT04xx: selective builds
    public const string GitFailed = "SPT0400";
    public const string TreeInvalidAtBase = "SPT0401";
    public const string TestApplicationNotSkipped = "SPT0402";
    public const string AffectedPrecisionLost = "SPT0403";

    /// <summary>All codes with a one-line title, in code order.</summary>
    public static IReadOnlyList<(string Code, string Title)> All { get; } = new[]
    {
        (TreeFileNotFound, "tree.json not found"),
        (TreeFileUnreadable, "tree.json cannot be read"),
        (MalformedJson, "Malformed JSON"),
        (EmptyFile, "Empty tree.json"),
        (InheritedScopeMissing, "Inherited scope the parent does not have"),
        (DuplicateBranch, "Duplicate branch"),
        (WrongType, "Wrong JSON type"),
        (UnknownKey, "Unknown key"),
        (InvalidVersion, "Invalid version or version range"),
        (PathOutsideRepository, "Path outside the repository"),
        (UndefinedScope, "Scope named but defined nowhere"),
        (MissingKey, "Required key missing"),
        (DuplicateKey, "Duplicate key"),
        (ExtendsUnknownScope, "Extends a scope the node does not have"),
        (InvalidName, "Invalid branch or scope name"),
        (InvalidUpdates, "Invalid updates mode"),
        (ScopeInheritedAndOwned, "Scope both inherited and owned"),
        (ConflictingScopes, "Two scopes of a node set the same entry differently"),
        (InheritsOnRoot, "inherits on the root node"),
        (IncompatibleOverride, "Override of an inherited package breaks compatibility"),
        (DuplicatePath, "Two nodes claim the same path"),
        (InvalidPackageId, "Invalid package id"),
        (InvalidPropertyName, "Invalid MSBuild property name"),
        (UnknownBranch, "Unknown branch"),
        (RestoreOutOfDate, "Built without restore after the node changed"),
        (RestorePropertyChanged, "A scope property restore reads changed"),
        (GitFailed, "A git revision cannot be read"),
        (TreeInvalidAtBase, "tree.json is invalid at the base revision"),
        (TestApplicationNotSkipped, "A test application dotnet test will run cannot be skipped"),
        (AffectedPrecisionLost, "affected cannot evaluate part of a project file and counts it conservatively"),
    };
}
