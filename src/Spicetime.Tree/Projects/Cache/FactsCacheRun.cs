using System.Collections.Concurrent;

namespace Spicetime.Tree.Projects.Cache;

/// <summary>
/// One run's lookups in a <see cref="FactsCache"/>: a stored project is used when every (input, fingerprint) pair of its
/// entry matches what its reader finds now (each input looked at once per run, whichever projects share it); any other
/// project is evaluated, recording its inputs. <see cref="Save"/> then keeps exactly the projects of this run.
/// </summary>
public sealed class FactsCacheRun
{
    private readonly FactsCache _cache;
    private readonly ProjectReader _reader;
    private readonly StoredFacts? _stored;
    private readonly int[] _verdicts; // per stored pair: 0 not looked at yet, 1 as it was, 2 changed
    private readonly ConcurrentDictionary<EvaluationInput, Fingerprint> _current = new();
    private readonly ConcurrentDictionary<string, FactsEntry> _entries = new(StringComparer.Ordinal);
    private int _hits;
    private int _evaluated;
    private int _unstorable;

    internal FactsCacheRun(FactsCache cache, ProjectReader reader, StoredFacts? stored)
    {
        _cache = cache;
        _reader = reader;
        _stored = stored;
        _verdicts = new int[stored?.Inputs.Length ?? 0];
    }

    /// <summary>Projects taken from the cache.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Projects evaluated (not stored, or an input changed).</summary>
    public int Evaluated => Volatile.Read(ref _evaluated);

    /// <summary>The project's facts, from the cache when none of its inputs changed, else as <see cref="ProjectReader.Read"/> gives them.</summary>
    public ProjectInfo? Read(string relativePath)
    {
        if (_stored is not null && _stored.Entries.TryGetValue(relativePath, out var entry) && Unchanged(entry))
        {
            Interlocked.Increment(ref _hits);
            _entries[relativePath] = new FactsEntry(relativePath, entry.Inputs.Select(i => _stored.Inputs[i]).ToArray(), entry.Facts);
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

    /// <summary>Stores this run's projects, unless every one came from the cache and the cache held no others.</summary>
    public void Save()
    {
        if (_stored is not null && Volatile.Read(ref _unstorable) == 0 && Hits == _entries.Count && _stored.Entries.Count == Hits)
        {
            return; // the file already says exactly this
        }

        _cache.Save(_entries.Values.OrderBy(e => e.Project, StringComparer.Ordinal));
    }

    private bool Unchanged(StoredEntry entry)
    {
        foreach (var index in entry.Inputs)
        {
            var verdict = Volatile.Read(ref _verdicts[index]);
            if (verdict == 0)
            {
                var (input, fingerprint) = (_stored!.Inputs[index].Key, _stored.Inputs[index].Value);
                verdict = _current.GetOrAdd(input, _reader.Current) == fingerprint ? 1 : 2;
                Volatile.Write(ref _verdicts[index], verdict);
            }

            if (verdict == 2)
            {
                return false;
            }
        }

        return true;
    }
}
