using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Resolution;

/// <summary>One step of the story of an entry: where it was set, inherited, replaced or where it shadows another scope's value.</summary>
public sealed record ExplanationStep(string Action, string Node, string? Scope, string? Value, SourcePosition Position, string Text);

/// <summary>Explains how a node came to hold an entry: the chain of nodes and scopes that set, passed on and replaced it.</summary>
public static class EntryExplainer
{
    public static IReadOnlyList<ExplanationStep> Explain(ResolvedNode node, NodeEntry entry)
    {
        var steps = new List<ExplanationStep>();
        var path = node.PathFromRoot();
        var history = entry.History().Reverse().ToList();
        var scope = entry.Source.Scope;

        for (var i = 0; i < history.Count; i++)
        {
            var step = history[i];
            var source = step.Source;
            var action = i == 0 ? "set" : "replaced";
            var text = source.Origin switch
            {
                EntryOrigin.Definition => $"{source.Node} sets {step.Value} in scope '{source.Scope}'",
                EntryOrigin.Extends => $"{source.Node} extends scope '{source.Scope}' with {step.Value}",
                _ => $"{source.Node} {Override(source)} sets {step.Value}",
            };
            if (i > 0)
            {
                text += $", replacing {history[i - 1].Value}";
            }

            if (source.FromLock)
            {
                text += $" (as tree.lock.json recorded it: {node.Branch} takes upstream changes manually; spicetime outdated says what changed since)";
            }

            steps.Add(new ExplanationStep(action, source.Node, source.Scope, step.Value, source.Position, text));

            // The nodes between this setter and the next one (or the asked node) received the entry by inheritance.
            var until = i + 1 < history.Count ? history[i + 1].Source.Node : node.Branch;
            var from = path.ToList().FindIndex(n => string.Equals(n.Branch, source.Node, StringComparison.OrdinalIgnoreCase));
            var to = path.ToList().FindIndex(n => string.Equals(n.Branch, until, StringComparison.OrdinalIgnoreCase));
            for (var k = from + 1; k >= 1 && k <= to; k++)
            {
                steps.Add(new ExplanationStep("inherited", path[k].Branch, scope, step.Value, SourcePosition.None,
                    $"{path[k].Branch} inherits scope '{scope}' from {path[k - 1].Branch}"));
            }
        }

        foreach (var shadowed in entry.Shadowed)
        {
            steps.Add(new ExplanationStep("shadowed", shadowed.Source.Node, shadowed.Source.Scope, shadowed.Value, shadowed.Source.Position,
                $"scope '{shadowed.Source.Scope}' also sets {shadowed.Value}; '{entry.Source.Scope}' wins as the later scope of {node.Branch}"));
        }

        return steps;
    }

    private static string Override(Provenance source) =>
        source.Override!.StartsWith("inline", StringComparison.Ordinal) ? $"({source.Override})" : $"override '{source.Override}'";
}
