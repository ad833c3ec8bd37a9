using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Versioning;

/// <summary>
/// `spicetime why version --branch B`: how a node's version is made, level by level, from the node that starts the line
/// (its own <c>version</c>, or the root's, or the build's <c>$(Version)</c>) down to the node, with each level's label and
/// build number, and the version it packs as at HEAD.
/// </summary>
public static class VersionExplainer
{
    public static IReadOnlyList<(string Text, SourcePosition Position)> Explain(ResolvedTree tree, ResolvedNode node)
    {
        var steps = new List<(string, SourcePosition)>();
        var chain = node.PathFromRoot().ToList();
        var start = chain.FindLastIndex(n => n.Version is not null);
        if (start < 0)
        {
            steps.Add(($"{chain[0].Branch} has no version: the line is the build's $(Version) (1.0.0 when nothing sets it)", chain[0].Definition.Position));
            start = 0;
        }
        else
        {
            var owner = chain[start];
            steps.Add(($"{owner.Branch} {(start == 0 ? "sets" : "starts its own line at")} version {owner.Version}", owner.Definition.Version!.Position));
        }

        var version = NodeVersions.For(tree, node, null, null, new DiagnosticBag(tree.Manifest.FilePath));
        foreach (var level in chain.Skip(start + 1))
        {
            steps.Add(($"{level.Branch} continues {level.Parent!.Branch}'s line: label '{ForkVersions.Label(level.Branch)}', build number = its git height (commits since its line {level.VersionPattern} began)", level.Definition.Branch.Position));
        }

        steps.Add((version is null
            ? $"{node.Branch}'s build number cannot be told here (see the error a build reports: SPT0500 or SPT0502)"
            : version.SetsVersion
                ? $"{node.Branch} packs as {version.Text} at {(version.Commit is null ? "this folder (no git: build numbers 0)" : $"commit {version.Commit[..Math.Min(12, version.Commit.Length)]}")}{(version.ShortenedLabels.Count > 0 ? " (labels shortened to NuGet's 64 characters)" : string.Empty)}"
                : $"{node.Branch} packs as the build's $(Version)", SourcePosition.None));
        return steps;
    }
}
