using System.Xml;
using System.Xml.Linq;

using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected;

/// <summary>A package whose central version changed in a Directory.Packages.props.</summary>
public sealed record CentralVersionChange(string Id, string? Before, string? After)
{
    /// <summary>The change as a reason's first link carries it: "PackageVersion Serilog 4.0.0 -> 4.2.0".</summary>
    public EntryChange ToEntryChange() => new($"PackageVersion {Id}", Before, After, null);

}

/// <summary>
/// What changed in a Directory.Packages.props between two revisions: the PackageVersion items whose version changed
/// (those affect only the projects that use the package), or <see cref="Everything"/> with the reason when something
/// else changed (a property such as <c>CentralPackageTransitivePinningEnabled</c>, a GlobalPackageReference, an
/// import, or a file that is not XML at one revision), which affects every project under it.
/// </summary>
public sealed record CentralPackageChanges(IReadOnlyList<CentralVersionChange> Versions, string? Everything)
{
    /// <summary>The <see cref="Everything"/> of a change that is not only to PackageVersion items.</summary>
    public const string OutsideVersions = "a change outside PackageVersion items";

    /// <summary>CentralPackageTransitivePinningEnabled is on at either revision: a version also pins transitive packages.</summary>
    public bool TransitivePinning { get; init; }

    public static CentralPackageChanges Compare(byte[]? before, byte[]? after)
    {
        if (before is null || after is null)
        {
            return new(Array.Empty<CentralVersionChange>(), before is null ? "added" : "removed");
        }

        var old = Read(before);
        var now = Read(after);
        if (old is null || now is null)
        {
            return new(Array.Empty<CentralVersionChange>(), "not XML at one revision");
        }

        if (old.Value.Others != now.Value.Others)
        {
            return new(Array.Empty<CentralVersionChange>(), OutsideVersions);
        }

        return new(Differences(old.Value.Versions, now.Value.Versions), null) { TransitivePinning = old.Value.Pinning || now.Value.Pinning };
    }

    /// <summary>Versions keyed by package and condition: a package may have one PackageVersion per target framework.</summary>
    private static List<CentralVersionChange> Differences(Dictionary<(string Id, string Condition), string> before, Dictionary<(string Id, string Condition), string> after)
    {
        var changes = new List<CentralVersionChange>();
        foreach (var (key, version) in after)
        {
            if (!before.TryGetValue(key, out var previous) || previous != version)
            {
                changes.Add(new CentralVersionChange(key.Id, Describe(previous, key.Condition), Describe(version, key.Condition)));
            }
        }

        changes.AddRange(before.Where(b => !after.ContainsKey(b.Key)).Select(b => new CentralVersionChange(b.Key.Id, Describe(b.Value, b.Key.Condition), null)));
        changes.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Id, b.Id));
        return changes;
    }

    private static string? Describe(string? version, string condition) =>
        version is null ? null : condition.Length == 0 ? version : $"{version} if {condition}";

    /// <summary>The PackageVersion items ((id, condition) → version) and the rest of the file, normalised, to compare.</summary>
    private static (Dictionary<(string Id, string Condition), string> Versions, string Others, bool Pinning)? Read(byte[] content)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(content);
            document = XDocument.Load(stream);
        }
        catch (XmlException)
        {
            return null;
        }

        var versions = new Dictionary<(string Id, string Condition), string>(new IdAndCondition());
        foreach (var item in document.Descendants().Where(e => e.Name.LocalName == "PackageVersion").ToList())
        {
            var ids = item.Attribute("Include")?.Value ?? item.Attribute("Update")?.Value;
            if (ids is null || ids.Contains("$(", StringComparison.Ordinal))
            {
                continue; // Left in the rest: a change to it affects everything.
            }

            var version = item.Attribute("Version")?.Value ?? item.Elements().FirstOrDefault(e => e.Name.LocalName == "Version")?.Value ?? string.Empty;
            var conditions = item.AncestorsAndSelf().Select(e => e.Attribute("Condition")?.Value.Trim()).OfType<string>().Reverse();
            var condition = string.Join(" and ", conditions);
            foreach (var id in MSBuildList.Items(ids))
            {
                versions[(id, condition)] = version;
            }

            item.Remove();
        }

        foreach (var comment in document.DescendantNodes().OfType<XComment>().ToList())
        {
            comment.Remove();
        }

        var pinning = document.Descendants().Any(e => e.Name.LocalName == "CentralPackageTransitivePinningEnabled"
            && string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase));
        return (versions, document.Root?.ToString(SaveOptions.DisableFormatting) ?? string.Empty, pinning);
    }

    private sealed class IdAndCondition : IEqualityComparer<(string Id, string Condition)>
    {
        public bool Equals((string Id, string Condition) x, (string Id, string Condition) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Id, y.Id) && StringComparer.Ordinal.Equals(x.Condition, y.Condition);

        public int GetHashCode((string Id, string Condition) key) =>
            (StringComparer.OrdinalIgnoreCase.GetHashCode(key.Id), StringComparer.Ordinal.GetHashCode(key.Condition)).GetHashCode();
    }
}
