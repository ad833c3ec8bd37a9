using Spicetime.Tree.Paths;
using System.Text;

namespace Spicetime.Tree.Projects;

/// <summary>How far an item is among the values a Remove, Update or Exclude names.</summary>
internal enum ItemMatch
{
    No,

    /// <summary>It may be (an unknown part, a glob against a glob, a name that differs only in case): a Remove keeps it, an Update adds its values.</summary>
    Maybe,

    Yes,
}

/// <summary>
/// An item element's Include, Exclude, Remove or Update, and a metadata value, as MSBuild reads them: properties expanded
/// first (item lists and metadata kept as written, so a transform's <c>$(RepoRoot)</c> is expanded too), then split
/// at ';', each part an item list expression (<see cref="ItemExpression"/>) or a value (a path, a glob, a name).
/// </summary>
internal static class ItemSpec
{
    /// <summary>More alternatives than this make the text unknown.</summary>
    private const int MaxAlternatives = 8;

    // Stand for a kept item list or metadata reference while properties are expanded: characters no XML document holds.
    private const char KeptStart = '\u0002';
    private const char KeptEnd = '\u0003';

    /// <summary>
    /// The values a spec names, each an item of <paramref name="type"/> made by <paramref name="element"/>, or an item
    /// of a list it names (its type and metadata kept; the caller makes it one of its own).
    /// </summary>
    public static List<EvaluatedItem> Values(string spec, MSBuildText text, ItemTable table, string type, MSBuildElement element, string file)
    {
        var values = new List<EvaluatedItem>();
        foreach (var part in Split(spec))
        {
            var buildOutput = DotNetSdkFacts.UnderBuildOutput(part);
            foreach (var (expanded, unresolved) in ExpandProperties(part, text))
            {
                foreach (var fragment in Split(expanded))
                {
                    if (ItemExpression.Parse(fragment) is { } list)
                    {
                        foreach (var item in list.Evaluate(table))
                        {
                            var unknown = item.Include.Contains(MSBuildText.Unknown[0]);
                            var why = unknown ? item.Unresolved.Concat(unresolved).Distinct(StringComparer.Ordinal).ToList() : item.Unresolved;
                            if (item.Include.Contains(';'))
                            {
                                // A list joined with ';' (@(X, ';')) is several values again.
                                values.AddRange(MSBuildList.Items(item.Include).Select(v => new EvaluatedItem(type, v, why, element, file, buildOutput)));
                            }
                            else
                            {
                                values.Add(item.Type.Length == 0 ? new EvaluatedItem(type, item.Include, why, element, file, buildOutput) : item.As(item.Type, element, file, why, item.Metadata));
                            }
                        }
                    }
                    else if (fragment.Contains("@(", StringComparison.Ordinal) || fragment.Contains("%(", StringComparison.Ordinal))
                    {
                        // MSBuild takes an item list only as a whole part (MSB4012), and no metadata in an Include outside targets.
                        var (value, references) = Unreadable(fragment);
                        values.Add(new EvaluatedItem(type, value, references.Concat(unresolved).ToList(), element, file, buildOutput));
                    }
                    else
                    {
                        values.Add(new EvaluatedItem(type, fragment, unresolved, element, file, buildOutput));
                    }
                }
            }
        }

        return values;
    }

    /// <summary>A metadata value for <paramref name="item"/>: properties, then its own metadata and item lists.</summary>
    public static MSBuildText.Expansion MetadataValue(string value, MSBuildText text, ItemTable table, EvaluatedItem item)
    {
        var values = new List<string>();
        var unresolved = new List<string>();
        foreach (var (expanded, propertiesUnresolved) in ExpandProperties(value, text))
        {
            var substituted = ItemMetadata.Substitute(table, item, expanded);
            values.AddRange(substituted.Values);
            unresolved.AddRange(substituted.Unresolved);
            if (expanded.Contains(MSBuildText.Unknown[0]))
            {
                unresolved.AddRange(propertiesUnresolved);
            }
        }

        var distinct = values.Distinct(StringComparer.Ordinal).ToList();
        return new MSBuildText.Expansion(distinct.Count > MaxAlternatives ? new[] { MSBuildText.Unknown } : distinct, unresolved.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Whether an item is among <paramref name="spec"/>'s values, compared as MSBuild does: as paths relative to the
    /// project's folder, a glob by matching. Case decides nothing for sure (MSBuild ignores it on Windows only).
    /// </summary>
    public static Func<EvaluatedItem, ItemMatch> Matcher(ItemTable table, IReadOnlyList<EvaluatedItem> spec)
    {
        var literals = new List<string>();
        var globs = new List<PathPattern>();
        var undecided = false;
        foreach (var value in spec)
        {
            if (value.Include.Contains(MSBuildText.Unknown[0]))
            {
                undecided = true;
            }
            else if (value.Include.IndexOfAny(Wildcards) >= 0)
            {
                if (PathPattern.Create(table.Root, table.ProjectFolder, value.Include) is { } glob)
                {
                    globs.Add(glob);
                }
                else
                {
                    undecided = true;
                }
            }
            else
            {
                literals.Add(Key(table, value.Include));
            }
        }

        return item =>
        {
            if (item.Include.Contains(MSBuildText.Unknown[0]) || item.Include.IndexOfAny(Wildcards) >= 0)
            {
                return spec.Count == 0 ? ItemMatch.No : ItemMatch.Maybe;
            }

            var key = Key(table, item.Include);
            if (literals.Contains(key, StringComparer.Ordinal) || globs.Any(g => g.Matches(key)))
            {
                return ItemMatch.Yes;
            }

            return undecided || literals.Contains(key, StringComparer.OrdinalIgnoreCase) ? ItemMatch.Maybe : ItemMatch.No;
        };
    }

    private static readonly char[] Wildcards = { '*', '?' };

    private static string Key(ItemTable table, string include) =>
        RepositoryPath.Resolve(table.Root, table.ProjectFolder, include) ?? RepositoryPath.Clean(RepositoryPath.Normalize(include.Trim()));

    /// <summary>
    /// The text with its properties expanded (each alternative, with what could not be evaluated), its item lists and
    /// metadata references kept as written but for the properties inside them.
    /// </summary>
    public static List<(string Value, IReadOnlyList<string> Unresolved)> ExpandProperties(string raw, MSBuildText text)
    {
        if (!raw.Contains("@(", StringComparison.Ordinal) && !raw.Contains("%(", StringComparison.Ordinal))
        {
            var expansion = text.Expand(raw);
            return expansion.Values.Select(v => (v, expansion.Unresolved)).ToList();
        }

        // Kept references become placeholders while the rest is expanded, then come back with their own properties expanded.
        var kept = new List<List<(string Value, IReadOnlyList<string> Unresolved)>>();
        var template = new StringBuilder();
        var i = 0;
        while (i < raw.Length)
        {
            var end = i + 1 < raw.Length && raw[i + 1] == '(' && raw[i] is '$' or '@' or '%' ? MSBuildText.ClosingParenthesis(raw, i + 1) : -1;
            if (end < 0)
            {
                template.Append(raw[i++]);
                continue;
            }

            if (raw[i] == '$')
            {
                template.Append(raw, i, end + 1 - i);
            }
            else
            {
                kept.Add(ExpandProperties(raw[(i + 2)..end], text).Select(v => ($"{raw[i]}({v.Value})", v.Unresolved)).ToList());
                template.Append(KeptStart).Append(kept.Count - 1).Append(KeptEnd);
            }

            i = end + 1;
        }

        var expanded = text.Expand(template.ToString());
        var results = expanded.Values.Select(v => (Value: v, expanded.Unresolved)).ToList();
        for (var k = 0; k < kept.Count; k++)
        {
            var placeholder = $"{KeptStart}{k}{KeptEnd}";
            results = results.SelectMany(r => kept[k].Select(v => (r.Value.Replace(placeholder, v.Value), (IReadOnlyList<string>)r.Unresolved.Concat(v.Unresolved).ToList()))).ToList();
            if (results.Count > MaxAlternatives)
            {
                return new List<(string, IReadOnlyList<string>)> { (MSBuildText.Unknown, new[] { raw }) };
            }
        }

        return results;
    }

    /// <summary>The parts of a list at ';', but not inside <c>$(...)</c>, <c>@(...)</c> or <c>%(...)</c>; trimmed, empty ones left out.</summary>
    public static List<string> Split(string text)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && i + 1 < text.Length && text[i + 1] == '(' && text[i] is '$' or '@' or '%' && MSBuildText.ClosingParenthesis(text, i + 1) is var end and > 0)
            {
                i = end;
                continue;
            }

            if (i == text.Length || text[i] == ';')
            {
                var part = text[start..i].Trim();
                if (part.Length > 0)
                {
                    parts.Add(part);
                }

                start = i + 1;
            }
        }

        return parts;
    }

    /// <summary>A part with an item list or metadata the reader cannot place: each reference unknown.</summary>
    private static (string Value, List<string> References) Unreadable(string fragment)
    {
        var value = new StringBuilder();
        var references = new List<string>();
        var i = 0;
        while (i < fragment.Length)
        {
            var end = i + 1 < fragment.Length && fragment[i + 1] == '(' && fragment[i] is '@' or '%' ? MSBuildText.ClosingParenthesis(fragment, i + 1) : -1;
            if (end < 0)
            {
                value.Append(fragment[i++]);
                continue;
            }

            references.Add(fragment[i..(end + 1)]);
            value.Append(MSBuildText.Unknown);
            i = end + 1;
        }

        return (value.ToString(), references);
    }
}
