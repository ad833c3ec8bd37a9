using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;
using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Adoption;

/// <summary>A fork folder to add as a child of the root: its full path, and its branch (default: the folder's name).</summary>
public sealed record ForkFolder(string Path, string? Branch)
{
    /// <summary>"PATH" or "PATH=BRANCH", as <c>spicetime init --fork</c> takes it, with PATH relative to <paramref name="directory"/>.</summary>
    public static ForkFolder Parse(string value, string directory)
    {
        var equals = value.LastIndexOf('=');
        var path = equals < 0 ? value : value.Substring(0, equals);
        var branch = equals < 0 ? null : value.Substring(equals + 1);
        return new ForkFolder(System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, path)), string.IsNullOrEmpty(branch) ? null : branch);
    }
}

/// <summary>
/// <c>spicetime init</c>: adopts an existing repository (as <c>nbgv install</c> or <c>nx init</c> do). At the git
/// repository's root (or the folder itself outside git) it plans tree.json (a root node on the current branch, one child
/// per fork folder; an existing tree.json is never overwritten), the <c>msbuild-sdks</c> entry of global.json, and the
/// no-edit imports of Directory.Build.props and .targets (<see cref="AdoptionImports"/>). Running it again changes nothing.
/// A Directory.Build.props or .targets deeper in the repository is the one MSBuild imports for the projects under it, in
/// place of the root's: unless it imports the one above it, it gets the same line, or those projects would build without
/// Spicetime and nothing would say so.
/// </summary>
public static class RepositoryAdoption
{
    public const string GlobalJson = "global.json";
    public const string DirectoryBuildProps = "Directory.Build.props";
    public const string DirectoryBuildTargets = "Directory.Build.targets";

    /// <param name="directory">The current folder.</param>
    /// <param name="branch">The root node's branch; null: the current git branch.</param>
    /// <param name="forks">The fork folders to add as children of the root.</param>
    /// <param name="sdkVersion">The Spicetime.Sdk version global.json gets (the CLI's own).</param>
    public static AdoptionPlan Plan(string directory, string? branch, IReadOnlyList<ForkFolder> forks, string sdkVersion)
    {
        var git = GitBranchReader.Locate(directory);
        var root = git?.WorkTree ?? Path.GetFullPath(directory);
        var diagnostics = new List<Diagnostic>();
        branch ??= git is null ? null : GitBranchReader.Read(root).Branch;
        var files = new List<AdoptionFile>
        {
            TreeJson(root, branch, forks, diagnostics),
        };

        var global = Edit(root, GlobalJson, diagnostics, (string text, string path, out string note) => GlobalJsonEdit.Add(text, sdkVersion, path, diagnostics, out note),
            () => ($"{{\n  \"{GlobalJsonEdit.SdksKey}\": {{\n    \"{AdoptionImports.SdkName}\": \"{sdkVersion}\"\n  }}\n}}\n",
                $"names {AdoptionImports.SdkName} {sdkVersion} in {GlobalJsonEdit.SdksKey}"));
        var props = Edit(root, DirectoryBuildProps, diagnostics, (string text, string path, out string note) => ImportLineEdit.Add(text, AdoptionImports.PropsLine, first: true, path, diagnostics, out note),
            () => (ImportLineEdit.NewFile(AdoptionImports.PropsLine), $"imports Sdk.props from {AdoptionImports.SdkName}"));
        var targets = Edit(root, DirectoryBuildTargets, diagnostics, (string text, string path, out string note) => ImportLineEdit.Add(text, AdoptionImports.TargetsLine, first: false, path, diagnostics, out note),
            () => (ImportLineEdit.NewFile(AdoptionImports.TargetsLine), $"imports Sdk.targets from {AdoptionImports.SdkName}"));
        files.AddRange(new[] { global, props, targets }.Where(f => f is not null)!);
        foreach (var (name, line, first) in new[] { (DirectoryBuildProps, AdoptionImports.PropsLine, true), (DirectoryBuildTargets, AdoptionImports.TargetsLine, false) })
        {
            foreach (var nested in Nested(root, name))
            {
                var file = Edit(root, nested, diagnostics, (string text, string path, out string note) =>
                {
                    if (text.Contains(name, StringComparison.OrdinalIgnoreCase))
                    {
                        // It names its own file name: it imports the one above it (GetPathOfFileAbove), which has the line.
                        note = $"imports the {name} above it, which turns Spicetime on";
                        return text;
                    }

                    var after = ImportLineEdit.Add(text, line, first, path, diagnostics, out note);
                    note += $" (MSBuild imports it instead of the root's for the projects under {RepositoryPath.Relative(root, Path.GetDirectoryName(path)!)}/)";
                    return after;
                }, () => throw new InvalidOperationException("a nested file is only ever edited"));
                if (file is not null)
                {
                    files.Add(file);
                }
            }
        }
        return new AdoptionPlan(root, branch, files, diagnostics);
    }

    private delegate string? Editor(string text, string path, out string note);

    /// <summary>Every <paramref name="name"/> below the root (not the root's own), by relative path; build output, dependencies and dot folders left out.</summary>
    private static IEnumerable<string> Nested(string root, string name)
    {
        var found = new List<string>();
        var folders = new Stack<string>();
        foreach (var top in Directory.EnumerateDirectories(root))
        {
            folders.Push(top);
        }

        while (folders.Count > 0)
        {
            var folder = folders.Pop();
            var leaf = Path.GetFileName(folder);
            if (leaf.StartsWith(".", StringComparison.Ordinal) || leaf is "bin" or "obj" or "node_modules" or "artifacts")
            {
                continue;
            }

            if (File.Exists(Path.Combine(folder, name)))
            {
                found.Add(RepositoryPath.Relative(root, Path.Combine(folder, name)));
            }

            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                folders.Push(child);
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static AdoptionFile? Edit(string root, string name, List<Diagnostic> diagnostics, Editor edit, Func<(string Text, string Note)> create)
    {
        var path = Path.Combine(root, name);
        TextFile? existing;
        try
        {
            existing = TextFile.Read(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCodes.AdoptionInputInvalid.Create($"{name} cannot be read: {exception.Message}", path, SourcePosition.None));
            return null;
        }

        if (existing is null)
        {
            var (text, note) = create();
            return new AdoptionFile(path, name, AdoptionAction.Create, note, null, text);
        }

        var after = edit(existing.Text, path, out var what);
        return after is null
            ? null
            : new AdoptionFile(path, name, after == existing.Text ? AdoptionAction.Keep : AdoptionAction.Change, what, existing.Text, after, existing.ByteOrderMark);
    }

    private static AdoptionFile TreeJson(string root, string? branch, IReadOnlyList<ForkFolder> forks, List<Diagnostic> diagnostics)
    {
        var path = Path.Combine(root, TreeFileLocator.FileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path);
            return new AdoptionFile(path, TreeFileLocator.FileName, AdoptionAction.Keep, "exists; init never overwrites it (--branch and --fork apply to a new tree.json only)", existing, existing);
        }

        if (branch is null)
        {
            diagnostics.Add(DiagnosticCodes.AdoptionArgumentInvalid.Create(
                $"The root node's branch cannot be told ({root} is not on a git branch); name it with --branch", null, SourcePosition.None));
            branch = "main";
        }

        var children = new List<(string Branch, string Path)>();
        foreach (var fork in forks)
        {
            var relative = RepositoryPath.Relative(root, fork.Path);
            if (relative == "." || RepositoryPath.IsOutside(relative) || Path.IsPathRooted(relative))
            {
                diagnostics.Add(DiagnosticCodes.AdoptionArgumentInvalid.Create(
                    $"--fork {fork.Path} is not a folder inside {root}; a fork is a folder of the repository", null, SourcePosition.None));
                continue;
            }

            if (!Directory.Exists(fork.Path))
            {
                diagnostics.Add(DiagnosticCodes.AdoptionArgumentInvalid.Create(
                    $"--fork {relative}: no such folder in {root}", null, SourcePosition.None));
                continue;
            }

            children.Add((fork.Branch ?? RepositoryPath.FileName(relative), relative));
        }

        var text = TreeJsonText.Write(branch, children);

        // The tree the command writes must load: a branch name git or the tree refuses, two forks on one branch, stop here.
        foreach (var diagnostic in TreeFile.Parse(text, path).Diagnostics.Where(d => d.IsError))
        {
            diagnostics.Add(DiagnosticCodes.AdoptionArgumentInvalid.Create(
                $"The tree.json --branch and --fork describe is not valid: {diagnostic.Code}: {diagnostic.Message}", null, SourcePosition.None));
        }

        var note = children.Count == 0
            ? $"a root node on branch {branch}"
            : $"a root node on branch {branch} and {children.Count} fork{(children.Count == 1 ? string.Empty : "s")}: {string.Join(", ", children.Select(c => $"{c.Branch} ({c.Path})"))}";
        return new AdoptionFile(path, TreeFileLocator.FileName, AdoptionAction.Create, note, null, text);
    }
}
