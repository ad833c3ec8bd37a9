using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Projects;

/// <summary>The static property functions <see cref="MSBuildText"/> evaluates, and what is called on their results.</summary>
public sealed partial class MSBuildText
{
    /// <summary>
    /// The static property functions that locate files, and what is called on their result
    /// (<c>$([System.IO.Directory]::GetParent($(MSBuildThisFileDirectory)).Parent.FullName)</c>: a folder's
    /// <c>Parent</c>, <c>FullName</c> and <c>Name</c>, a string's methods); null for any other (it stays unknown).
    /// </summary>
    private IReadOnlyList<string>? StaticFunction(string inner, List<string> unresolved)
    {
        var close = inner.IndexOf("]::", StringComparison.Ordinal);
        var open = inner.IndexOf('(');
        if (close < 0 || open < close)
        {
            return null;
        }

        var type = inner[1..close].Trim();
        var method = inner[(close + 3)..open].Trim();
        var end = ClosingParenthesis(inner, open);
        if (end < 0)
        {
            return null;
        }

        var args = Arguments(inner[(open + 1)..end]).Select(a => ExpandAll(a, unresolved)).ToList();
        if (args.Any(a => a.Count != 1))
        {
            return null;
        }

        var values = args.Select(a => a[0]).ToList();
        var result = Static(type, method.ToLowerInvariant(), values);
        return result is null ? null : Members(result.Value.Value, result.Value.Folder, inner[(end + 1)..]);
    }

    /// <summary>One static call: its value, and whether it is a folder (a DirectoryInfo) rather than a string.</summary>
    private (string Value, bool Folder)? Static(string type, string method, IReadOnlyList<string> values)
    {
        if (type.Equals("System.IO.Directory", StringComparison.OrdinalIgnoreCase))
        {
            // Directory.GetParent(path) is Path.GetDirectoryName of the full path: with a trailing separator, the folder itself.
            if (method != "getparent" || values.Count != 1 || values[0].Contains(Unknown[0]) || Folded(Combine(_thisFileDirectory, values[0])) is not { } full)
            {
                return null;
            }

            var parent = full.EndsWith('/') && ParentOf(full) is not null ? full[..^1] : ParentOf(full);
            return parent is null ? null : (parent, true);
        }

        var known = type.Equals("MSBuild", StringComparison.OrdinalIgnoreCase)
            || type.Equals("System.IO.Path", StringComparison.OrdinalIgnoreCase);
        if (!known)
        {
            return null;
        }

        IReadOnlyList<string>? single = method switch
        {
            "getdirectorynameoffileabove" when values.Count == 2 => Above(values[0], values[1], path: false),
            "getpathoffileabove" when values.Count is 1 or 2 => Above(values.Count == 2 ? values[1] : _thisFileDirectory, values[0], path: true),
            "combine" or "normalizepath" when values.Count >= 1 => new[] { values.Aggregate(Combine) },
            "normalizedirectory" when values.Count >= 1 => new[] { WithSlash(values.Aggregate(Combine)) },
            "ensuretrailingslash" when values.Count == 1 => new[] { WithSlash(values[0]) },
            "getfullpath" when values.Count == 1 => new[] { Combine(_thisFileDirectory, values[0]) },
            "getdirectoryname" when values.Count == 1 => new[] { RepositoryPath.Normalize(values[0]) is var n && n.Contains('/') ? RepositoryPath.FolderOf(n) : string.Empty },
            "getfilename" when values.Count == 1 => new[] { RepositoryPath.FileName(RepositoryPath.Normalize(values[0])) },
            _ => null,
        };
        return single is [var value] ? (value, false) : null;
    }

    /// <summary>
    /// What follows a static call: <c>.Parent</c>, <c>.FullName</c>, <c>.Name</c> of a folder, a string method of a
    /// string (<c>.TrimEnd('/')</c>); the value as text at the end (a folder as its full path). Null for anything else.
    /// </summary>
    private IReadOnlyList<string>? Members(string value, bool folder, string rest)
    {
        var i = 0;
        while (i < rest.Length)
        {
            if (rest[i] != '.')
            {
                return null;
            }

            var nameEnd = i + 1;
            while (nameEnd < rest.Length && (char.IsAsciiLetterOrDigit(rest[nameEnd]) || rest[nameEnd] == '_'))
            {
                nameEnd++;
            }

            var name = rest[(i + 1)..nameEnd];
            List<string>? args = null;
            i = nameEnd;
            if (i < rest.Length && rest[i] == '(')
            {
                var close = ClosingParenthesis(rest, i);
                if (close < 0)
                {
                    return null;
                }

                var unresolved = new List<string>();
                var expanded = Arguments(rest[(i + 1)..close]).Select(a => ExpandAll(a, unresolved)).ToList();
                if (expanded.Any(a => a.Count != 1 || a[0].Contains(Unknown[0])))
                {
                    return null;
                }

                args = expanded.Select(a => a[0]).ToList();
                i = close + 1;
            }

            if (value.Contains(Unknown[0]))
            {
                return null;
            }

            switch (folder, name, args)
            {
                case (true, "Parent", null):
                    if (ParentOf(value) is not { } parent)
                    {
                        return null;
                    }

                    value = parent;
                    break;
                case (true, "FullName", null):
                    folder = false;
                    break;
                case (true, "Name", null):
                    value = RepositoryPath.FileName(value.TrimEnd('/'));
                    folder = false;
                    break;
                case (false, _, not null):
                    if (StringMethod(value, name, args) is not { } called)
                    {
                        return null;
                    }

                    value = called;
                    break;
                default:
                    return null;
            }
        }

        return new[] { value };
    }

    /// <summary>A full path with "." and ".." folded, '/' separators, and a trailing '/' kept; null when not rooted.</summary>
    private static string? Folded(string path)
    {
        var normalized = RepositoryPath.Normalize(path);
        var prefixLength = normalized.StartsWith("//", StringComparison.Ordinal) ? 2
            : normalized.StartsWith('/') ? 1
            : normalized.Length >= 3 && normalized[1] == ':' && normalized[2] == '/' ? 3
            : -1;
        if (prefixLength < 0)
        {
            return null;
        }

        var segments = new List<string>();
        foreach (var segment in normalized[prefixLength..].Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else
            {
                segments.Add(segment);
            }
        }

        var folded = normalized[..prefixLength] + string.Join('/', segments);
        return normalized.EndsWith('/') && segments.Count > 0 ? folded + "/" : folded;
    }

    /// <summary>DirectoryInfo.Parent / Path.GetDirectoryName of a full path: without a trailing separator; null at the root.</summary>
    private static string? ParentOf(string full)
    {
        var trimmed = full.EndsWith('/') && full.Length > 1 && !(full.Length == 3 && full[1] == ':') ? full[..^1] : full;
        var slash = trimmed.LastIndexOf('/');
        if (slash < 0 || slash == trimmed.Length - 1)
        {
            return null; // the root has no parent
        }

        return slash == 0 ? "/" : trimmed[1] == ':' && slash == 2 ? trimmed[..3] : trimmed[..slash];
    }

    private IReadOnlyList<string>? Above(string start, string name, bool path)
    {
        if (start.Contains(Unknown[0]) || name.Contains(Unknown[0]))
        {
            return new[] { Unknown };
        }

        var folder = _fileAbove(Combine(_thisFileDirectory, start), name.Trim());
        if (folder is null)
        {
            return new[] { Unknown };
        }

        return new[] { folder.Length == 0 ? string.Empty : path ? $"{folder.TrimEnd('/')}/{name.Trim()}" : folder.TrimEnd('/') };
    }

    private static string Combine(string left, string right)
    {
        var r = RepositoryPath.Normalize(right);
        if (RepositoryPath.IsAbsolute(r) || r.StartsWith(Unknown, StringComparison.Ordinal) && left.Length == 0)
        {
            return r;
        }

        if (left.Length == 0)
        {
            return r;
        }

        var l = RepositoryPath.Normalize(left);
        return l.EndsWith('/') ? l + r : $"{l}/{r}";
    }

    private static string WithSlash(string path) => path.Length == 0 || path.EndsWith('/') || path.EndsWith('\\') ? path : path + "/";
}
