using System.Xml;
using System.Xml.Linq;

namespace Spicetime.Tree.Affected;

/// <summary>A package whose central version changed in a Directory.Packages.props.</summary>
public sealed record CentralVersionChange(string Id, string? Before, string? After)
{
    /// <summary>The change as a reason's first link carries it: "PackageVersion Serilog 4.0.0 -> 4.2.0".</summary>
    public EntryChange ToEntryChange() => new($"PackageVersion {Id}", Before, After, null);

    public string Describe() => ToEntryChange().ToString();
}

/// <summary>
/// What changed in a Directory.Packages.props between two revisions: the PackageVersion items whose version changed
/// (those affect only the projects that use the package), or <see cref="Everything"/> with the reason when something
/// else changed (a property such as <c>CentralPackageTransitivePinningEnabled</c>, a GlobalPackageReference, an
/// import, or a file that is not XML at one revision), which affects every project under it.
/// </summary>
public sealed record CentralPackageChanges(IReadOnlyList<CentralVersionChange> Versions, string? Everything)
{
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
            return new(Array.Empty<CentralVersionChange>(), "a change outside PackageVersion items");
        }

        if (old.Value.Pinning || now.Value.Pinning)
        {
            // With transitive pinning a PackageVersion also pins packages that projects only get transitively, which
            // cannot be known without restoring them.
            var changed = Differences(old.Value.Versions, now.Value.Versions);
            return new(changed, changed.Count == 0 ? null : "CentralPackageTransitivePinningEnabled pins transitive packages too");
        }

        return new(Differences(old.Value.Versions, now.Value.Versions), null);
    }

    private static List<CentralVersionChange> Differences(Dictionary<string, string> before, Dictionary<string, string> after)
    {
        var changes = new List<CentralVersionChange>();
        foreach (var (id, version) in after)
        {
            if (!before.TryGetValue(id, out var previous) || previous != version)
            {
                changes.Add(new CentralVersionChange(id, previous, version));
            }
        }

        changes.AddRange(before.Where(b => !after.ContainsKey(b.Key)).Select(b => new CentralVersionChange(b.Key, b.Value, null)));
        changes.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Id, b.Id));
        return changes;
    }

    /// <summary>The PackageVersion items (id → version and condition) and the rest of the file, normalised, to compare.</summary>
    private static (Dictionary<string, string> Versions, string Others, bool Pinning)? Read(byte[] content)
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

        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in document.Descendants().Where(e => e.Name.LocalName == "PackageVersion").ToList())
        {
            var ids = item.Attribute("Include")?.Value ?? item.Attribute("Update")?.Value;
            if (ids is null || ids.Contains("$(", StringComparison.Ordinal))
            {
                continue; // Left in the rest: a change to it affects everything.
            }

            var version = item.Attribute("Version")?.Value ?? item.Elements().FirstOrDefault(e => e.Name.LocalName == "Version")?.Value ?? string.Empty;
            var condition = item.Attribute("Condition")?.Value ?? item.Parent?.Attribute("Condition")?.Value;
            foreach (var id in ids.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                versions[id] = condition is null ? version : $"{version} if {condition.Trim()}";
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
}
