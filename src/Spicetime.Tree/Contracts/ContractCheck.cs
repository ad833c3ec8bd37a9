using System.Security.Cryptography;
using System.Text;
using Spicetime.Tree.Contracts.GraphQL;
using Spicetime.Tree.Contracts.OpenApi;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Framework;
using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Contracts;

/// <summary>One contract of a fork compared with its parent's: the files, every change, and which are accepted.</summary>
public sealed record ContractComparison(
    string Contract,
    string Format,
    string ParentFile,
    string File,
    IReadOnlyList<ContractChange> Changes,
    IReadOnlyList<ContractChange> Accepted,
    bool BreakingAllowed)
{
    /// <summary>Breaking changes that fail the fork's build: not accepted, and the override does not say "breaking": true.</summary>
    public IEnumerable<ContractChange> Failing =>
        BreakingAllowed ? Enumerable.Empty<ContractChange>() : Changes.Where(c => c.Level == ChangeLevel.Breaking && !Accepted.Contains(c));
}

/// <summary>What checking a fork's contracts found: one comparison per contract that differs from the parent's, and diagnostics.</summary>
public sealed record ContractCheckResult(string Branch, IReadOnlyList<ContractComparison> Comparisons, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Failed => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// The contract rule (SPEC "API contracts"): a fork whose contract differs from its parent's must stay backward
/// compatible with it. For each contract of the node whose file is not the parent's, both files are read
/// (OpenAPI by <see cref="OpenApiContract"/>, GraphQL SDL by <see cref="GraphQLSchema"/>, told by extension) and compared
/// (<see cref="OpenApiComparer"/>, <see cref="GraphQLComparer"/>). Breaking changes are SPT0701 errors unless accepted
/// (<c>"accept"</c> in an override of the node or of an ancestor: a change's message, or a rule id and path) or the
/// content that set the contract says <c>"breaking": true</c>; dangerous ones SPT0702 warnings; an acceptance that matches
/// no change any more SPT0703. Comparisons are kept in a <see cref="ContractComparisons"/> by the two files' content.
/// </summary>
public static class ContractCheck
{
    /// <param name="cache">Where comparisons are kept by content (a build's, <see cref="Build.BuildCaches.Contracts"/>); null: compare now.</param>
    public static ContractCheckResult ForNode(ResolvedTree tree, ResolvedNode node, ContractComparisons? cache = null)
    {
        cache ??= new ContractComparisons(capacity: 1);
        var diagnostics = new DiagnosticBag(tree.Manifest.FilePath);
        var comparisons = new List<ContractComparison>();
        if (node.Parent is null)
        {
            return new ContractCheckResult(node.Branch, comparisons, diagnostics.Items);
        }

        var accepts = Acceptances(tree, node);
        var used = new HashSet<Located<string>>();
        foreach (var (contract, inherited) in Changed(node))
        {
            var compared = Compare(tree.Manifest.Directory, inherited.Value, contract.Value, diagnostics, cache);
            if (compared is null)
            {
                continue;
            }

            var accepted = new List<ContractChange>();
            foreach (var change in compared.Changes)
            {
                var matching = accepts.Where(a => Matches(a.Value, change)).ToList();
                if (matching.Count > 0)
                {
                    accepted.Add(change);
                    used.UnionWith(matching);
                }
            }

            var breakingAllowed = BreakingAllowed(tree, node, contract);
            var comparison = new ContractComparison(contract.Key, compared.Format, inherited.Value, contract.Value, compared.Changes, accepted, breakingAllowed);
            comparisons.Add(comparison);
            foreach (var change in comparison.Failing)
            {
                diagnostics.Report(DiagnosticCodes.ContractBroken, contract.Source.Position,
                    $"{node.Branch}'s contract '{contract.Key}' ({contract.Value}) breaks {node.Parent.Branch}'s ({inherited.Value}): {change.Message} [{change.Rule}]; keep it compatible, accept it in the override (\"accept\": [\"{change.Message}\"]), or mark the override \"breaking\": true");
            }

            foreach (var change in compared.Changes.Where(c => c.Level == ChangeLevel.Dangerous && !accepted.Contains(c)))
            {
                diagnostics.Report(DiagnosticCodes.ContractDangerous, contract.Source.Position,
                    $"{node.Branch}'s contract '{contract.Key}' ({contract.Value}) changes {node.Parent.Branch}'s ({inherited.Value}) in a way clients may notice: {change.Message} [{change.Rule}]");
            }
        }

        // Acceptances of this node's own overrides that matched nothing (an ancestor's may serve its other forks).
        foreach (var accept in OwnAcceptances(tree, node).Where(a => !used.Contains(a)))
        {
            diagnostics.Report(DiagnosticCodes.StaleAcceptance, accept.Position,
                $"{node.Branch} accepts the contract change '{accept.Value}', which no contract of it makes against {node.Parent.Branch} now; remove it from \"accept\"");
        }

        return new ContractCheckResult(node.Branch, comparisons, diagnostics.Items);
    }

    /// <summary>
    /// The node's contracts whose file is not its parent's, each with the parent's: what the check compares (a contract
    /// the parent lacks is an addition, and the parent's own file needs no comparison). The build's inputs come from here.
    /// </summary>
    public static IEnumerable<(NodeEntry Contract, NodeEntry Inherited)> Changed(ResolvedNode node)
    {
        if (node.Parent is null)
        {
            yield break;
        }

        foreach (var contract in node.Contracts)
        {
            if (node.Parent.Find(EntryKind.Contract, contract.Key) is { } inherited && !string.Equals(inherited.Value, contract.Value, StringComparison.Ordinal))
            {
                yield return (contract, inherited);
            }
        }
    }

    /// <summary>An acceptance matches a change by its message, or by "rule path" (the rule id, a space, the element path).</summary>
    public static bool Matches(string accept, ContractChange change)
    {
        var text = accept.Trim();
        return string.Equals(text, change.Message, StringComparison.Ordinal)
            || string.Equals(text, $"{change.Rule} {change.Path}", StringComparison.Ordinal);
    }

    private static List<Located<string>> Acceptances(ResolvedTree tree, ResolvedNode node) =>
        node.PathFromRoot().SelectMany(n => OwnAcceptances(tree, n)).ToList();

    private static IEnumerable<Located<string>> OwnAcceptances(ResolvedTree tree, ResolvedNode node) =>
        node.Definition.Overrides.SelectMany(o => Content(tree, o)?.Accept ?? new List<Located<string>>());

    private static ScopeContent? Content(ResolvedTree tree, OverrideDefinition @override) =>
        @override.Inline ?? (@override.ScopeName is { } name && tree.Manifest.Scopes.TryGetValue(name, out var scope) ? scope.Content : null);

    /// <summary>"breaking": true on the content that set the fork's contract (its override, extends or owned scope).</summary>
    private static bool BreakingAllowed(ResolvedTree tree, ResolvedNode node, NodeEntry contract)
    {
        var source = contract.Source;
        var definition = node.Definition;
        return source.Origin switch
        {
            EntryOrigin.Override => definition.Overrides.Where(o => o.Label == source.Override).Any(o => Content(tree, o)?.Breaking == true),
            EntryOrigin.Extends => definition.Extends.Any(e => e.Scope.Value == source.Scope && e.Content.Breaking),
            _ => tree.Manifest.Scopes.TryGetValue(source.Scope, out var scope) && scope.Content.Breaking,
        };
    }

    private static ComparedFiles? Compare(string treeDirectory, string parentFile, string file, DiagnosticBag diagnostics, ContractComparisons cache)
    {
        var parentText = Read(treeDirectory, parentFile, diagnostics);
        var text = Read(treeDirectory, file, diagnostics);
        if (parentText is null || text is null)
        {
            return null;
        }

        var format = IsGraphQL(file) ? "graphql" : "openapi";
        if (IsGraphQL(parentFile) != IsGraphQL(file))
        {
            diagnostics.Add(DiagnosticCodes.ContractUnreadable.Create(
                $"{file} is {(IsGraphQL(file) ? "GraphQL" : "OpenAPI")} but the parent's {parentFile} is not: a contract keeps its kind", Path.Combine(treeDirectory, file), SourcePosition.None));
            return null;
        }

        var key = format + ":" + Hash(parentText) + ":" + Hash(text);
        if (cache.Cache.TryGet(key, out var cached))
        {
            return cached;
        }

        IReadOnlyList<ContractChange>? changes = format == "graphql"
            ? CompareGraphQL(treeDirectory, parentFile, parentText, file, text, diagnostics)
            : CompareOpenApi(treeDirectory, parentFile, parentText, file, text, diagnostics);
        if (changes is null)
        {
            return null;
        }

        cache.Counted();
        var result = new ComparedFiles(format, changes);
        cache.Cache.Set(key, result);
        return result;
    }

    private static IReadOnlyList<ContractChange>? CompareGraphQL(string directory, string parentFile, string parentText, string file, string text, DiagnosticBag diagnostics)
    {
        var before = GraphQLSchema.Parse(parentText, out var e1);
        Unreadable(directory, parentFile, e1, diagnostics);
        var after = GraphQLSchema.Parse(text, out var e2);
        Unreadable(directory, file, e2, diagnostics);
        return before is null || after is null ? null : GraphQLComparer.Compare(before, after);
    }

    private static IReadOnlyList<ContractChange>? CompareOpenApi(string directory, string parentFile, string parentText, string file, string text, DiagnosticBag diagnostics)
    {
        var before = OpenApiContract.Parse(parentText, parentFile, out var e1);
        Unreadable(directory, parentFile, e1, diagnostics);
        var after = OpenApiContract.Parse(text, file, out var e2);
        Unreadable(directory, file, e2, diagnostics);
        return before is null || after is null ? null : OpenApiComparer.Compare(before, after);
    }

    private static void Unreadable(string directory, string file, (int Line, int Column, string Message)? error, DiagnosticBag diagnostics)
    {
        if (error is { } e)
        {
            diagnostics.Add(DiagnosticCodes.ContractUnreadable.Create($"{file} does not parse: {e.Message}", Path.Combine(directory, file), new SourcePosition(e.Line, e.Column)));
        }
    }

    /// <summary>Reads a contract file (tree.json's loader already kept its path inside the repository, links included).</summary>
    private static string? Read(string treeDirectory, string file, DiagnosticBag diagnostics)
    {
        var full = Path.GetFullPath(Path.Combine(treeDirectory, file));
        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCodes.ContractUnreadable.Create($"{file} cannot be read: {e.Message}", full, SourcePosition.None));
            return null;
        }
    }

    private static bool IsGraphQL(string file) =>
        file.EndsWith(".graphql", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".graphqls", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".gql", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".sdl", StringComparison.OrdinalIgnoreCase);

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>Two contract files compared: their format and every change.</summary>
internal sealed record ComparedFiles(string Format, IReadOnlyList<ContractChange> Changes);

/// <summary>
/// Contract comparisons kept by the content of both files (SHA-256 of each), the most recent <paramref name="capacity"/>:
/// a fork's projects share one comparison, and an unchanged pair is not compared again.
/// </summary>
public sealed class ContractComparisons(int capacity = 64)
{
    private int _computed;

    internal BoundedCache<ComparedFiles> Cache { get; } = new(capacity);

    /// <summary>Comparisons actually computed (for tests: once per content pair).</summary>
    public int Computed => Volatile.Read(ref _computed);

    internal void Counted() => Interlocked.Increment(ref _computed);
}
