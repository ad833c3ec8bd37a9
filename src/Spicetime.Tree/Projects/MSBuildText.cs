using System.Text;

namespace Spicetime.Tree.Projects;

/// <summary>
/// Expands MSBuild text the way evaluation does: <c>$(Property)</c> and the property functions repositories use to
/// find files (<c>GetDirectoryNameOfFileAbove</c>, <c>GetPathOfFileAbove</c>, <c>Path.Combine</c>,
/// <c>NormalizeDirectory</c>, …). A property can hold several values (set under a condition the reader cannot decide),
/// so a text expands to its alternatives. What cannot be evaluated (an SDK's property, an unknown function, an item
/// list) becomes the <see cref="Unknown"/> marker, which <see cref="PathPattern"/> matches as "anything", and is
/// named in <see cref="Expansion.Unresolved"/> for the warning that says where precision was lost.
/// </summary>
public sealed partial class MSBuildText
{
    /// <summary>Stands for a part the reader could not evaluate (a character no XML document can contain).</summary>
    public const string Unknown = "\u0001";

    /// <summary>More alternatives than this collapse into one text with unknown parts.</summary>
    private const int MaxAlternatives = 8;

    private readonly Func<string, IReadOnlyList<string>?> _property;
    private readonly Func<string, string, string?> _fileAbove;
    private readonly string _thisFileDirectory;

    /// <param name="property">A property's alternatives, or null when it is not defined (MSBuild: empty).</param>
    /// <param name="fileAbove">GetDirectoryNameOfFileAbove(start, name): the full folder path, "" when none, null when it cannot be known.</param>
    /// <param name="thisFileDirectory">The full folder of the file being evaluated, with a trailing '/'.</param>
    public MSBuildText(Func<string, IReadOnlyList<string>?> property, Func<string, string, string?> fileAbove, string thisFileDirectory)
    {
        _property = property;
        _fileAbove = fileAbove;
        _thisFileDirectory = thisFileDirectory;
    }

    /// <summary>The alternatives of an expanded text, and the expressions that could not be evaluated.</summary>
    public sealed record Expansion(IReadOnlyList<string> Values, IReadOnlyList<string> Unresolved)
    {
        public bool IsExact => Values.Count == 1 && !Values[0].Contains(Unknown[0]);
    }

    public Expansion Expand(string text)
    {
        var unresolved = new List<string>();
        var values = ExpandAll(text, unresolved);
        return new Expansion(values, unresolved);
    }

    private IReadOnlyList<string> ExpandAll(string text, List<string> unresolved)
    {
        if (!text.Contains("$(", StringComparison.Ordinal) && !text.Contains("@(", StringComparison.Ordinal) && !text.Contains("%(", StringComparison.Ordinal))
        {
            return new[] { text };
        }

        var results = new List<StringBuilder> { new() };
        var i = 0;
        while (i < text.Length)
        {
            if (i + 1 < text.Length && text[i + 1] == '(' && text[i] is '$' or '@' or '%')
            {
                var end = ClosingParenthesis(text, i + 1);
                if (end < 0)
                {
                    Append(results, new[] { text[i..] });
                    break;
                }

                var inner = text[(i + 2)..end];
                var expression = text[i..(end + 1)];
                IReadOnlyList<string> parts;
                if (text[i] != '$')
                {
                    unresolved.Add(expression); // item lists and metadata exist only later in evaluation
                    parts = new[] { Unknown };
                }
                else
                {
                    parts = Evaluate(inner.Trim(), expression, unresolved);
                }

                results = Append(results, parts);
                i = end + 1;
                continue;
            }

            foreach (var builder in results)
            {
                builder.Append(text[i]);
            }

            i++;
        }

        return results.Select(b => b.ToString()).Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<StringBuilder> Append(List<StringBuilder> results, IReadOnlyList<string> parts)
    {
        if (parts.Count == 1)
        {
            foreach (var builder in results)
            {
                builder.Append(parts[0]);
            }

            return results;
        }

        if (results.Count * parts.Count > MaxAlternatives)
        {
            foreach (var builder in results)
            {
                builder.Append(Unknown);
            }

            return results;
        }

        return results.SelectMany(b => parts.Select(p => new StringBuilder(b.ToString()).Append(p))).ToList();
    }

    private IReadOnlyList<string> Evaluate(string inner, string expression, List<string> unresolved)
    {
        if (IsName(inner))
        {
            var value = _property(inner);
            if (value is null)
            {
                return new[] { string.Empty };
            }

            if (value.Any(v => v.Contains(Unknown[0])))
            {
                unresolved.Add(expression);
            }

            return value;
        }

        if (inner.StartsWith('['))
        {
            var within = new List<string>();
            var result = StaticFunction(inner, within);
            if (result is not null)
            {
                // What made the result unknown is what its arguments could not evaluate.
                unresolved.AddRange(result.Any(r => r.Contains(Unknown[0])) ? within : Array.Empty<string>());
                return result.SelectMany(r => ExpandAll(r, unresolved)).Distinct(StringComparer.Ordinal).ToList();
            }
        }
        else if (StringFunction(inner) is { } called)
        {
            return called;
        }
        else if (inner.IndexOf('.') is > 0 and var dot && IsName(inner[..dot]) && _property(inner[..dot]) is { } target && target.Any(v => v.Contains(Unknown[0])))
        {
            unresolved.Add($"$({inner[..dot]})"); // a method on a property the reader could not evaluate: that property is the cause
            return new[] { Unknown };
        }

        unresolved.Add(expression);
        return new[] { Unknown };
    }

    /// <summary>
    /// The string methods repositories call on a property in conditions and names (<c>$(MSBuildProjectName.EndsWith('Tests'))</c>,
    /// <c>$(Name.ToLower())</c>, <c>$(Path.TrimEnd('/'))</c>), on each of its values; null for any other call, or when a
    /// value is unknown.
    /// </summary>
    private IReadOnlyList<string>? StringFunction(string inner)
    {
        var dot = inner.IndexOf('.');
        var open = inner.IndexOf('(');
        if (dot <= 0 || open < dot || !inner.EndsWith(')') || !IsName(inner[..dot]) || ClosingParenthesis(inner, open) != inner.Length - 1)
        {
            return null;
        }

        var method = inner[(dot + 1)..open].Trim();
        var unresolved = new List<string>();
        var args = Arguments(inner[(open + 1)..^1]).Select(a => ExpandAll(a, unresolved)).ToList();
        if (args.Any(a => a.Count != 1 || a[0].Contains(Unknown[0])))
        {
            return null;
        }

        var values = _property(inner[..dot]) ?? new[] { string.Empty };
        if (values.Any(v => v.Contains(Unknown[0])))
        {
            return null;
        }

        var a = args.Select(x => x[0]).ToList();
        var results = new List<string>();
        foreach (var value in values)
        {
            if (StringMethod(value, method, a) is not { } result)
            {
                return null;
            }

            results.Add(result);
        }

        return results.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A string method MSBuild lets a property function call on a value; null for any other.</summary>
    private static string? StringMethod(string value, string method, IReadOnlyList<string> a) =>
        (method, a.Count) switch
        {
            ("EndsWith", 1) => Bool(value.EndsWith(a[0], StringComparison.Ordinal)),
            ("StartsWith", 1) => Bool(value.StartsWith(a[0], StringComparison.Ordinal)),
            ("Contains", 1) => Bool(value.Contains(a[0], StringComparison.Ordinal)),
            ("Equals", 1) => Bool(value.Equals(a[0], StringComparison.Ordinal)),
            ("Replace", 2) => a[0].Length == 0 ? null : value.Replace(a[0], a[1]),
            ("ToLower" or "ToLowerInvariant", 0) => value.ToLowerInvariant(),
            ("ToUpper" or "ToUpperInvariant", 0) => value.ToUpperInvariant(),
            ("Trim", 0) => value.Trim(),
            ("TrimEnd", 0) => value.TrimEnd(),
            ("TrimStart", 0) => value.TrimStart(),
            ("Trim", 1) => value.Trim(a[0].ToCharArray()),
            ("TrimEnd", 1) => value.TrimEnd(a[0].ToCharArray()),
            ("TrimStart", 1) => value.TrimStart(a[0].ToCharArray()),
            _ => null,
        };

    private static string Bool(bool value) => value ? "True" : "False";

    private static bool IsName(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_')
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>The index of the ')' that closes the '(' at <paramref name="open"/>, or -1; quoted text is skipped.</summary>
    public static int ClosingParenthesis(string text, int open)
    {
        var scan = new Nesting();
        for (var i = open; i < text.Length; i++)
        {
            if (scan.Step(text[i]) && scan.Depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A function's arguments split at top-level commas, quotes removed.</summary>
    private static IEnumerable<string> Arguments(string text)
    {
        var start = 0;
        var scan = new Nesting();
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (scan.AtTop && text[i] == ','))
            {
                var arg = text[start..i].Trim();
                if (arg.Length >= 2 && arg[0] is '\'' or '"' or '`' && arg[^1] == arg[0])
                {
                    arg = arg[1..^1];
                }

                if (arg.Length > 0 || i < text.Length || start > 0)
                {
                    yield return arg;
                }

                start = i + 1;
                continue;
            }

            scan.Step(text[i]);
        }
    }

    /// <summary>Parentheses and MSBuild's three quotes while scanning an expression, one character at a time.</summary>
    private struct Nesting
    {
        private char? _quote;

        public int Depth { get; private set; }

        public readonly bool AtTop => _quote is null && Depth == 0;

        /// <summary>Takes the next character; true when it closes a parenthesis outside quotes.</summary>
        public bool Step(char c)
        {
            if (_quote is not null)
            {
                _quote = c == _quote ? null : _quote;
                return false;
            }

            if (c is '\'' or '"' or '`')
            {
                _quote = c;
            }
            else if (c == '(')
            {
                Depth++;
            }
            else if (c == ')')
            {
                Depth--;
                return true;
            }

            return false;
        }
    }
}
