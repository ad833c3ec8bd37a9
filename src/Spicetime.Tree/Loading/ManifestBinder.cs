using System.Text.RegularExpressions;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Json;
using Spicetime.Tree.Model;
using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Loading;

/// <summary>
/// The checks every value of tree.json goes through, each problem reported with its position: the expected JSON kind,
/// known keys without duplicates (SPT0105, SPT0110, SPT0122), names, lists of names, versions without white space
/// around them, and paths that stay inside the repository (<see cref="RepositoryBoundary"/>).
/// </summary>
internal sealed partial class ManifestBinder
{
    private readonly DiagnosticBag _diagnostics;
    private readonly RepositoryBoundary _boundary;

    public ManifestBinder(DiagnosticBag diagnostics, RepositoryBoundary boundary)
    {
        _diagnostics = diagnostics;
        _boundary = boundary;
    }

    public DiagnosticBag Diagnostics => _diagnostics;

    public bool Expect(PositionedJson json, JsonKind kind, string what, string? expected = null)
    {
        if (json.Kind == kind)
        {
            return true;
        }

        _diagnostics.Report(DiagnosticCodes.WrongType, json.Position,
            $"{char.ToUpperInvariant(what[0])}{what[1..]} must be {expected ?? PositionedJson.Describe(kind)}, not {PositionedJson.Describe(json.Kind)}");
        return false;
    }

    /// <summary>The object's properties, reporting duplicates (SPT0110) and, when <paramref name="allowed"/> is given, unknown keys (SPT0105; SPT0122 for a slip of a key that changes meaning).</summary>
    public IEnumerable<PositionedJsonProperty> Properties(PositionedJson json, string[]? allowed, string where,
        StringComparer? comparer = null)
    {
        var seen = new HashSet<string>(comparer ?? StringComparer.Ordinal);
        foreach (var property in json.Properties)
        {
            if (!seen.Add(property.Name))
            {
                _diagnostics.Report(DiagnosticCodes.DuplicateKey, property.NamePosition,
                    $"'{property.Name}' appears more than once in {where}; keep one");
                continue;
            }

            if (allowed is not null && !allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                if (KeySlip.Of(property.Name, allowed) is { } meant)
                {
                    _diagnostics.Report(DiagnosticCodes.MisspeltKey, property.NamePosition,
                        $"Unknown key '{property.Name}' in {where} looks like '{meant}'; ignoring it would change what the tree means, so write '{meant}' (or remove the key)");
                    continue;
                }

                _diagnostics.Report(DiagnosticCodes.UnknownKey, property.NamePosition,
                    $"Unknown key '{property.Name}' in {where} is ignored{NameSuggester.DidYouMean(property.Name, allowed)}");
                continue;
            }

            yield return property;
        }
    }

    public bool CheckName(string name, SourcePosition position, string what)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            _diagnostics.Report(DiagnosticCodes.InvalidName, position, $"A {what} name cannot be empty");
            return false;
        }

        if (what == "branch" && (!BranchPattern().IsMatch(name) || name.Contains("..")))
        {
            _diagnostics.Report(DiagnosticCodes.InvalidName, position,
                $"'{name}' is not a valid {what} name: no spaces, control characters, '..' or any of ~^:?*[\\");
            return false;
        }

        if (what != "branch" && name.Any(char.IsControl))
        {
            _diagnostics.Report(DiagnosticCodes.InvalidName, position, $"'{name}' is not a valid {what} name: no control characters");
            return false;
        }

        return true;
    }

    public List<Located<string>> ReadNameList(PositionedJson json, string where, string what)
    {
        var names = new List<Located<string>>();
        if (!Expect(json, JsonKind.Array, where))
        {
            return names;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in json.Items)
        {
            if (Expect(item, JsonKind.String, $"an element of {where}") && CheckName(item.Text!, item.Position, what))
            {
                if (seen.Add(item.Text!))
                {
                    names.Add(new Located<string>(item.Text!, item.Position));
                }
                else
                {
                    _diagnostics.Report(DiagnosticCodes.DuplicateKey, item.Position, $"'{item.Text}' is listed twice in {where}");
                }
            }
        }

        return names;
    }

    /// <summary>
    /// NuGet trims the version text it parses; the tree does not accept it untrimmed, so that " 13.0.3" and "13.0.3"
    /// are never two values of one pin that compare unequal for the lock, the cascade and affected.
    /// </summary>
    public bool HasWhiteSpaceAround(string version, SourcePosition position, string what)
    {
        if (version.Length == 0 || (!char.IsWhiteSpace(version[0]) && !char.IsWhiteSpace(version[^1])))
        {
            return false;
        }

        _diagnostics.Report(DiagnosticCodes.InvalidVersion, position, $"'{version}' for {what} has white space around it; write \"{version.Trim()}\"");
        return true;
    }

    /// <summary>A path of tree.json, cleaned ('/' separators, no "./" prefix, no trailing '/'; "." for the tree's own folder), or null when it is not one.</summary>
    public Located<string>? ReadPath(PositionedJson value, string where)
    {
        if (!CheckRelativeFile(value, where))
        {
            return null;
        }

        return new Located<string>(RepositoryPath.Clean(value.Text!), value.Position);
    }

    /// <summary>Files, globs and fork folders are relative to tree.json's folder and stay inside it.</summary>
    public bool CheckRelativeFile(PositionedJson value, string where)
    {
        var text = value.Text!;
        if (text.Length == 0)
        {
            _diagnostics.Report(DiagnosticCodes.InvalidName, value.Position, $"An empty path in {where}");
            return false;
        }

        if (text.Any(char.IsControl))
        {
            var shown = string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
            _diagnostics.Report(DiagnosticCodes.InvalidPath, value.Position,
                $"'{shown}' in {where} holds a control character, which no file name can; write the path without it");
            return false;
        }

        if (RepositoryBoundary.IsOutsideAsWritten(text))
        {
            _diagnostics.Report(DiagnosticCodes.PathOutsideRepository, value.Position,
                $"'{text}' in {where} points outside the repository; paths are relative to the folder of tree.json ({_boundary.Folder}) and stay inside it");
            return false;
        }

        if (_boundary.EscapingLink(RepositoryPath.Clean(text)) is { } link)
        {
            _diagnostics.Report(DiagnosticCodes.PathOutsideRepository, value.Position,
                $"'{text}' in {where} leads outside the repository through the symbolic link '{link.Path}' (to {link.Target}); paths stay inside the folder of tree.json ({_boundary.Folder}), links included");
            return false;
        }

        return true;
    }

    // git check-ref-format, simplified: no spaces, control characters or ~^:?*[\ and no leading '-' or trailing '/' or '.'.
    private const string BranchRegex = @"^(?!-)[^\s~^:?*\[\\\x00-\x1f\x7f]+(?<![/.])$";

#if NET
    [GeneratedRegex(BranchRegex, RegexOptions.CultureInvariant)]
    private static partial Regex BranchPattern();
#else
    // .NET Framework (Visual Studio's MSBuild) has no regex source generator.
    private static readonly Regex Branch = new(BranchRegex, RegexOptions.CultureInvariant);
    private static Regex BranchPattern() => Branch;
#endif
}
