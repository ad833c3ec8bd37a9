namespace Spicetime.Differential;

/// <summary>
/// What full MSBuild evaluation says a project reads at one revision (the outer build and every inner build of a
/// multi-targeted project, united): paths relative to the repository, '/' separators.
/// </summary>
public sealed record ProjectFacts(
    string Path,
    IReadOnlySet<string> Imports,
    IReadOnlySet<string> ItemFiles,
    IReadOnlySet<string> PropertyFiles,
    IReadOnlySet<string> References,
    IReadOnlyDictionary<string, string> Packages,
    IReadOnlySet<string> SourceFolders,
    string? Error)
{
    public static ProjectFacts Failed(string path, string error) =>
        new(path, new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new Dictionary<string, string>(), new HashSet<string>(), error);
}
