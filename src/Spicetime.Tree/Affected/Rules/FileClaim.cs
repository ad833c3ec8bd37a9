namespace Spicetime.Tree.Affected.Rules;

/// <summary>Which project rules count a changed file for a project (<see cref="ProjectFiles.Claim"/> decides).</summary>
[Flags]
public enum FileClaim
{
    None = 0,

    /// <summary>In the project's folder, as its default items take it: <see cref="ProjectFolderRule"/>.</summary>
    ProjectFolder = 1,

    /// <summary>Imported by the project, itself or through a file it imports: <see cref="ImportedFileRule"/>.</summary>
    Import = 2,

    /// <summary>Looked for by the evaluation, and not imported: <see cref="ProbedFileRule"/>.</summary>
    Probe = 4,

    /// <summary>Named by one of the project's items, outside its folder: <see cref="ItemFileRule"/>.</summary>
    Item = 8,

    /// <summary>Named by a property, outside its folder, by no item, not imported: <see cref="ItemFileRule"/>.</summary>
    Property = 16,
}
