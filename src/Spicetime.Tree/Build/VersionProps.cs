using System.Globalization;
using System.Security;
using System.Text;
using Spicetime.Tree.Versioning;

namespace Spicetime.Tree.Build;

/// <summary>
/// The version part of the generated props (obj/spicetime.&lt;project&gt;.g.props): what a project packs as and the
/// commit it is built from, as evaluation-time properties that <c>dotnet build</c>, <c>dotnet pack</c>,
/// <c>-getProperty</c> and IDEs all see. A group of its own, outside the props' content id
/// (<see cref="ProjectInjection.ToProps"/>), because it changes with every commit (the build number, the commit) while
/// what restore needs does not: a new commit must not ask for a restore.
/// </summary>
public static class VersionProps
{
    /// <summary>
    /// The version's PropertyGroup, the text <see cref="ProjectInjection.ToProps"/> places after the node's content.
    /// <paramref name="inputs"/> records what the version was computed from ($(Version) before the node's,
    /// $(SpicetimeBuildNumber)) so that the targets regenerate it when one changes; it also records the files HEAD was
    /// read from (<see cref="NodeVersion.GitFiles"/>), the target's inputs. Spicetime.Version.targets applies the
    /// version after the project body, so that a project that sets Version itself wins.
    /// </summary>
    public static string Render(NodeVersion version, string inputs)
    {
        var setsVersion = version.SetsVersion;
        var xml = new StringBuilder();
        xml.Append("  <PropertyGroup Label=\"Spicetime version: what the node packs as (docs/tree-json.md, Versions)\">\n");
        Property(xml, GeneratedPropsNames.VersionInputs, inputs);
        Property(xml, GeneratedPropsNames.VersionFiles, string.Join(";", version.GitFiles));
        // The branch's loose ref file only when it did not exist (refs packed): its appearance means a new commit.
        Property(xml, GeneratedPropsNames.PackedHeadRefFile, version.HeadRefFile is { } refFile && !version.GitFiles.Contains(refFile) ? refFile : string.Empty);
        Property(xml, GeneratedPropsNames.Version, setsVersion ? version.Text : string.Empty);
        Property(xml, GeneratedPropsNames.FileVersion, setsVersion ? version.FileVersion : string.Empty);
        Property(xml, GeneratedPropsNames.CommitTime, version.CommitTime?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        Property(xml, GeneratedPropsNames.Commit, version.Commit ?? string.Empty);
        Property(xml, GeneratedPropsNames.Lineage, string.Join(";", version.Lineage));
        Property(xml, GeneratedPropsNames.LineageLabels, string.Join("/", version.Lineage.Select(ForkVersions.Label)));
        xml.Append("  </PropertyGroup>\n");
        return xml.ToString();
    }

    /// <summary>
    /// What <see cref="Render"/> records as its inputs, in the form the targets compare with: as the values stand, not
    /// trimmed on either side, so that no property function runs in every evaluation (Spicetime.Sdk.targets).
    /// </summary>
    public static string Inputs(string? rootVersion, string? buildNumber) => $"{rootVersion}|{buildNumber}";

    private static void Property(StringBuilder xml, string name, string value) =>
        xml.Append($"    <{name}>{SecurityElement.Escape(value)}</{name}>\n");
}
