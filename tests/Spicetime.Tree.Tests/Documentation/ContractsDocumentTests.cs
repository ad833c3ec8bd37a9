using Spicetime.Tree.Contracts;
using Spicetime.Tree.Contracts.GraphQL;
using Spicetime.Tree.Contracts.OpenApi;

namespace Spicetime.Tree.Tests.Documentation;

/// <summary>docs/contracts.md lists every contract rule with its level, as the comparers define them.</summary>
public class ContractsDocumentTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(FixtureFiles.RepositoryRoot, "docs", "contracts.md"));

    private static IEnumerable<ContractRule> Rules() => OpenApiRules.All.Concat(GraphQLComparer.Rules);

    [TestCaseSource(nameof(Rules))]
    public void Every_rule_has_a_line_with_its_level(ContractRule rule) =>
        Assert.That(Document, Does.Contain($"| `{rule.Id}` | {rule.Level.ToString().ToLowerInvariant()} | {rule.Description} |"));
}
