using System.Xml;
using System.Xml.Linq;
using NuGet.Frameworks;
using NuGet.Versioning;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Build;

/// <summary>A version Directory.Packages.props pins for every project (Central Package Management), and the file that pins it.</summary>
public sealed record CentralPin(string Id, string Version, string File);

/// <summary>
/// Central Package Management with transitive pinning makes every central version a floor and a ceiling for the whole
/// graph: a package a node sets (often a fork's override of a newer version) that depends on a newer version of a
/// pinned package fails NuGet's restore with NU1109, on a package the tree never named. Before that restore, this says
/// which tree entry needs what, against which pin, and what to add to the node (SPT0305): the node's own entry for the
/// pinned package replaces the pin for the node's projects only, and the parent keeps its pins.
/// The dependencies come from the packages' .nuspec files in the global packages folder (NuGet's own layout, the
/// nearest dependency group for each target framework, as NuGet picks it). A package not downloaded yet cannot be read:
/// <see cref="Result.Pending"/> says so; those the node sets at another version than the pins (<see cref="Result.ToFetch"/>,
/// a fork's override or extension: where such a conflict comes from) are fetched first (<see cref="PackageFetch"/>) and checked again, so
/// the first restore after an override already stops here; the rest are checked on the next restore.
/// One level of dependencies: what a dependency itself needs is NuGet's to report.
/// </summary>
public static class CentralPinCheck
{
    /// <param name="Pending">Packages the global packages folder does not hold yet, so not checked.</param>
    /// <param name="ToFetch">Of those, the ones an override or an extension sets (a scope's definition is the parent's to restore first).</param>
    public sealed record Result(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<PendingPackage> Pending, IReadOnlyList<PendingPackage> ToFetch);

    /// <param name="treeFile">tree.json, where the diagnostics point (at the entry that needs the newer version).</param>
    /// <param name="branch">The node, for the message.</param>
    /// <param name="packages">The node's packages (id → version or range, with provenance).</param>
    /// <param name="pins">Directory.Packages.props' versions, without the node's own.</param>
    /// <param name="targetFrameworks">The project's target frameworks (TargetFramework or TargetFrameworks).</param>
    /// <param name="packagesFolder">The global packages folder NuGet restores into.</param>
    public static Result Check(string treeFile, string branch, IReadOnlyList<NodeEntry> packages, IReadOnlyList<CentralPin> pins,
        IReadOnlyList<string> targetFrameworks, string packagesFolder)
    {
        var diagnostics = new List<Diagnostic>();
        var pending = new List<PendingPackage>();
        var toFetch = new List<PendingPackage>();
        var pinned = new Dictionary<string, CentralPin>(StringComparer.OrdinalIgnoreCase);
        foreach (var pin in pins)
        {
            pinned[pin.Id] = pin;
        }

        var own = new HashSet<string>(packages.Select(p => p.Key), StringComparer.OrdinalIgnoreCase);
        var frameworks = targetFrameworks.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => NuGetFramework.Parse(f.Trim())).ToList();
        if (frameworks.Count == 0 || pinned.Count == 0)
        {
            return new Result(diagnostics, pending, toFetch);
        }

        foreach (var package in packages)
        {
            if (!VersionRange.TryParse(package.Value, out var range) || range.MinVersion is not { } version)
            {
                continue;
            }

            var nuspec = NuspecPath(packagesFolder, package.Key, version);
            if (!File.Exists(nuspec))
            {
                var missing = new PendingPackage(package.Key, version.ToNormalizedString());
                pending.Add(missing);
                if (package.Source.Origin != EntryOrigin.Definition)
                {
                    toFetch.Add(missing);
                }

                continue;
            }

            IReadOnlyList<(string Id, VersionRange Range)> needs;
            try
            {
                needs = Dependencies(nuspec, frameworks);
            }
            catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
            {
                continue; // NuGet reports a broken package itself.
            }

            foreach (var (id, needed) in needs)
            {
                if (own.Contains(id) || !pinned.TryGetValue(id, out var pin) || !NuGetVersion.TryParse(pin.Version, out var pinVersion)
                    || needed.Satisfies(pinVersion) || needed.MinVersion is null || pinVersion >= needed.MinVersion)
                {
                    continue;
                }

                var least = needed.MinVersion.ToNormalizedString();
                var at = PositionIn(pin.File, pin.Id); // read only for a conflict: a build with many pins pays nothing
                diagnostics.Add(DiagnosticCodes.CentralPinTooLow.Create(
                    $"{package.Key} {version.ToNormalizedString()} ({package.Source.Describe()}) needs {id} {needed.PrettyPrint()}, but {Path.GetFileName(pin.File)}({at.Line},{at.Column}) pins {id} {pin.Version} for every project (CentralPackageTransitivePinningEnabled), so NuGet would fail {branch}'s restore (NU1109). " +
                    $"Add \"{id}\": \"{least}\" where {branch} sets {package.Key} (its projects then get {least}; the pin stays as it is for the others), or raise the pin",
                    treeFile, package.Source.Position));
            }
        }

        return new Result(diagnostics, pending, toFetch);
    }

    /// <summary>Where NuGet extracts a package's .nuspec: {folder}/{id}/{version}/{id}.nuspec, lowercased.</summary>
    public static string NuspecPath(string packagesFolder, string id, NuGetVersion version)
    {
        var lower = id.ToLowerInvariant();
        return Path.Combine(packagesFolder, lower, version.ToNormalizedString().ToLowerInvariant(), lower + ".nuspec");
    }

    /// <summary>The dependencies a package declares for the given frameworks (the nearest group for each, as NuGet chooses).</summary>
    public static IReadOnlyList<(string Id, VersionRange Range)> Dependencies(string nuspecFile, IReadOnlyList<NuGetFramework> frameworks)
    {
        var document = XDocument.Load(nuspecFile);
        var dependencies = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "dependencies");
        if (dependencies is null)
        {
            return Array.Empty<(string, VersionRange)>();
        }

        var groups = dependencies.Elements().Where(e => e.Name.LocalName == "group")
            .Select(g => new DependencyGroup(g.Attribute("targetFramework") is { } tf ? NuGetFramework.Parse(tf.Value) : NuGetFramework.AnyFramework, g))
            .ToList();
        var chosen = new List<XElement>();
        if (groups.Count == 0)
        {
            chosen.Add(dependencies);
        }
        else
        {
            foreach (var framework in frameworks)
            {
                var nearest = NuGetFrameworkUtility.GetNearest(groups, framework, g => g.Framework);
                if (nearest is not null)
                {
                    chosen.Add(nearest.Element);
                }
            }
        }

        return chosen.SelectMany(g => g.Elements().Where(e => e.Name.LocalName == "dependency"))
            .Select(d => (Id: d.Attribute("id")?.Value ?? string.Empty, Range: VersionRange.TryParse(d.Attribute("version")?.Value ?? string.Empty, out var r) ? r : VersionRange.All))
            .Where(d => d.Id.Length > 0)
            .ToList();
    }

    private sealed record DependencyGroup(NuGetFramework Framework, XElement Element);

    /// <summary>Where Directory.Packages.props writes &lt;PackageVersion Include="id"&gt; (line and column), or none.</summary>
    public static SourcePosition PositionIn(string file, string id)
    {
        try
        {
            var document = XDocument.Load(file, LoadOptions.SetLineInfo);
            var element = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "PackageVersion"
                && string.Equals(e.Attribute("Include")?.Value, id, StringComparison.OrdinalIgnoreCase));
            return element is IXmlLineInfo info && info.HasLineInfo() ? new SourcePosition(info.LineNumber, info.LinePosition) : SourcePosition.None;
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            return SourcePosition.None;
        }
    }
}
