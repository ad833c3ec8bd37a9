using Spicetime.Tree.Framework;
using Spicetime.Tree.Paths;
using System.Text;

namespace Spicetime.Tree.Projects;

/// <summary>
/// An item's metadata as MSBuild gives them: the well-known ones computed from its Include and the file that defined
/// it (<c>FullPath</c>, <c>Filename</c>, <c>RelativeDir</c>, …), its own, its type's item definitions, else empty —
/// unless files the reader does not read may set them (then unknown, like an SDK's property). And a text with
/// <c>%(...)</c> and <c>@(...)</c> evaluated for one item (a transform, a metadata value).
/// </summary>
internal static class ItemMetadata
{
    private static readonly NameSet WellKnown = new(StringComparer.OrdinalIgnoreCase, new[]
    {
        "Identity", "FullPath", "RootDir", "Filename", "Extension", "RelativeDir", "Directory", "RecursiveDir", "ModifiedTime", "CreatedTime",
        "AccessedTime", "DefiningProjectFullPath", "DefiningProjectDirectory", "DefiningProjectName", "DefiningProjectExtension",
    });

    /// <summary>More alternatives than this collapse into one text with unknown parts (as <see cref="MSBuildText"/> does).</summary>
    private const int MaxAlternatives = 8;

    public static bool IsWellKnown(string name) => WellKnown.Contains(name);

    /// <summary>The metadata <paramref name="name"/> of <paramref name="item"/>; <paramref name="written"/> is the reference as written, for SPT0403.</summary>
    public static MSBuildText.Expansion Get(ItemTable table, EvaluatedItem item, string name, string written)
    {
        if (IsWellKnown(name))
        {
            return BuiltIn(table, item, name, written);
        }

        if (item.Metadata.TryGetValue(name, out var own))
        {
            return own;
        }

        if (table.Definitions(item.Type).TryGetValue(name, out var defined))
        {
            return defined;
        }

        return item.Outside || table.MayDefineMetadata(item.Type) ? Unknown(written) : ItemTable.Empty;
    }

    private static MSBuildText.Expansion BuiltIn(ItemTable table, EvaluatedItem item, string name, string written)
    {
        var include = RepositoryPath.Normalize(item.Include.Trim());
        var unresolved = item.Unresolved.Count > 0 ? item.Unresolved : new[] { written };
        MSBuildText.Expansion Value(string value) => new(new[] { value }, value.Contains(MSBuildText.Unknown[0]) ? unresolved : Array.Empty<string>());

        switch (name.ToLowerInvariant())
        {
            case "identity":
                return Value(item.Include);
            case "definingprojectfullpath" or "definingprojectdirectory" or "definingprojectname" or "definingprojectextension":
                if (item.File is null)
                {
                    return Unknown(written);
                }

                var fileName = RepositoryPath.FileName(item.File);
                return Value(name.ToLowerInvariant() switch
                {
                    "definingprojectfullpath" => table.Full(item.File),
                    "definingprojectdirectory" => table.Full(RepositoryPath.FolderOf(item.File)).TrimEnd('/') + "/",
                    "definingprojectname" => Path.GetFileNameWithoutExtension(fileName),
                    _ => Path.GetExtension(fileName),
                });
            case "recursivedir":
                // The folders a '**' matched: any folders, which a glob says as '**/'.
                return Value(include.Contains("**", StringComparison.Ordinal) ? "**/" : string.Empty);
            case "modifiedtime" or "createdtime" or "accessedtime":
                return Unknown(written);
        }

        // When an unknown part follows the last separator, it may hold more folders: the name is unknown, the folder open-ended.
        var slash = include.LastIndexOf('/');
        var open = include.LastIndexOf(MSBuildText.Unknown[0]) > slash;
        var segment = include[(slash + 1)..];
        var dot = segment.LastIndexOf('.');
        var full = FullPath(table, include);
        var rooted = full.StartsWith(MSBuildText.Unknown, StringComparison.Ordinal) ? null : RootOf(full);
        switch (name.ToLowerInvariant())
        {
            case "filename":
                return open ? Value(MSBuildText.Unknown) : Value(dot < 0 ? segment : segment[..dot]);
            case "extension":
                return open ? Value(MSBuildText.Unknown) : Value(dot < 0 ? string.Empty : segment[dot..]);
            case "relativedir":
                return Value(include[..(slash + 1)] + (open ? MSBuildText.Unknown : string.Empty));
            case "fullpath":
                return Value(full);
            case "rootdir":
                return Value(rooted ?? MSBuildText.Unknown);
            default: // directory: the full path's folder without its root
                if (rooted is null)
                {
                    return Value(MSBuildText.Unknown);
                }

                var folder = full[..(full.LastIndexOf('/') + 1)];
                return Value(folder[Math.Min(rooted.Length, folder.Length)..] + (open ? MSBuildText.Unknown : string.Empty));
        }
    }

    /// <summary>The item's full path: relative to the project's folder, '..' folded unless an unknown part comes first.</summary>
    private static string FullPath(ItemTable table, string include)
    {
        if (include.StartsWith(MSBuildText.Unknown, StringComparison.Ordinal) || RepositoryPath.IsAbsolute(include))
        {
            return include; // an unknown start may itself be a full path
        }

        var folder = table.Full(table.ProjectFolder).TrimEnd('/') + "/";
        if (include.Contains(MSBuildText.Unknown[0]))
        {
            return folder + include; // '..' after an unknown part cannot be folded; PathPattern knows
        }

        var relative = RepositoryPath.Resolve(table.Root, table.ProjectFolder, include);
        return relative is null ? folder + include : table.Full(relative);
    }

    private static string RootOf(string full) =>
        full.Length >= 2 && full[1] == ':' ? full[..2] + "/" : full.StartsWith("//", StringComparison.Ordinal) ? "//" : "/";

    private static MSBuildText.Expansion Unknown(string written) => new(new[] { MSBuildText.Unknown }, new[] { written });

    /// <summary>
    /// <paramref name="text"/> (properties already expanded) with each <c>%(Name)</c> or <c>%(Type.Name)</c> replaced by
    /// the item's metadata and each <c>@(...)</c> by the list it names joined with ';' (or its separator).
    /// </summary>
    public static MSBuildText.Expansion Substitute(ItemTable table, EvaluatedItem item, string text)
    {
        if (!text.Contains("%(", StringComparison.Ordinal) && !text.Contains("@(", StringComparison.Ordinal))
        {
            return new MSBuildText.Expansion(new[] { text }, Array.Empty<string>());
        }

        var results = new List<StringBuilder> { new() };
        var unresolved = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (i + 1 < text.Length && text[i + 1] == '(' && text[i] is '%' or '@' && MSBuildText.ClosingParenthesis(text, i + 1) is var end and > 0)
            {
                var written = text[i..(end + 1)];
                var part = text[i] == '%' ? Get(table, item, MetadataName(written), written) : ItemExpression.Joined(table, written);
                if (part.Values.Any(v => v.Contains(MSBuildText.Unknown[0])))
                {
                    unresolved.AddRange(part.Unresolved);
                }
                else if (part.Values.Count > 1 && results.Count * part.Values.Count > MaxAlternatives)
                {
                    unresolved.Add(written); // too many alternatives: Append makes it unknown
                }

                results = Append(results, part.Values);
                i = end + 1;
                continue;
            }

            foreach (var builder in results)
            {
                builder.Append(text[i]);
            }

            i++;
        }

        return new MSBuildText.Expansion(results.Select(b => b.ToString()).Distinct(StringComparer.Ordinal).ToList(), unresolved.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The name in <c>%(Name)</c> or <c>%(Type.Name)</c>.</summary>
    private static string MetadataName(string written)
    {
        var inner = written[2..^1].Trim();
        return inner[(inner.LastIndexOf('.') + 1)..].Trim();
    }

    private static List<StringBuilder> Append(List<StringBuilder> results, IReadOnlyList<string> parts)
    {
        if (parts.Count == 1 || results.Count * parts.Count > MaxAlternatives)
        {
            var part = parts.Count == 1 ? parts[0] : MSBuildText.Unknown;
            foreach (var builder in results)
            {
                builder.Append(part);
            }

            return results;
        }

        return results.SelectMany(b => parts.Select(p => new StringBuilder(b.ToString()).Append(p))).ToList();
    }
}
