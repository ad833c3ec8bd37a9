using System.Collections.Concurrent;
using System.Globalization;

namespace Spicetime.Tree.Projects;

/// <summary>What a condition the reader evaluated comes to.</summary>
public enum Truth
{
    False,
    True,

    /// <summary>It depends on what the reader cannot know (an SDK's property, a target framework of a multi-targeted build).</summary>
    Unknown,
}

/// <summary>
/// Evaluates an MSBuild condition (<c>'$(A)' == 'x' and !Exists('...')</c>) to true, false or unknown, with MSBuild's
/// grammar: <c>or</c> binds looser than <c>and</c>, <c>!</c>, parentheses, the comparisons (strings compare without
/// case), <c>Exists</c> and <c>HasTrailingSlash</c>. Anything it cannot decide is <see cref="Truth.Unknown"/>: the
/// reader then takes both ways, which is what the build does across its configurations and target frameworks.
/// </summary>
public sealed class MSBuildCondition
{
    private readonly MSBuildText _text;
    private readonly Func<string, bool?> _exists;
    private readonly List<string> _tokens;
    private int _at;

    private MSBuildCondition(string condition, MSBuildText text, Func<string, bool?> exists, ConcurrentDictionary<string, List<string>?>? tokens)
    {
        _text = text;
        _exists = exists;
        _tokens = (tokens is null ? TokenizeOrNull(condition) : tokens.GetOrAdd(condition, TokenizeOrNull)) ?? throw new FormatException(condition);
    }

    /// <param name="exists">Exists(path) for an expanded path: null when it cannot be known (outside the folder).</param>
    /// <param name="tokens">
    /// Conditions already tokenized, by text: the same conditions come back for every project that imports a file, so a
    /// reader of many projects (<see cref="ProjectReader"/>) keeps one; null to tokenize now.
    /// </param>
    public static Truth Evaluate(string? condition, MSBuildText text, Func<string, bool?> exists, ConcurrentDictionary<string, List<string>?>? tokens = null)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return Truth.True;
        }

        try
        {
            var parser = new MSBuildCondition(condition, text, exists, tokens);
            var result = parser.Or();
            return parser._at == parser._tokens.Count ? result : Truth.Unknown;
        }
        catch (FormatException)
        {
            return Truth.Unknown; // MSBuild reports a malformed condition when it builds; here both ways count
        }
    }

    private static List<string>? TokenizeOrNull(string condition)
    {
        try
        {
            return Tokenize(condition);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static Truth And(Truth a, Truth b) =>
        a == Truth.False || b == Truth.False ? Truth.False : a == Truth.True && b == Truth.True ? Truth.True : Truth.Unknown;

    private Truth Or()
    {
        var left = And();
        while (Accept("or"))
        {
            var right = And();
            left = left == Truth.True || right == Truth.True ? Truth.True : left == Truth.False && right == Truth.False ? Truth.False : Truth.Unknown;
        }

        return left;
    }

    private Truth And()
    {
        var left = Unary();
        while (Accept("and"))
        {
            left = And(left, Unary());
        }

        return left;
    }

    private Truth Unary()
    {
        if (Accept("!"))
        {
            return Unary() switch { Truth.True => Truth.False, Truth.False => Truth.True, _ => Truth.Unknown };
        }

        if (Accept("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }

        var left = Next();
        if (Peek() == "(" && IsFunction(left))
        {
            Expect("(");
            var argument = Next();
            Expect(")");
            return Function(left, argument);
        }

        var op = Peek();
        if (op is "==" or "!=" or "<" or ">" or "<=" or ">=")
        {
            _at++;
            return Compare(left, op, Next());
        }

        return Boolean(left);
    }

    private Truth Function(string name, string argument)
    {
        var values = Values(argument);
        if (values is null)
        {
            return Truth.Unknown;
        }

        if (name.Equals("HasTrailingSlash", StringComparison.OrdinalIgnoreCase))
        {
            return All(values.Select(v => (bool?)(v.EndsWith('/') || v.EndsWith('\\'))));
        }

        return All(values.Select(v => v.Trim().Length == 0 ? false : _exists(v.Trim())));
    }

    private Truth Compare(string left, string op, string right)
    {
        var a = Values(left);
        var b = Values(right);
        if (a is null || b is null)
        {
            return Truth.Unknown;
        }

        var results = new List<bool?>();
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                results.Add(op switch
                {
                    "==" => string.Equals(x.Trim(), y.Trim(), StringComparison.OrdinalIgnoreCase),
                    "!=" => !string.Equals(x.Trim(), y.Trim(), StringComparison.OrdinalIgnoreCase),
                    _ => Numeric(x, op, y),
                });
            }
        }

        return All(results);
    }

    private static bool? Numeric(string x, string op, string y)
    {
        if (double.TryParse(x.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(y.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
        {
            return op switch { "<" => a < b, ">" => a > b, "<=" => a <= b, _ => a >= b };
        }

        if (Version.TryParse(x.Trim().TrimStart('v', 'V'), out var v) && Version.TryParse(y.Trim().TrimStart('v', 'V'), out var w))
        {
            var c = v.CompareTo(w);
            return op switch { "<" => c < 0, ">" => c > 0, "<=" => c <= 0, _ => c >= 0 };
        }

        return null;
    }

    private Truth Boolean(string token)
    {
        var values = Values(token);
        if (values is null)
        {
            return Truth.Unknown;
        }

        return All(values.Select(v => v.Trim().ToLowerInvariant() switch
        {
            "true" or "on" or "yes" or "!false" or "!off" or "!no" => true,
            "false" or "off" or "no" or "!true" or "!on" or "!yes" => false,
            _ => (bool?)null,
        }));
    }

    private static Truth All(IEnumerable<bool?> results)
    {
        var list = results.ToList();
        if (list.Count == 0 || list.Any(r => r is null))
        {
            return Truth.Unknown;
        }

        return list.All(r => r == true) ? Truth.True : list.All(r => r == false) ? Truth.False : Truth.Unknown;
    }

    /// <summary>A token's expanded alternatives; null when one holds an unknown part.</summary>
    private IReadOnlyList<string>? Values(string token)
    {
        var raw = token.Length >= 2 && token[0] == '\'' && token[^1] == '\'' ? token[1..^1] : token;
        var expanded = _text.Expand(raw).Values;
        return expanded.Any(v => v.Contains(MSBuildText.Unknown[0])) ? null : expanded;
    }

    private static bool IsFunction(string token) =>
        token.Equals("Exists", StringComparison.OrdinalIgnoreCase) || token.Equals("HasTrailingSlash", StringComparison.OrdinalIgnoreCase);

    private bool Accept(string token)
    {
        if (_at < _tokens.Count && string.Equals(_tokens[_at], token, StringComparison.OrdinalIgnoreCase))
        {
            _at++;
            return true;
        }

        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw new FormatException(token);
        }
    }

    private string? Peek() => _at < _tokens.Count ? _tokens[_at] : null;

    private string Next() => _at < _tokens.Count ? _tokens[_at++] : throw new FormatException("end");

    /// <summary>Quoted strings, $(...) expressions, operators, parentheses and bare words.</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var end = i + 1;
                while (end < text.Length && text[end] != '\'')
                {
                    // a quoted string may hold $(...) with its own quotes: skip the expression whole
                    if (text[end] is '$' or '@' or '%' && end + 1 < text.Length && text[end + 1] == '(')
                    {
                        var close = MSBuildText.ClosingParenthesis(text, end + 1);
                        end = close < 0 ? text.Length : close + 1;
                        continue;
                    }

                    end++;
                }

                if (end >= text.Length)
                {
                    throw new FormatException("unterminated string");
                }

                tokens.Add(text[i..(end + 1)]);
                i = end + 1;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var two = i + 1 < text.Length && text[i + 1] == '=';
                tokens.Add(two ? text.Substring(i, 2) : c.ToString());
                i += two ? 2 : 1;
            }
            else
            {
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('(' or ')' or '=' or '!' or '<' or '>' or '\''))
                {
                    end++;
                }

                if (end < text.Length && text[end] == '(' && end > i && text[end - 1] is '$' or '@' or '%')
                {
                    var close = MSBuildText.ClosingParenthesis(text, end);
                    end = close < 0 ? text.Length : close + 1;
                    while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not (')' or '=' or '!' or '<' or '>'))
                    {
                        end++;
                    }
                }

                if (end == i)
                {
                    throw new FormatException(text[i..]);
                }

                tokens.Add(text[i..end]);
                i = end;
            }
        }

        return tokens;
    }
}
