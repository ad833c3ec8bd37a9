using System.Text.RegularExpressions;
using NuGet.Versioning;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Json;
using Spicetime.Tree.Model;
using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Loading;

/// <summary>
/// Reads what a scope contributes (a named scope, a node's inline override or extension): packages with their versions
/// or ranges, MSBuild properties, contracts, shared projects and paths, and the contract keys <c>breaking</c> and
/// <c>accept</c>.
/// </summary>
internal sealed partial class ScopeReader
{
    private readonly ManifestBinder _binder;
    private readonly DiagnosticBag _diagnostics;

    public ScopeReader(ManifestBinder binder)
    {
        _binder = binder;
        _diagnostics = binder.Diagnostics;
    }

    private delegate bool EntryCheck(PositionedJsonProperty property, string value, string where);

    public ScopeContent Read(PositionedJson json, string where, string[] allowedKeys)
    {
        var content = new ScopeContent();
        if (!_binder.Expect(json, JsonKind.Object, where))
        {
            return content;
        }

        foreach (var property in _binder.Properties(json, allowedKeys, where))
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "packages":
                    ReadMap(value, EntryKind.Package, $"'packages' of {where}", content, CheckPackage);
                    break;
                case "properties":
                    ReadMap(value, EntryKind.Property, $"'properties' of {where}", content, CheckProperty);
                    break;
                case "contracts":
                    ReadMap(value, EntryKind.Contract, $"'contracts' of {where}", content, CheckContract);
                    break;
                case "projects":
                    ReadList(value, EntryKind.Project, $"'projects' of {where}", content);
                    break;
                case "paths":
                    ReadList(value, EntryKind.Path, $"'paths' of {where}", content);
                    break;
                case "breaking":
                    if (_binder.Expect(value, JsonKind.Boolean, $"'breaking' of {where}"))
                    {
                        content.Breaking = value.Text == "true";
                    }

                    break;
                case "accept":
                    ReadAccept(value, where, content);
                    break;
                case "description":
                    _binder.Expect(value, JsonKind.String, $"'description' of {where}");
                    break;
            }
        }

        return content;
    }

    private void ReadAccept(PositionedJson value, string where, ScopeContent content)
    {
        if (!_binder.Expect(value, JsonKind.Array, $"'accept' of {where}"))
        {
            return;
        }

        foreach (var item in value.Items)
        {
            if (_binder.Expect(item, JsonKind.String, $"an item of 'accept' of {where}") && !string.IsNullOrWhiteSpace(item.Text))
            {
                content.Accept.Add(new Located<string>(item.Text!, item.Position));
            }
        }
    }

    private void ReadMap(PositionedJson json, EntryKind kind, string where, ScopeContent content, EntryCheck check)
    {
        if (!_binder.Expect(json, JsonKind.Object, where))
        {
            return;
        }

        content.Declare(kind);
        foreach (var property in _binder.Properties(json, null, where, kind.KeyComparer()))
        {
            var value = property.Value;
            string? text = value.Kind switch
            {
                JsonKind.String => value.Text,
                // MSBuild property values are text; accept true/false/numbers and keep them as written.
                JsonKind.Boolean or JsonKind.Number when kind == EntryKind.Property => value.Text,
                _ => null,
            };
            if (text is null)
            {
                var expected = kind == EntryKind.Property ? "a string, number or boolean" : "a string";
                _binder.Expect(value, JsonKind.String, $"'{property.Name}' in {where}", expected);
                continue;
            }

            if (check(property, text, where))
            {
                content.Add(new ContentEntry(kind,
                    new Located<string>(property.Name, property.NamePosition),
                    new Located<string>(text, value.Position)));
            }
        }
    }

    private void ReadList(PositionedJson json, EntryKind kind, string where, ScopeContent content)
    {
        if (!_binder.Expect(json, JsonKind.Array, where))
        {
            return;
        }

        content.Declare(kind);
        foreach (var item in json.Items)
        {
            if (_binder.Expect(item, JsonKind.String, $"an element of {where}") && _binder.CheckRelativeFile(item, where))
            {
                var located = new Located<string>(RepositoryPath.Clean(item.Text!), item.Position);
                content.Add(new ContentEntry(kind, located, located));
            }
        }
    }

    private bool CheckPackage(PositionedJsonProperty property, string version, string where)
    {
        var ok = true;
        if (property.Name.Length > 100 || !PackageIdPattern().IsMatch(property.Name))
        {
            _diagnostics.Report(DiagnosticCodes.InvalidPackageId, property.NamePosition,
                $"'{property.Name}' in {where} is not a valid NuGet package id (letters, digits, '_', separated by '.' or '-', at most 100 characters)");
            ok = false;
        }

        if (_binder.HasWhiteSpaceAround(version, property.Value.Position, $"package {property.Name} in {where}"))
        {
            ok = false;
        }
        else if (!VersionRange.TryParse(version, out _))
        {
            _diagnostics.Report(DiagnosticCodes.InvalidVersion, property.Value.Position,
                $"'{version}' is not a valid version or version range for package {property.Name} in {where}; write e.g. \"13.0.3\" or \"[4.0.0,5.0.0)\"");
            ok = false;
        }

        return ok;
    }

    private bool CheckProperty(PositionedJsonProperty property, string value, string where)
    {
        if (PropertyNamePattern().IsMatch(property.Name))
        {
            return true;
        }

        _diagnostics.Report(DiagnosticCodes.InvalidPropertyName, property.NamePosition,
            $"'{property.Name}' in {where} is not a valid MSBuild property name (a letter or '_', then letters, digits, '_' or '-')");
        return false;
    }

    private bool CheckContract(PositionedJsonProperty property, string file, string where)
    {
        if (!_binder.CheckName(property.Name, property.NamePosition, "contract"))
        {
            return false;
        }

        return _binder.CheckRelativeFile(property.Value, $"contract '{property.Name}' in {where}");
    }

    // NuGet's own rule for package ids.
    private const string PackageIdRegex = @"^\w+([.-]\w+)*$";
    private const string PropertyNameRegex = @"^[A-Za-z_][A-Za-z0-9_\-]*$";

#if NET
    [GeneratedRegex(PackageIdRegex, RegexOptions.CultureInvariant)]
    private static partial Regex PackageIdPattern();

    [GeneratedRegex(PropertyNameRegex, RegexOptions.CultureInvariant)]
    private static partial Regex PropertyNamePattern();
#else
    // .NET Framework (Visual Studio's MSBuild) has no regex source generator.
    private static readonly Regex PackageId = new(PackageIdRegex, RegexOptions.CultureInvariant);
    private static readonly Regex PropertyName = new(PropertyNameRegex, RegexOptions.CultureInvariant);
    private static Regex PackageIdPattern() => PackageId;
    private static Regex PropertyNamePattern() => PropertyName;
#endif
}
