namespace Spicetime.Tree.Projects.Cache;

/// <summary>
/// What the projects of one facts file share, made once as the file is decoded: thousands of projects import the same
/// Directory.* files, use the same packages and match files with the same patterns, and a warm run's time is mostly
/// the memory it allocates (each new page is faulted in and cleared).
/// </summary>
internal sealed class FactsDecoding
{
    private readonly Dictionary<(int Id, bool VersionOverride), PackageUse> _packages = new();
    private readonly Dictionary<(int Path, int ImportedBy), ImportedFile> _imports = new();

    public FactsDecoding(string?[] strings) => Strings = strings;

    /// <summary>The file's string table.</summary>
    public string?[] Strings { get; }

    /// <summary>Patterns already read, by their parts: one object (and one regular expression) each.</summary>
    public Dictionary<(int Exact, int Regex, int Folder, bool Unknown), PathPattern> Patterns { get; } = new();

    public PackageUse Package(int id, bool versionOverride)
    {
        if (!_packages.TryGetValue((id, versionOverride), out var package))
        {
            _packages[(id, versionOverride)] = package = new PackageUse(Required(id), versionOverride);
        }

        return package;
    }

    /// <summary>
    /// An import, (path, imported by), of the project whose path is the string <paramref name="project"/>: one object per
    /// pair for imports of imports (thousands of projects share them); the project's own imports name it, so are its own.
    /// </summary>
    public ImportedFile Import(int path, int importedBy, int project)
    {
        if (importedBy == project)
        {
            return new ImportedFile(Required(path), Required(importedBy));
        }

        if (!_imports.TryGetValue((path, importedBy), out var import))
        {
            _imports[(path, importedBy)] = import = new ImportedFile(Required(path), Required(importedBy));
        }

        return import;
    }

    private string Required(int index) => ProjectFactsCodec.Lookup(Strings, index) ?? throw new InvalidDataException("a required string is missing");
}
