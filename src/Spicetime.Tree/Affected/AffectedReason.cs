namespace Spicetime.Tree.Affected;

/// <summary>What one link of a causal chain names.</summary>
public enum CauseKind
{
    /// <summary>A changed file (the first link of every chain), with what changed in it.</summary>
    File,

    /// <summary>A node of tree.json (a fork branch).</summary>
    Node,

    /// <summary>A project that is affected.</summary>
    Project,

    /// <summary>A project affected because it references the project before it in the chain.</summary>
    ReferencedBy,
}

/// <summary>One link of a causal chain.</summary>
/// <param name="Name">The file, branch or project path (relative to tree.json's folder, '/' separators).</param>
/// <param name="Detail">Why the link follows from the one before (a file: how it matters; a project: what it uses);
/// for a file with a <paramref name="Change"/>, only when the change alone does not say it (a new node).</param>
/// <param name="Change">For a file: the entry that changed in it, when the file's content was compared.</param>
public sealed record Cause(CauseKind Kind, string Name, string? Detail = null, EntryChange? Change = null)
{
    public static Cause File(string path, string detail) => new(CauseKind.File, path, detail);

    public static Cause File(string path, EntryChange change) => new(CauseKind.File, path, null, change);

    public static Cause Node(string branch) => new(CauseKind.Node, branch);

    public static Cause Project(string path, string? detail = null) => new(CauseKind.Project, path, detail);

    public static Cause ReferencedBy(string path) => new(CauseKind.ReferencedBy, path);

    /// <summary>The link as people read it: "tree.json: …", "node beta", "project X (uses Y)", "referenced by Z".</summary>
    public override string ToString() => Kind switch
    {
        CauseKind.File => (Detail ?? Change?.ToString()) is { } what ? $"{Name}: {what}" : Name,
        CauseKind.Node => $"node {Name}",
        CauseKind.Project => Detail is null ? $"project {Name}" : $"project {Name} ({Detail})",
        _ => $"referenced by {Name}",
    };
}

/// <summary>
/// Why a project or branch is affected: a causal chain from a changed file to it, e.g.
/// <c>tree.json: packages.Newtonsoft.Json 13.0.3 -> 13.0.4 (release/shared) -> node beta -> project B1 -> referenced by B2</c>.
/// The links are kept apart (<see cref="Causes"/>) for machines; <see cref="ToString"/> is the line people read.
/// </summary>
public sealed class AffectedReason : IEquatable<AffectedReason>
{
    private readonly string _text;

    public AffectedReason(IReadOnlyList<Cause> causes)
    {
        if (causes.Count == 0)
        {
            throw new ArgumentException("A reason has at least one link.", nameof(causes));
        }

        Causes = causes;
        _text = string.Join(" -> ", causes);
    }

    public AffectedReason(params Cause[] causes)
        : this((IReadOnlyList<Cause>)causes)
    {
    }

    public IReadOnlyList<Cause> Causes { get; }

    /// <summary>The same chain, one link longer.</summary>
    public AffectedReason Then(Cause next) => new([.. Causes, next]);

    public override string ToString() => _text;

    public bool Equals(AffectedReason? other) => other is not null && other._text == _text;

    public override bool Equals(object? obj) => Equals(obj as AffectedReason);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);
}
