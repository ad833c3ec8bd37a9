using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Spicetime.Tree.Tests.Build;

/// <summary>The SDK's MSBuild files (sdk/Sdk/*.props and *.targets) and the names they read and define, comments left out.</summary>
internal static class SdkFiles
{
    public static string Folder { get; } = Path.Combine(FixtureFiles.RepositoryRoot, "sdk", "Sdk");

    public static IReadOnlyDictionary<string, XDocument> All { get; } =
        Directory.EnumerateFiles(Folder, "*.props").Concat(Directory.EnumerateFiles(Folder, "*.targets"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f), f => XDocument.Load(f), StringComparer.Ordinal);

    public static XDocument Load(string name) => All[name];

    /// <summary>
    /// The property, item and metadata names the files read: $(Name), @(Name…), %(Item.Name) and %(Name), in attribute
    /// values and element text.
    /// </summary>
    public static ISet<string> Read()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in All.Values.SelectMany(Values))
        {
            foreach (Match match in Reference.Matches(text))
            {
                names.Add(match.Groups["name"].Value);
            }
        }

        return names;
    }

    /// <summary>
    /// The property and item names the files define themselves: a property set in a PropertyGroup, an item included in
    /// an ItemGroup (a Remove alone defines nothing), a task's Output.
    /// </summary>
    public static ISet<string> Defined()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in All.Values.SelectMany(d => d.Descendants()))
        {
            var parent = element.Parent?.Name.LocalName;
            if (parent == "PropertyGroup" || (parent == "ItemGroup" && element.Attribute("Include") is not null))
            {
                names.Add(element.Name.LocalName);
            }

            if (element.Name.LocalName == "Output")
            {
                foreach (var attribute in new[] { "PropertyName", "ItemName" })
                {
                    if (element.Attribute(attribute)?.Value is { } name)
                    {
                        names.Add(name);
                    }
                }
            }
        }

        return names;
    }

    private static readonly Regex Reference = new(@"\$\((?<name>[A-Za-z_][\w]*)\)|@\((?<name>[A-Za-z_][\w]*)|%\((?:[A-Za-z_][\w]*\.)?(?<name>[A-Za-z_][\w]*)\)", RegexOptions.Compiled);

    private static IEnumerable<string> Values(XDocument document) =>
        document.Descendants().SelectMany(e => e.Attributes().Select(a => a.Value)
            .Concat(e.Nodes().OfType<XText>().Select(t => t.Value)));
}
