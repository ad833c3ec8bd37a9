using System.Diagnostics.CodeAnalysis;
using Spicetime.Tree.Paths;
using Spicetime.Tree;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Mapping;
using Spicetime.Tree.Resolution;

namespace Spicetime.Cli;

/// <summary>
/// What every command shares: the output streams, the working folder, finding and loading tree.json, and the run's
/// <see cref="BuildContext"/> (git facts and contract comparisons computed once for the run).
/// </summary>
public sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, string workingDirectory)
    {
        Output = output;
        Error = error;
        WorkingDirectory = workingDirectory;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public string WorkingDirectory { get; }

    /// <summary>This run's context: one per <see cref="CliContext"/>, so one per run of the tool.</summary>
    public BuildContext Build { get; } = new();

    /// <summary>
    /// Finds (or takes <paramref name="treeOption"/>), loads and resolves tree.json, printing its diagnostics to stderr.
    /// Returns null, after printing why, when the tree has errors.
    /// </summary>
    public ResolvedTree? LoadTree(string? treeOption, out TreeLoadResult? result)
    {
        result = null;
        var path = treeOption is null ? TreeFileLocator.Find(WorkingDirectory) : Path.GetFullPath(treeOption, WorkingDirectory);
        if (path is null)
        {
            Report(DiagnosticCodes.TreeFileNotFound.Create($"No tree.json in {WorkingDirectory} or any folder above it; create one, or name it with --tree", null, SourcePosition.None));
            return null;
        }

        result = TreeFile.Load(path);
        foreach (var diagnostic in result.Diagnostics)
        {
            Report(diagnostic);
        }

        return result.Succeeded ? result.Tree : null;
    }

    /// <summary>
    /// The tree and its node named <paramref name="branch"/> (what every --branch command starts with); false after the
    /// tree's diagnostics or an SPT0200.
    /// </summary>
    public bool TryLoadNode(string? treeOption, string branch, [NotNullWhen(true)] out ResolvedTree? tree, [NotNullWhen(true)] out ResolvedNode? node)
    {
        tree = LoadTree(treeOption, out _);
        node = tree is null ? null : FindNode(tree, branch);
        return node is not null;
    }

    /// <summary>The node named <paramref name="branch"/>, or null after an SPT0200 naming the known branches.</summary>
    public ResolvedNode? FindNode(ResolvedTree tree, string branch)
    {
        var node = tree.Find(branch);
        if (node is null)
        {
            Report(DiagnosticCodes.UnknownBranch.Create(UnknownBranch.Message("--branch", branch, tree.Branches),
                DisplayPath(tree.Manifest.FilePath), SourcePosition.None));
        }

        return node;
    }

    public void Report(Diagnostic diagnostic) =>
        Error.WriteLine(diagnostic.Format(diagnostic.File is null ? null : DisplayPath(diagnostic.File)));

    /// <summary>A path relative to the working folder when it lies inside it, with '/' separators; otherwise the full path.</summary>
    public string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(WorkingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? path
            : RepositoryPath.FromSystem(relative);
    }
}
