using Spicetime.Tree.Paths;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Projects;

/// <summary>A package a project references (itself, or through a file it imports), and whether it pins its own version.</summary>
public sealed record PackageUse(string Id, bool HasVersionOverride);

/// <summary>A file a project imports (explicitly, or as MSBuild's nearest Directory.Build.props/.targets/Directory.Packages.props), and the file that imports it.</summary>
public sealed record ImportedFile(string Path, string ImportedBy);

/// <summary>Files an item names (<c>&lt;Compile Include="..\Shared\X.cs" /&gt;</c>, a packed readme), and where the item is written.</summary>
public sealed record ItemInput(PathPattern Files, string ItemType, string DefinedIn, int Line);

/// <summary>
/// What a project's build reads from the analysed folder, as <see cref="ProjectReader"/> evaluates it: the projects
/// it references, the packages it uses, the files it imports and the files its items and properties name. Paths are
/// relative to the analysed folder with '/' separators.
/// </summary>
public sealed record ProjectInfo(string RelativePath, IReadOnlyList<string> References, IReadOnlyList<PackageUse> Packages)
{
    public ProjectInfo(string relativePath, IReadOnlyList<string> references)
        : this(relativePath, references, Array.Empty<PackageUse>())
    {
    }

    public string Directory => RepositoryPath.FolderOf(RelativePath);

    /// <summary>The <c>SpicetimeBranch</c> the project's evaluation gives it (itself, or a file it imports).</summary>
    public string? Branch { get; init; }

    /// <summary>
    /// True when <c>CentralPackageTransitivePinningEnabled</c> is, or may be, true for the project (wherever it is set:
    /// Directory.Packages.props, Directory.Build.props, the project): a central version then also pins what the project
    /// only gets transitively.
    /// </summary>
    public bool MayPinTransitively { get; init; }

    /// <summary>True when the project is on Spicetime.Sdk, so that it gets its node's scope project references.</summary>
    public bool UsesSpicetimeSdk { get; init; } = true;

    /// <summary>
    /// True when the SDK's default items take the files of the project's folder (a project on an SDK that does not
    /// set <c>EnableDefaultItems</c> to false); a project on no SDK reads only what its items and imports name.
    /// </summary>
    public bool HasDefaultItems { get; init; } = true;

    /// <summary>
    /// When the default items take only some files of the folder, their extensions (an F# project: no default
    /// <c>Compile</c> nor <c>None</c> items, so only <c>.resx</c>, the default <c>EmbeddedResource</c>); null when they
    /// take every file (<c>None</c> items on, or an SDK with default items of its own).
    /// </summary>
    public IReadOnlyList<string>? DefaultItemExtensions { get; init; }

    /// <summary>References whose path holds a part the reader could not evaluate: every project they match counts.</summary>
    public IReadOnlyList<PathPattern> ReferencePatterns { get; init; } = Array.Empty<PathPattern>();

    /// <summary>Every file of the folder the project imports, each with its importer (a chain back to the project).</summary>
    public IReadOnlyList<ImportedFile> Imports { get; init; } = Array.Empty<ImportedFile>();

    /// <summary>Files its items name (outside its folder or not: the folder rule covers the rest anyway).</summary>
    public IReadOnlyList<ItemInput> Items { get; init; } = Array.Empty<ItemInput>();

    /// <summary>The values of its properties that may name a file (a key file, a rule set), as evaluated.</summary>
    public IReadOnlyList<string> PropertyValues { get; init; } = Array.Empty<string>();

    /// <summary>
    /// True when a property names <paramref name="file"/> (relative to the project's folder, ';'-separated lists
    /// included). Resolved only for the values that mention the file's name, so it costs nothing for the rest.
    /// </summary>
    public bool NamesFile(string file)
    {
        var values = PropertyValues;
        if (values.Count == 0)
        {
            return false; // most projects: nothing to allocate for
        }

        var name = RepositoryPath.FileName(file);
        for (var k = 0; k < values.Count; k++)
        {
            var value = values[k];
            if (!value.Contains(name, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var part in MSBuildList.Items(value))
            {
                if (part.EndsWith(name, StringComparison.Ordinal) && RepositoryPath.Resolve(RootFullPath, Directory, part) == file)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The analysed folder's full path ('/' separators), to resolve absolute property values.</summary>
    public string RootFullPath { get; init; } = string.Empty;

    /// <summary>
    /// Files whose existence the evaluation asked about (MSBuild's search for the nearest Directory.Build.props, an
    /// <c>Exists()</c> condition, an import of a file not there): adding or deleting one changes the evaluation.
    /// </summary>
    public IEnumerable<string> Probes { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Whether the project references a package whose build props set <c>IsTestProject</c>
    /// (<see cref="DotNetSdkFacts.TestProjectPackages"/>): surely, perhaps (under a condition the reader could not
    /// decide, by <c>Update</c> only, or an id it could not evaluate), or not.
    /// </summary>
    internal Truth ReferencesTestPackage { get; init; }

    /// <summary>A package id could not be evaluated: any central version change may concern it.</summary>
    public bool UsesUnknownPackages { get; init; }

    /// <summary>Where the reader lost precision in this project's evaluation (SPT0403 warnings).</summary>
    public IReadOnlyList<Diagnostic> Imprecisions { get; init; } = Array.Empty<Diagnostic>();

    /// <summary>The chain of importers from <paramref name="file"/> back to the project: "imported by A, imported by B".</summary>
    public string ImportChain(string file)
    {
        var links = new List<string>();
        var current = file;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (seen.Add(current) && Imports.FirstOrDefault(i => i.Path == current) is { } import && import.ImportedBy != RelativePath)
        {
            links.Add($"imported by {import.ImportedBy}");
            current = import.ImportedBy;
        }

        return links.Count == 0 ? $"imported by {RelativePath}" : string.Join(", ", links);
    }
}
