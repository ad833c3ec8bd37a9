namespace Spicetime.Tree.Build;

/// <summary>
/// A project's generated props as <see cref="GeneratedPropsWriter"/> made them: the text of
/// obj/spicetime.&lt;project&gt;.g.props, the id of the node's content, and the version group that closes it.
/// </summary>
public sealed class GeneratedProps
{
    internal GeneratedProps(string text, string contentId, string versionGroup)
    {
        Text = text;
        ContentId = contentId;
        VersionGroup = versionGroup;
    }

    /// <summary>The file's text: the node's content, then the version group.</summary>
    public string Text { get; }

    /// <summary>
    /// The digest of the node's content, written into it as <c>$(_SpicetimePropsId)</c>; the version group is left out,
    /// so a new commit is no new content for restore.
    /// </summary>
    public string ContentId { get; }

    /// <summary>The version group (<see cref="GeneratedPropsWriter.VersionGroup"/>) as written, or "" when there is none.</summary>
    public string VersionGroup { get; }

    /// <summary>
    /// True when <paramref name="previous"/>, what the file held before (null when there was none), did not close with
    /// this version group: a new commit, build number or line.
    /// </summary>
    public bool VersionChangedFrom(string? previous) =>
        previous is null || !previous.EndsWith(VersionGroup + GeneratedPropsWriter.ProjectEnd, StringComparison.Ordinal);
}
