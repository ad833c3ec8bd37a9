using Microsoft.Extensions.FileSystemGlobbing;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// Files a scope owns (its <c>paths</c> globs and <c>contracts</c> files) affect the nodes that have the scope, as
/// they resolved it: a fork whose override replaces a contract is not affected by the file it replaced. Each glob is
/// matched once against the changed files, not once per node.
/// </summary>
public sealed class ScopeFilesRule : INodeRule
{
    public void Apply(AffectedContext context)
    {
        if (context.After is null)
        {
            return;
        }

        var changed = context.Changes.Files;
        var globMatches = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var node in context.After.Nodes)
        {
            foreach (var path in node.Paths)
            {
                if (!globMatches.TryGetValue(path.Key, out var matched))
                {
                    globMatches[path.Key] = matched = Match(path.Key, changed);
                }

                foreach (var file in matched)
                {
                    context.AffectNode(node.Branch, Cause.File(file, $"matches {path.Key} of scope '{path.Source.Scope}'"), Cause.Node(node.Branch));
                }
            }

            foreach (var contract in node.Contracts)
            {
                if (changed.Contains(contract.Value, StringComparer.Ordinal))
                {
                    context.AffectNode(node.Branch, Cause.File(contract.Value, $"contract '{contract.Key}' of scope '{contract.Source.Scope}'"), Cause.Node(node.Branch));
                }
            }
        }
    }

    private static IReadOnlyList<string> Match(string glob, IReadOnlyList<string> files)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(glob);
        return files.Where(f => matcher.Match(f).HasMatches).ToList();
    }
}
