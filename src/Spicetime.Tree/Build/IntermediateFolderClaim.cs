namespace Spicetime.Tree.Build;

/// <summary>
/// Two projects with the same file name whose intermediate folders (obj/) are one folder would overwrite each other's
/// restore and build outputs: forked copies of a service under <c>UseArtifactsOutput</c> with an artifacts name set by
/// hand, or a shared <c>BaseIntermediateOutputPath</c>. The generated props name the project they were made for
/// (relative to tree.json's folder, <see cref="Property"/>); a generation for another project that still exists is
/// SPT0303, and the file is left as it was.
/// </summary>
public static class IntermediateFolderClaim
{
    /// <summary>The property of the generated props that names their project.</summary>
    public const string Property = GeneratedPropsNames.ProjectFile;

    /// <summary>How the generated props name a project: its path relative to tree.json's folder, with '/'.</summary>
    public static string NameOf(string treeDirectory, string projectFile) =>
        Path.GetRelativePath(treeDirectory, Path.GetFullPath(projectFile)).Replace('\\', '/');

    /// <summary>
    /// The other project that generated props already in the folder were made for, when it still exists; null when
    /// they are this project's, name none (older files), or name a project that is gone (moved or renamed).
    /// </summary>
    public static string? OtherOwner(string? existingProps, string treeDirectory, string projectFile)
    {
        if (existingProps is null)
        {
            return null;
        }

        var open = $"<{Property}>";
        var start = existingProps.IndexOf(open, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += open.Length;
        var end = existingProps.IndexOf('<', start);
        if (end < 0)
        {
            return null;
        }

        var owner = System.Net.WebUtility.HtmlDecode(existingProps.Substring(start, end - start));
        if (string.Equals(owner, NameOf(treeDirectory, projectFile), StringComparison.Ordinal))
        {
            return null;
        }

        return File.Exists(Path.Combine(treeDirectory, owner)) ? owner : null;
    }
}
