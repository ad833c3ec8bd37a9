namespace Spicetime.Tree.Affected.Rules;

// The three phases of an analysis, in order (AffectedAnalyzer lists the rules of each): a rule is a class implementing
// the interface of its phase; a new rule is a new class in that list.

/// <summary>Phase 1, nodes: reads the change and adds the nodes it affects (tree.json's state, files the scopes own).</summary>
public interface INodeRule
{
    void Apply(AffectedContext context);
}

/// <summary>
/// Phase 2, projects: for one project, with each changed file claimed by the rules that count it for that project
/// (<see cref="ProjectFiles"/>), adds the reasons the project is affected. Runs for every project, after every node rule.
/// </summary>
public interface IProjectRule
{
    void Apply(AffectedContext context, ProjectFiles project);
}

/// <summary>Phase 3, after the reference closure: adds what needs the final set of affected projects (branches only).</summary>
public interface IAfterReferencesRule
{
    void Apply(AffectedContext context);
}
