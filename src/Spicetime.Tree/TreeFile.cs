using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Loading;
using Spicetime.Tree.Locking;
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
        var locked = NeedsLock(manifest) ? TreeLockFile.ReadBeside(path, diagnostics) : null;
        return Resolve(manifest, diagnostics, locked);
    }

    /// <summary>
    /// Loads from content already read (<paramref name="path"/> names the file; node paths are relative to its folder), with
    /// the tree.lock.json content beside it when there is one (manual nodes build on what it recorded).
    /// </summary>
    public static TreeLoadResult Parse(ReadOnlyMemory<byte> content, string path, ReadOnlyMemory<byte>? lockContent = null)
    {
        var diagnostics = new DiagnosticBag(Path.GetFullPath(path));
        var manifest = TreeManifestLoader.Load(content, path, diagnostics);
        var locked = NeedsLock(manifest) && lockContent is { } lockBytes ? TreeLockFile.Read(lockBytes, TreeLock.PathFor(path), diagnostics) : null;
        return Resolve(manifest, diagnostics, locked);
    }

    /// <summary>Resolves a manifest against a given lock (or none): `spicetime sync` decides which recorded states still apply.</summary>
    public static TreeLoadResult Resolve(Model.TreeManifest manifest, TreeLock? locked, DiagnosticBag diagnostics) =>
        Resolve((Model.TreeManifest?)manifest, diagnostics, locked);

    /// <summary>The lock matters to resolution only when a node takes upstream changes manually.</summary>
    public static bool NeedsLock(Model.TreeManifest? manifest) =>
        manifest is not null && manifest.Nodes.Any(n => n.Updates == Model.UpdateMode.Manual);

    public static TreeLoadResult Parse(string json, string path = "tree.json") =>
        Parse(System.Text.Encoding.UTF8.GetBytes(json), path);

    private static TreeLoadResult Resolve(Model.TreeManifest? manifest, DiagnosticBag diagnostics, TreeLock? locked)
    {
        var tree = manifest is null ? null : new TreeResolver(manifest, diagnostics, locked).ResolveAll();
        return new TreeLoadResult(tree, diagnostics.Items);
    }
}
