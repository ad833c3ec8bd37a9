using System.Text;
using BenchmarkDotNet.Attributes;
using Spicetime.Tree;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Loading;
using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Benchmarks;

/// <summary>
/// The resolver on synthetic trees of 100, 10,000 and 100,000 nodes with 300 scopes of 100 packages
/// (30,000 package entries). Goal: 10,000 nodes fully resolved in under 50 ms, growing linearly.
/// </summary>
[MemoryDiagnoser]
public class ResolverBenchmarks
{
    private byte[] _json = Array.Empty<byte>();
    private TreeManifest _manifest = null!;
    private NodeDefinition _deepestLeaf = null!;

    [Params(100, 10_000, 100_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _json = Encoding.UTF8.GetBytes(SyntheticTree.Generate(Nodes));
        _manifest = TreeManifestLoader.Load(_json, "/bench/tree.json", new DiagnosticBag("tree.json"))!;
        _deepestLeaf = _manifest.Nodes[^1];
    }

    /// <summary>Every node resolved: effective scopes, extends, overrides, provenance (entries shared, not flattened).</summary>
    [Benchmark]
    public ResolvedTree ResolveAll() => new TreeResolver(_manifest, new DiagnosticBag("tree.json")).ResolveAll();

    /// <summary>Every node resolved and its packages flattened into the final per-node list (what a full `show` prints).</summary>
    [Benchmark]
    public int ResolveAllAndFlattenPackages()
    {
        var count = 0;
        foreach (var node in new TreeResolver(_manifest, new DiagnosticBag("tree.json")).ResolveAll().Nodes)
        {
            count += node.Packages.Count;
        }

        return count;
    }

    /// <summary>One node: touches only its path to the root.</summary>
    [Benchmark]
    public int ResolveOneLeaf() => new TreeResolver(_manifest, new DiagnosticBag("tree.json")).Resolve(_deepestLeaf).Packages.Count;

    /// <summary>Reading tree.json: JSON with positions, binding and validation.</summary>
    [Benchmark]
    public TreeManifest? Load() => TreeManifestLoader.Load(_json, "/bench/tree.json", new DiagnosticBag("tree.json"));

    /// <summary>Everything the build and the CLI do: load and resolve.</summary>
    [Benchmark]
    public TreeLoadResult LoadAndResolve() => TreeFile.Parse(_json, "/bench/tree.json");
}
