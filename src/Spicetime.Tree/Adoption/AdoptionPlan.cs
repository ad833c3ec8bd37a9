using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Adoption;

/// <summary>
/// What <c>spicetime init</c> would do to a repository: each file's action and text, or the errors that stop it. Nothing
/// is written until <see cref="Apply"/>, and <see cref="Apply"/> writes nothing when there is an error.
/// </summary>
public sealed class AdoptionPlan
{
    internal AdoptionPlan(string root, string? branch, IReadOnlyList<AdoptionFile> files, IReadOnlyList<Diagnostic> diagnostics)
    {
        Root = root;
        Branch = branch;
        Files = files;
        Diagnostics = diagnostics;
    }

    /// <summary>The folder adopted: the git repository's root, or the folder itself outside git.</summary>
    public string Root { get; }

    /// <summary>The root node's branch (the current git branch, or the one named).</summary>
    public string? Branch { get; }

    /// <summary>tree.json, global.json, Directory.Build.props, Directory.Build.targets, in that order.</summary>
    public IReadOnlyList<AdoptionFile> Files { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool Succeeded => !Diagnostics.Any(d => d.IsError);

    /// <summary>Whether any file would be created or changed.</summary>
    public bool HasChanges => Files.Any(f => f.Action != AdoptionAction.Keep);

    /// <summary>Writes the files created or changed; nothing at all when the plan has errors.</summary>
    public void Apply()
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException("An adoption with errors writes nothing.");
        }

        foreach (var file in Files.Where(f => f.Action != AdoptionAction.Keep))
        {
            TextFile.Write(file.Path, file.After!, file.ByteOrderMark);
        }
    }
}
