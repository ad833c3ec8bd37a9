namespace Spicetime.Tree.Projects.Cache;

/// <summary>
/// What the projects of one facts file share, made once as the file is decoded: thousands of projects import the same
/// Directory.* files, use the same packages and match files with the same patterns, and a warm run's time is mostly
/// the memory it allocates (each new page is faulted in and cleared).
/// </summary>
internal sealed class FactsDecoding
{
    // Keyed by a long, not a tuple: a dictionary of a tuple key has no ahead-of-time code in the portable tool (JIT-compiled at each start).
    private readonly Dictionary<long, PackageUse> _packages = new();
    private readonly Dictionary<long, ImportedFile> _imports = new();

    public FactsDecoding(string?[] strings) => Strings = strings;

    /// <summary>The file's string table.</summary>
    public string?[] Strings { get; }

    /// <summary>Patterns already read, by their parts: one object (and one regular expression) each.</summary>
    public Dictionary<(int Exact, int Regex, int Folder, bool Unknown), PathPattern> Patterns { get; } = new();

    public PackageUse Package(int id, bool versionOverride)
    {
        var key = ((long)id << 1) | (versionOverride ? 1L : 0L);
        if (!_packages.TryGetValue(key, out var package))
        {
            _packages[key] = package = new PackageUse(Required(id), versionOverride);
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

        var key = ((long)path << 32) | (uint)importedBy;
        if (!_imports.TryGetValue(key, out var import))
        {
            _imports[key] = import = new ImportedFile(Required(path), Required(importedBy));
        }

        return import;
    }

    private string Required(int index) => ProjectFactsCodec.Lookup(Strings, index) ?? throw new InvalidDataException("a required string is missing");
}
