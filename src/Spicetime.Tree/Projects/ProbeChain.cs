using System.Collections;

namespace Spicetime.Tree.Projects;

/// <summary>
/// The paths MSBuild's upward search looked at, from a folder to where it stopped: each folder's chain is its own
/// path and its parent's chain, so thousands of projects share one chain per folder instead of copying it.
/// </summary>
public sealed class ProbeChain : IEnumerable<string>
{
    public ProbeChain(string path, ProbeChain? above)
    {
        Path = path;
        Above = above;
    }

    public string Path { get; }

    public ProbeChain? Above { get; }

    public IEnumerator<string> GetEnumerator()
    {
        for (var link = this; link is not null; link = link.Above)
        {
            yield return link.Path;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A project's probes: the paths its evaluation looked for on its own, then its upward searches.</summary>
internal sealed class Probes : IEnumerable<string>
{
    private readonly IReadOnlyList<string> _own;
    private readonly IReadOnlyList<ProbeChain> _chains;

    public Probes(IReadOnlyList<string> own, IReadOnlyList<ProbeChain> chains)
    {
        _own = own;
        _chains = chains;
    }

    public IEnumerator<string> GetEnumerator() => _own.Concat(_chains.SelectMany(c => c)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
