namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// One rule of docs/selective-builds.md: reads the change and adds the nodes or projects it affects, each with its
/// chain of reasons. Rules run in the order <see cref="AffectedAnalyzer"/> lists them; a new rule is a new class.
/// </summary>
public interface IAffectedRule
{
    void Apply(AffectedContext context);
}
