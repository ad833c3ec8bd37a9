using System.Security.Cryptography;
using System.Text;
using NuGet.Versioning;
using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Versioning;

/// <summary>A node's version, and the labels that had to be shortened to keep it within <see cref="ForkVersions.MaxLength"/>.</summary>
public sealed record ForkVersion(NuGetVersion Version, IReadOnlyList<string> ShortenedLabels);

/// <summary>
/// The fork-aware version rule, in one place (docs/tree-json.md, "Versions"):
/// <list type="bullet">
/// <item>a node with its own <c>version</c> has that version; the root without one has the build's <c>$(Version)</c>;</item>
/// <item>a fork without its own version continues its parent's line: after a release version it starts a prerelease,
/// <c>1.4.0</c> → <c>1.4.0-feature-a.7</c>; after a prerelease it extends it, <c>1.4.0-feature-a.7</c> →
/// <c>1.4.0-feature-a.7.hotfix.3</c>, so a grandchild sorts right after the parent build it grew from (7 &lt; 8) and the
/// whole lineage reads in the version;</item>
/// <item>each level adds its label (the branch lowercased, every character outside <c>0-9a-z-</c> turned into '-', an
/// all-digit label prefixed with 'b' so that it is never read as a number) and its build number (the git height, or
/// <c>$(SpicetimeBuildNumber)</c>); build metadata of the parent is not carried;</item>
/// <item>the whole version stays within <see cref="MaxLength"/> characters: the longest labels are cut and end in a
/// short hash of the branch name, the same on every machine, and the caller warns.</item>
/// </list>
/// Parsing, validity and comparison are NuGet.Versioning's.
/// </summary>
public static class ForkVersions
{
    /// <summary>NuGet's limit on a package version's length (and so on every fork's).</summary>
    public const int MaxLength = 64;

    /// <summary>The placeholder for a build number in a <see cref="Pattern"/>.</summary>
    public const string BuildPlaceholder = "{build}";

    private const int HashLength = 7;

    /// <summary>The branch lowercased, every character outside 0-9a-z- turned into '-' ("Feature/New_UI" → "feature-new-ui"); all digits get a 'b' in front.</summary>
    public static string Label(string branch)
    {
        var label = new StringBuilder(branch.Length + 1);
        foreach (var c in branch.ToLowerInvariant())
        {
            label.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' ? c : '-');
        }

        if (label.Length == 0 || label.ToString().All(char.IsAsciiDigit))
        {
            label.Insert(0, 'b');
        }

        return label.ToString();
    }

    /// <summary>The version a node's packs get, with <see cref="BuildPlaceholder"/> for each build number ("1.4.0-feature-a.{build}").</summary>
    public static string Pattern(ResolvedNode node, string rootVersion = "$(Version)") => Pattern(node.Definition, rootVersion);

    /// <inheritdoc cref="Pattern(ResolvedNode, string)"/>
    /// <remarks>GitHeightCache keeps patterns computed from old tree.json contents: changing what this returns for a given
    /// tree.json means changing its LinesVersion.</remarks>
    public static string Pattern(NodeDefinition node, string rootVersion = "$(Version)") =>
        node.Version?.Value ?? (node.Parent is null ? rootVersion : Extend(Pattern(node.Parent, rootVersion), Label(node.Branch.Value), BuildPlaceholder));

    /// <summary>True when <paramref name="node"/> has a build number of its own: a fork without its own version.</summary>
    public static bool NeedsBuildNumber(NodeDefinition node) => node.Version is null && node.Parent is not null;

    /// <summary>The nodes whose build numbers <paramref name="node"/>'s version is made of, from the line's start down to it.</summary>
    public static IReadOnlyList<NodeDefinition> BuildNumberNodes(NodeDefinition node)
    {
        var nodes = new List<NodeDefinition>();
        for (var n = node; n is not null && NeedsBuildNumber(n); n = n.Parent)
        {
            nodes.Add(n);
        }

        nodes.Reverse();
        return nodes;
    }

    /// <summary>The concrete version of <paramref name="node"/>: <paramref name="rootVersion"/> for a root without one, and <paramref name="buildNumber"/> of each fork on the way.</summary>
    public static ForkVersion Compute(ResolvedNode node, NuGetVersion rootVersion, Func<NodeDefinition, int> buildNumber) =>
        Compute(node.Definition, rootVersion, buildNumber);

    /// <inheritdoc cref="Compute(ResolvedNode, NuGetVersion, Func{NodeDefinition, int})"/>
    public static ForkVersion Compute(NodeDefinition node, NuGetVersion rootVersion, Func<NodeDefinition, int> buildNumber)
    {
        var chain = new List<NodeDefinition>();
        for (var n = node; n is not null; n = n.Parent)
        {
            chain.Add(n);
            if (n.Version is not null)
            {
                break;
            }
        }

        chain.Reverse();
        var start = chain[0];
        var line = start.Version is { } own ? NuGetVersion.Parse(own.Value) : rootVersion;
        // The first node of the chain gives the line (its own version, or the root's); each one after it adds a level.
        var levels = chain.Skip(1).Select(n => new Level(n.Branch.Value, Label(n.Branch.Value), buildNumber(n))).ToList();
        var baseText = WithoutMetadata(line);
        var text = Render(baseText, levels, levels.Select(l => l.Label).ToList());
        var shortened = new List<string>();
        if (text.Length > MaxLength)
        {
            text = Shorten(baseText, levels, shortened);
        }

        return new ForkVersion(NuGetVersion.Parse(text), shortened);
    }

    private static string Extend(string parent, string label, string build) =>
        parent.Contains('-', StringComparison.Ordinal) ? $"{parent}.{label}.{build}" : $"{parent}-{label}.{build}";

    private static string WithoutMetadata(NuGetVersion version)
    {
        var text = version.ToNormalizedString();
        var plus = text.IndexOf('+');
        return plus < 0 ? text : text[..plus];
    }

    /// <summary>One fork below the line's start: its branch, label and build number (a class: no generic code to compile for a tuple).</summary>
    private sealed record Level(string Branch, string Label, int Build);

    private static string Render(string baseText, List<Level> levels, List<string> labels)
    {
        var text = baseText;
        for (var i = 0; i < levels.Count; i++)
        {
            text = Extend(text, labels[i], levels[i].Build.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return text;
    }

    /// <summary>Cuts the longest labels, each to a prefix and a hash of its branch, until the version fits.</summary>
    private static string Shorten(string baseText, List<Level> levels, List<string> shortened)
    {
        var labels = levels.Select(l => l.Label).ToList();
        string Render() => ForkVersions.Render(baseText, levels, labels);
        while (Render().Length > MaxLength)
        {
            var longest = Enumerable.Range(0, labels.Count).OrderByDescending(i => labels[i].Length).ThenBy(i => i).First();
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(levels[longest].Branch)))[..HashLength].ToLowerInvariant();
            var excess = Render().Length - MaxLength;
            var keep = Math.Max(1, labels[longest].Length - excess - HashLength - 1);
            if (labels[longest].Length <= HashLength + 2)
            {
                break; // nothing left to cut: the version is long because of its root or its depth
            }

            labels[longest] = $"{labels[longest][..Math.Min(keep, labels[longest].Length)].TrimEnd('-')}-{hash}";
            if (!shortened.Contains(levels[longest].Branch))
            {
                shortened.Add(levels[longest].Branch);
            }
        }

        return Render();
    }
}
