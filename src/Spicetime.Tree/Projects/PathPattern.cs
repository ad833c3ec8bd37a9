using Spicetime.Tree.Paths;
using System.Text;
using System.Text.RegularExpressions;

namespace Spicetime.Tree.Projects;

/// <summary>
/// A path a project file names (an item's Include, an Import's Project, a ProjectReference), resolved to the analysed
/// folder: either one exact relative path, or a pattern when the text holds MSBuild wildcards (<c>*</c>, <c>**</c>,
/// <c>?</c>) or parts the reader could not evaluate (<see cref="MSBuildText.Unknown"/>, e.g. a property an SDK
/// defines). An unknown part matches anything, so a pattern errs on the side of matching more files, never fewer.
/// </summary>
public sealed class PathPattern
{
    private readonly string? _regexText;

    // Built on first use: a pattern restored from the facts cache may never be matched in a run.
    private Regex? _regex;

    private PathPattern(string? exact, string? regex, bool hasUnknown, string? folder = null)
    {
        Folder = folder;
        Exact = exact;
        _regexText = regex;
        HasUnknown = hasUnknown;
    }

    /// <summary>A pattern as <see cref="Create"/> made it, from its parts (the facts cache's copy of one).</summary>
    internal static PathPattern Restore(string? exact, string? regex, bool hasUnknown, string? folder) =>
        new(exact, exact is null ? regex ?? "^$" : null, hasUnknown, folder);

    /// <summary>The regular expression of a pattern (null for an exact path).</summary>
    internal string? RegexText => _regexText;

    /// <summary>What the pattern matches, as one string ("=" and the exact path, or "~" and the expression).</summary>
    internal string Key => Exact is { } exact ? "=" + exact : "~" + _regexText;

    /// <summary>The pattern whose <see cref="Key"/> is <paramref name="key"/> (matching only: folder and unknown parts are not kept).</summary>
    internal static PathPattern FromKey(string key) =>
        key.StartsWith("=", StringComparison.Ordinal) ? Restore(key[1..], null, false, null) : Restore(null, key[1..], false, null);

    /// <summary>The one path this stands for, or null for a pattern.</summary>
    public string? Exact { get; }

    /// <summary>
    /// For a pattern, the folder every path it matches lies under ("." for the whole folder); null when it may match
    /// anywhere (it starts with an unknown part). For an exact path, the folder that holds it.
    /// </summary>
    public string? Folder { get; }

    /// <summary>True when some path this matches may lie under <paramref name="folder"/>.</summary>
    public bool MayMatchUnder(string folder) =>
        Exact is { } exact ? RepositoryPath.IsUnder(exact, folder)
        : Folder is null || RepositoryPath.IsUnder(Folder, folder) || RepositoryPath.IsUnder(folder, Folder);

    /// <summary>True when part of the path could not be evaluated (precision was lost there).</summary>
    public bool HasUnknown { get; }

    public bool Matches(string path) => Exact is not null ? Exact == path : (_regex ??= new Regex(_regexText!, RegexOptions.CultureInvariant)).IsMatch(path);

    public override string ToString() => Exact ?? _regexText!;

    /// <summary>
    /// Resolves <paramref name="expanded"/> (an evaluated value: wildcards and unknown parts kept) against
    /// <paramref name="baseFolder"/>. Null when it leads outside the analysed folder, where no change can touch it.
    /// </summary>
    public static PathPattern? Create(string rootFullPath, string baseFolder, string expanded)
    {
        var text = RepositoryPath.Normalize(expanded).Trim();
        var special = text.IndexOfAny(Specials);
        var hasUnknown = text.Contains(MSBuildText.Unknown);
        if (special < 0)
        {
            var exact = RepositoryPath.Resolve(rootFullPath, baseFolder, text);
            return exact is null ? null : new PathPattern(exact, null, false, RepositoryPath.FolderOf(exact));
        }

        // The literal folder before the first wildcard or unknown part anchors the pattern; what follows is matched.
        var anchorEnd = text.LastIndexOf('/', special) + 1;
        var rest = text[anchorEnd..];
        string? anchor = null;
        if (anchorEnd > 0 || !(text.StartsWith(MSBuildText.Unknown[0]) || RepositoryPath.IsAbsolute(text)))
        {
            anchor = RepositoryPath.Resolve(rootFullPath, baseFolder, anchorEnd == 0 ? "." : text[..anchorEnd]);
            if (anchor is null && !hasUnknown)
            {
                return null; // a glob outside the folder
            }
        }

        // '..' after an unknown part cannot be resolved: keep only what follows it, matched anywhere.
        var parent = rest.LastIndexOf("../", StringComparison.Ordinal);
        if (parent >= 0)
        {
            rest = rest[(parent + 3)..];
            anchor = null;
        }

        var regex = new StringBuilder("^");
        if (anchor is null)
        {
            regex.Append("(?:.*/)?");
            rest = rest.TrimStart('/', MSBuildText.Unknown[0]);
            regex.Append(hasUnknown && rest.Length == 0 ? ".*" : string.Empty);
        }
        else if (anchor != RepositoryPath.Root)
        {
            regex.Append(Regex.Escape(anchor)).Append('/');
        }

        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c == MSBuildText.Unknown[0])
            {
                regex.Append(".*");
            }
            else if (c == '*' && i + 1 < rest.Length && rest[i + 1] == '*')
            {
                // '**/' is any number of folders, none included; a trailing '**' is anything.
                var slash = i + 2 < rest.Length && rest[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append('$');
        return new PathPattern(null, regex.ToString(), hasUnknown, anchor);
    }

    private static readonly char[] Specials = { '*', '?', MSBuildText.Unknown[0] };
}
