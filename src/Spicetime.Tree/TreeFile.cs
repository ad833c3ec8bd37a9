using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Loading;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree;

/// <summary>The front door: load a tree.json and resolve every node, collecting all diagnostics.</summary>
public static class TreeFile
{
    public static TreeLoadResult Load(string path)
    {
        var diagnostics = new DiagnosticBag(Path.GetFullPath(path));
        if (!File.Exists(path))
        {
            diagnostics.Report(DiagnosticCodes.TreeFileNotFound, SourcePosition.None, $"'{path}' does not exist");
            return new TreeLoadResult(null, diagnostics.Items);
        }

        var manifest = TreeManifestLoader.LoadFile(path, diagnostics);
        return Resolve(manifest, diagnostics);
    }

    /// <summary>Loads from content already read (<paramref name="path"/> names the file; node paths are relative to its folder).</summary>
    public static TreeLoadResult Parse(ReadOnlyMemory<byte> content, string path)
    {
        var diagnostics = new DiagnosticBag(Path.GetFullPath(path));
        return Resolve(TreeManifestLoader.Load(content, path, diagnostics), diagnostics);
    }

    public static TreeLoadResult Parse(string json, string path = "tree.json") =>
        Parse(System.Text.Encoding.UTF8.GetBytes(json), path);

    private static TreeLoadResult Resolve(Model.TreeManifest? manifest, DiagnosticBag diagnostics)
    {
        var tree = manifest is null ? null : new TreeResolver(manifest, diagnostics).ResolveAll();
        return new TreeLoadResult(tree, diagnostics.Items);
    }
}
