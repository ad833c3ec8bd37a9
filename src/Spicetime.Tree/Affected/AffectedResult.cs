namespace Spicetime.Tree.Affected;

/// <summary>An affected project or branch and why: each reason is a causal chain from the changed file to it.</summary>
public sealed record AffectedItem(string Name, string? Branch, IReadOnlyList<AffectedReason> Reasons);

/// <summary>
/// What a change affects: projects (relative paths, sorted) and branches (nodes whose own state changed or that own a
/// changed file). <see cref="Required"/> holds the projects that are not affected but that affected projects reference,
/// transitively: a build of the affected set needs them built, and nothing else. <see cref="Imprecisions"/> say where
/// the reader could not evaluate a project file and counted conservatively (SPT0403).
/// </summary>
public sealed record AffectedResult(IReadOnlyList<AffectedItem> Projects, IReadOnlyList<AffectedItem> Branches, IReadOnlyList<AffectedItem> Required)
{
    public AffectedResult(IReadOnlyList<AffectedItem> projects, IReadOnlyList<AffectedItem> branches)
        : this(projects, branches, Array.Empty<AffectedItem>())
    {
    }

    public IReadOnlyList<Diagnostics.Diagnostic> Imprecisions { get; init; } = Array.Empty<Diagnostics.Diagnostic>();
}
