namespace Spicetime.Tree.Projects.Cache;

/// <summary>The kinds of input a project's evaluation reads: together they are everything <see cref="ProjectReader"/> takes from outside.</summary>
public enum InputKind : byte
{
    /// <summary>A file's content: the project file, an import (Directory.* files included). Name: its relative path.</summary>
    File = 1,

    /// <summary>Whether a path exists on disk (<c>Exists()</c>, an import's target, a GetDirectoryNameOfFileAbove search).</summary>
    Exists = 2,

    /// <summary>Whether a build file is in the scanner's listing (the implicit Directory.Build.props/.targets/Directory.Packages.props search).</summary>
    Listed = 3,

    /// <summary>An environment variable's value, or that it is not set. Name: the variable.</summary>
    Environment = 4,

    /// <summary>The listed build files a wildcard or unknown import matched, in order. Name: <see cref="PathPattern.Key"/>.</summary>
    BuildFiles = 5,
}

/// <summary>One input an evaluation read (a value: the facts cache holds tens of thousands in one table).</summary>
public readonly record struct EvaluationInput(InputKind Kind, string Name);

/// <summary>
/// Every input one project's evaluation read, each with the fingerprint of what it read (recorded as it is read, so
/// the fingerprint is of exactly what the facts were computed from). The key of the project's facts-cache entry.
/// </summary>
public sealed class EvaluationInputs
{
    private readonly Dictionary<EvaluationInput, Fingerprint> _read = new();

    public IReadOnlyDictionary<EvaluationInput, Fingerprint> Read => _read;

    /// <summary>False when an input could not be read (an unreadable file): such facts are never stored.</summary>
    public bool Storable { get; private set; } = true;

    public void Add(InputKind kind, string name, Fingerprint fingerprint)
    {
        var input = new EvaluationInput(kind, name);
        if (_read.TryGetValue(input, out var earlier) && earlier != fingerprint)
        {
            Storable = false; // read twice with different answers in one evaluation: nothing consistent to key by
        }

        _read[input] = fingerprint;
        Storable &= fingerprint != Fingerprint.Unreadable;
    }
}
