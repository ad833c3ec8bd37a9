namespace Spicetime.Tree.Projects;

/// <summary>
/// An item list expression as MSBuild writes it: <c>@(Type)</c>, then any transforms (<c>->'%(Filename).dll'</c>) and
/// item functions (<c>->WithMetadataValue('M', 'v')</c>, <c>->Distinct()</c>, …) in order, then an optional separator
/// (<c>@(X, ';')</c>). Parsed from the text, evaluated against the items defined so far (<see cref="ItemTable"/>).
/// What cannot be read or evaluated (a malformed expression, a function the reader does not know) gives one unknown value.
/// </summary>
internal sealed class ItemExpression
{
    private readonly string? _type;
    private readonly List<Step> _steps;
    private readonly string? _separator;

    private ItemExpression(string written, string? type, List<Step> steps, string? separator)
    {
        Written = written;
        _type = type;
        _steps = steps;
        _separator = separator;
    }

    /// <summary>A transform (its text) or an item function (its name and arguments).</summary>
    private sealed record Step(string? Transform, string? Function, IReadOnlyList<string> Arguments);

    public string Written { get; }

    /// <summary>The expression <paramref name="fragment"/> is, when all of it is one <c>@(...)</c>; else null.</summary>
    public static ItemExpression? Parse(string fragment)
    {
        var text = fragment.Trim();
        if (!text.StartsWith("@(", StringComparison.Ordinal) || MSBuildText.ClosingParenthesis(text, 1) != text.Length - 1)
        {
            return null;
        }

        var inner = text[2..^1];
        var unreadable = new ItemExpression(text, null, new List<Step>(), null);
        var i = Skip(inner, 0);
        var type = Name(inner, ref i);
        if (type.Length == 0)
        {
            return unreadable;
        }

        var steps = new List<Step>();
        while (Skip(inner, i) is var at && at + 1 < inner.Length && inner[at] == '-' && inner[at + 1] == '>')
        {
            i = Skip(inner, at + 2);
            if (i < inner.Length && inner[i] == '\'')
            {
                var close = inner.IndexOf('\'', i + 1);
                if (close < 0)
                {
                    return unreadable;
                }

                steps.Add(new Step(inner[(i + 1)..close], null, Array.Empty<string>()));
                i = close + 1;
                continue;
            }

            var function = Name(inner, ref i);
            i = Skip(inner, i);
            var end = i < inner.Length && inner[i] == '(' ? MSBuildText.ClosingParenthesis(inner, i) : -1;
            if (function.Length == 0 || end < 0)
            {
                return unreadable;
            }

            steps.Add(new Step(null, function, Arguments(inner[(i + 1)..end])));
            i = end + 1;
        }

        string? separator = null;
        i = Skip(inner, i);
        if (i < inner.Length && inner[i] == ',')
        {
            i = Skip(inner, i + 1);
            var close = i < inner.Length && inner[i] == '\'' ? inner.IndexOf('\'', i + 1) : -1;
            if (close < 0)
            {
                return unreadable;
            }

            separator = inner[(i + 1)..close];
            i = Skip(inner, close + 1);
        }

        return i == inner.Length ? new ItemExpression(text, type, steps, separator) : unreadable;
    }

    /// <summary>
    /// The values the list gives now: the items of its type defined so far (and, when files the reader does not read
    /// may add some, one unknown item standing for them), through each step; with a separator, one value joining them.
    /// </summary>
    public List<EvaluatedItem> Evaluate(ItemTable table)
    {
        if (_type is null)
        {
            return new List<EvaluatedItem> { Unknown(Written) };
        }

        var items = table.Of(_type).ToList();
        if (table.MayAddItems(_type))
        {
            items.Add(EvaluatedItem.FromOutside(_type));
        }

        foreach (var step in _steps)
        {
            items = step.Transform is { } transform ? Transform(table, items, transform) : Function(table, items, step.Function!, step.Arguments);
        }

        if (_separator is null)
        {
            return items;
        }

        var joined = string.Join(_separator, items.Select(i => i.Include));
        return new List<EvaluatedItem> { Value(joined, items.SelectMany(i => i.Unresolved).Distinct(StringComparer.Ordinal).ToList()) };
    }

    /// <summary>The list <paramref name="written"/> names as one text, as a metadata value or a transform reads it (joined with ';' or its separator).</summary>
    public static MSBuildText.Expansion Joined(ItemTable table, string written)
    {
        if (Parse(written) is not { } expression)
        {
            return new MSBuildText.Expansion(new[] { MSBuildText.Unknown }, new[] { written });
        }

        var items = expression.Evaluate(table);
        var text = string.Join(expression._separator is null ? ";" : string.Empty, items.Select(i => i.Include));
        var unresolved = items.Where(i => i.Include.Contains(MSBuildText.Unknown[0])).SelectMany(i => i.Unresolved).Distinct(StringComparer.Ordinal).ToList();
        return new MSBuildText.Expansion(new[] { text }, unresolved);
    }

    /// <summary>Each item through the transform, keeping its metadata (an empty result is no item, as in MSBuild).</summary>
    private static List<EvaluatedItem> Transform(ItemTable table, List<EvaluatedItem> items, string transform)
    {
        var results = new List<EvaluatedItem>();
        foreach (var item in items)
        {
            var expansion = ItemMetadata.Substitute(table, item, transform);
            foreach (var value in expansion.Values.Where(v => v.Trim().Length > 0))
            {
                results.Add(Derived(item, value, expansion.Unresolved, item.Metadata));
            }
        }

        return results;
    }

    /// <summary>
    /// MSBuild's item functions that select items or read metadata. Order and duplicates do not change which paths a
    /// list may hold, so Distinct, Reverse and Exists keep the list; a metadata the reader cannot decide keeps the item.
    /// </summary>
    private static List<EvaluatedItem> Function(ItemTable table, List<EvaluatedItem> items, string function, IReadOnlyList<string> arguments)
    {
        IEnumerable<string> Values(EvaluatedItem item) => ItemMetadata.Get(table, item, arguments[0], $"%({arguments[0]})").Values;
        bool Unknown(string value) => value.Contains(MSBuildText.Unknown[0]);
        var undecidedArgument = arguments.Any(Unknown);

        switch (function.ToLowerInvariant())
        {
            case "distinct" or "distinctwithcase" or "exists":
                return items;
            case "reverse":
                return Enumerable.Reverse(items).ToList();
            case "clearmetadata":
                return items.Select(i => Derived(i, i.Include, i.Unresolved, null)).ToList();
            case "hasmetadata" when arguments.Count == 1 && !undecidedArgument:
                return items.Where(i => Values(i).Any(v => Unknown(v) || v.Length > 0)).ToList();
            case "withmetadatavalue" when arguments.Count == 2 && !undecidedArgument:
                return items.Where(i => Values(i).Any(v => Unknown(v) || v.Equals(arguments[1], StringComparison.OrdinalIgnoreCase))).ToList();
            case "withoutmetadatavalue" when arguments.Count == 2 && !undecidedArgument:
                return items.Where(i => Values(i).Any(v => Unknown(v) || !v.Equals(arguments[1], StringComparison.OrdinalIgnoreCase))).ToList();
            case "hasmetadata" or "withmetadatavalue" or "withoutmetadatavalue":
                return items;
            case "metadata" when arguments.Count == 1 && !undecidedArgument:
                return items.SelectMany(i =>
                {
                    var value = ItemMetadata.Get(table, i, arguments[0], $"%({arguments[0]})");
                    return value.Values.Where(v => v.Length > 0).Select(v => Derived(i, v, value.Unresolved, i.Metadata));
                }).ToList();
            default:
                return items.Count == 0 ? items : new List<EvaluatedItem> { ItemExpression.Unknown($"->{function}()") };
        }
    }

    /// <summary>A value made from <paramref name="item"/>: its type, element and (unless cleared) metadata.</summary>
    private static EvaluatedItem Derived(EvaluatedItem item, string include, IReadOnlyList<string> unresolved, Dictionary<string, MSBuildText.Expansion>? metadata)
    {
        var unknown = include.Contains(MSBuildText.Unknown[0]);
        return new EvaluatedItem(item.Type, include, unknown ? unresolved : Array.Empty<string>(), item.Element, item.File, item.BuildOutput && unknown, metadata, item.Outside);
    }

    private static EvaluatedItem Value(string include, IReadOnlyList<string> unresolved) =>
        new(string.Empty, include, unresolved, null, null, buildOutput: false);

    private static EvaluatedItem Unknown(string written) => Value(MSBuildText.Unknown, new[] { written });

    private static int Skip(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>An item type or function name: letters, digits, '_' and '-'.</summary>
    private static string Name(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-') && !(text[i] == '-' && i + 1 < text.Length && text[i + 1] == '>'))
        {
            i++;
        }

        return text[start..i];
    }

    /// <summary>A function's arguments: quoted texts split at commas outside quotes.</summary>
    private static List<string> Arguments(string text)
    {
        var arguments = new List<string>();
        var start = 0;
        char? quote = null;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && quote is not null)
            {
                quote = text[i] == quote ? null : quote;
            }
            else if (i < text.Length && text[i] is '\'' or '"' or '`')
            {
                quote = text[i];
            }
            else if (i == text.Length || text[i] == ',')
            {
                var argument = text[start..i].Trim();
                if (argument.Length >= 2 && argument[0] is '\'' or '"' or '`' && argument[^1] == argument[0])
                {
                    argument = argument[1..^1];
                }

                if (argument.Length > 0 || i < text.Length || start > 0)
                {
                    arguments.Add(argument);
                }

                start = i + 1;
            }
        }

        return arguments;
    }
}
