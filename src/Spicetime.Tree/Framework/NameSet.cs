using System.Collections;

namespace Spicetime.Tree.Framework;

/// <summary>
/// A fixed set of names (MSBuild's item types, SDK names, folders to skip), compared with <see cref="Comparer"/>: read
/// only, so a table of them can be a static field without being state.
/// </summary>
public sealed class NameSet : IReadOnlyCollection<string>
{
    private readonly string[] _sorted;

    public NameSet(StringComparer comparer, IEnumerable<string> names)
    {
        Comparer = comparer;
        var unique = new List<string>();
        foreach (var name in names.OrderBy(n => n, comparer))
        {
            if (unique.Count == 0 || comparer.Compare(unique[^1], name) != 0)
            {
                unique.Add(name);
            }
        }

        _sorted = unique.ToArray();
    }

    public StringComparer Comparer { get; }

    public int Count => _sorted.Length;

    public bool Contains(string name) => Array.BinarySearch(_sorted, name, Comparer) >= 0;

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_sorted).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
