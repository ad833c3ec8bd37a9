using System.Collections.Concurrent;

namespace Spicetime.Tree.Projects.Cache;

/// <summary>
/// One run's lookups in a <see cref="FactsCache"/>: a stored project is used when every (input, fingerprint) pair of its
/// entry matches what its reader finds now (each pair of the file looked at once per run, whichever projects share it); any other
/// project is evaluated, recording its inputs. <see cref="Save"/> then keeps exactly the projects of this run.
/// </summary>
public sealed class FactsCacheRun
{
    private readonly FactsCache _cache;
    private readonly ProjectReader _reader;
    private readonly StoredFacts? _stored;
    private readonly Lazy<bool[]> _unchanged; // per stored pair: whether its input is as it was
    private readonly ConcurrentDictionary<string, FactsEntry> _entries = new(StringComparer.Ordinal);
    private int _hits;
    private int _evaluated;
    private int _unstorable;
    private int _filesRead;
    private bool _restamped;

    internal FactsCacheRun(FactsCache cache, ProjectReader reader, StoredFacts? stored)
    {
        _cache = cache;
        _reader = reader;
        _stored = stored;
        _unchanged = new Lazy<bool[]>(Check, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Projects taken from the cache.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Projects evaluated (not stored, or an input changed).</summary>
    public int Evaluated => Volatile.Read(ref _evaluated);

    /// <summary>Stored files read again to know whether they changed (no stamp, or not at their stamp); the others were only looked at.</summary>
    public int FilesRead => Volatile.Read(ref _filesRead);

    /// <summary>
    /// Looks at every stored input now (in parallel). Called before projects are read in parallel, so that no reader
    /// thread waits on another's check (a check started inside a parallel loop leaves the pool's other threads blocked).
    /// </summary>
    public void CheckInputs() => _ = _unchanged.Value;

    /// <summary>The project's facts, from the cache when none of its inputs changed, else as <see cref="ProjectReader.Read"/> gives them.</summary>
    public ProjectInfo? Read(string relativePath)
    {
        if (_stored is not null && _stored.Entries.TryGetValue(relativePath, out var entry) && Unchanged(entry))
        {
            // Only marked: a run that takes every project from the cache writes nothing, so it keeps nothing either.
            Interlocked.Increment(ref _hits);
            entry.Used = true;
            return entry.Facts;
        }

        Interlocked.Increment(ref _evaluated);
        var inputs = new EvaluationInputs();
        var facts = _reader.Read(relativePath, inputs);
        if (inputs.Storable)
        {
            _entries[relativePath] = new FactsEntry(relativePath, inputs.Read.ToArray(), facts);
        }
        else
        {
            Interlocked.Increment(ref _unstorable); // read, but not kept: the next run evaluates it again
        }

        return facts;
    }

    /// <summary>Stores this run's projects, unless every one came from the cache, the cache held no others and no file has a new stamp.</summary>
    public void Save()
    {
        if (_stored is not null && Volatile.Read(ref _unstorable) == 0 && _entries.IsEmpty && _stored.Entries.Count == Hits && !Volatile.Read(ref _restamped))
        {
            return; // the file already says exactly this
        }

        var taken = _stored?.Entries.Where(e => e.Value.Used)
            .Select(e => new FactsEntry(e.Key, new StoredInputs(e.Value.Inputs, _stored.Inputs), e.Value.Facts))
            ?? Enumerable.Empty<FactsEntry>();
        _cache.Save(_entries.Values.Concat(taken).OrderBy(e => e.Project, StringComparer.Ordinal), StampOf());
    }

    /// <summary>
    /// The stamp to keep with a file's fingerprint: the one this run found it at when it read it, else the stored one
    /// when this run's check found the file still at it (so a warm run need not record the stamps it merely confirmed).
    /// </summary>
    private Func<string, Fingerprint, FileStamp> StampOf()
    {
        var held = new Dictionary<(string, Fingerprint), FileStamp>();
        if (_stored?.StampsHeld is { } looked && _unchanged.IsValueCreated)
        {
            var stampHeld = looked.GetAwaiter().GetResult();
            for (var i = 0; i < _stored.Inputs.Length; i++)
            {
                if (stampHeld[i])
                {
                    held[(_stored.Inputs[i].Key.Name, _stored.Inputs[i].Value)] = _stored.Stamps[i];
                }
            }
        }

        return (name, fingerprint) => _reader.StampOf(name, fingerprint) is { IsNone: false } read ? read
            : held.TryGetValue((name, fingerprint), out var stamp) ? stamp : FileStamp.None;
    }

    private bool Unchanged(StoredEntry entry)
    {
        var unchanged = _unchanged.Value;
        foreach (var index in entry.Inputs)
        {
            if (!unchanged[index])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Every stored input looked at once, in parallel, on the first lookup: a run reads (nearly) every stored project, and
    /// one pass over the file's input table costs less than a shared dictionary of answers consulted per project. A file
    /// whose stamp is as recorded is its recorded content without being read (<see cref="FileStamp"/>); any other file is
    /// read and hashed.
    /// </summary>
    private bool[] Check()
    {
        if (_stored is null)
        {
            return Array.Empty<bool>();
        }

        var (inputs, stamps) = (_stored.Inputs, _stored.Stamps);
        var unchanged = new bool[inputs.Length];
        // Per pair, whether its file was found at its stamp (so is not read): looked at while the entries were decoded.
        var stampHeld = _stored.StampsHeld?.GetAwaiter().GetResult();
        Parallel.For(0, inputs.Length, i =>
        {
            var (input, fingerprint) = (inputs[i].Key, inputs[i].Value);
            if (stampHeld is not null && stampHeld[i])
            {
                unchanged[i] = true;
                return;
            }

            if (input.Kind == InputKind.File)
            {
                Interlocked.Increment(ref _filesRead);
            }

            unchanged[i] = _reader.Current(input) == fingerprint;
            if (unchanged[i] && input.Kind == InputKind.File && _reader.StampOf(input.Name, fingerprint) is { IsNone: false } stamp && stamp != stamps[i])
            {
                Volatile.Write(ref _restamped, true); // the same content with a new stamp: worth saving, or it is read again next run
            }
        });
        return unchanged;
    }
}

/// <summary>A stored entry's (input, fingerprint) pairs, read through its indexes into the file's table (nothing copied: most runs write nothing).</summary>
internal sealed class StoredInputs : IReadOnlyList<KeyValuePair<EvaluationInput, Fingerprint>>
{
    private readonly int[] _indexes;
    private readonly KeyValuePair<EvaluationInput, Fingerprint>[] _table;

    public StoredInputs(int[] indexes, KeyValuePair<EvaluationInput, Fingerprint>[] table)
    {
        _indexes = indexes;
        _table = table;
    }

    public int Count => _indexes.Length;

    public KeyValuePair<EvaluationInput, Fingerprint> this[int index] => _table[_indexes[index]];

    public IEnumerator<KeyValuePair<EvaluationInput, Fingerprint>> GetEnumerator()
    {
        foreach (var index in _indexes)
        {
            yield return _table[index];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
