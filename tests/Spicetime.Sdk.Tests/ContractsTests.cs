namespace Spicetime.Sdk.Tests;

/// <summary>
/// API contracts in real builds: a fork whose OpenAPI override removes a response property and makes a query parameter
/// required fails with SPT0701 naming each change; it builds once it accepts them, or with "breaking": true; additions
/// build; an unchanged fork is not checked again.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class ContractsTests
{
    private const string Parent = """
        openapi: 3.1.0
        info: { title: Orders, version: "1" }
        paths:
          /invoices:
            get:
              parameters:
                - { name: page, in: query, schema: { type: integer } }
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [id, total]
                        properties: { id: { type: string }, total: { type: number } }
        """;

    private static ConsumerRepo Repo(string name, string forkContract, string overrideExtra = "")
    {
        var repo = new ConsumerRepo(name)
            .Write("contracts/orders.yaml", Parent)
            .Write("forks/a/orders.yaml", forkContract)
            .Write("tree.json", $$"""
                { "scopes": { "api": { "contracts": { "orders-api": "contracts/orders.yaml" } } },
                  "root": { "branch": "release", "scopes": ["api"], "children": [
                    { "branch": "feature-A", "path": "forks/a",
                      "overrides": [ { "contracts": { "orders-api": "forks/a/orders.yaml" } {{overrideExtra}} } ] } ] } }
                """);
        repo.Project("forks/a/Web/Web.csproj").Project("src/Service/Service.csproj");
        return repo;
    }

    private static readonly string Breaking = Parent
        .Replace("name: page, in: query,", "name: page, in: query, required: true,", StringComparison.Ordinal)
        .Replace("required: [id, total]\n                properties: { id: { type: string }, total: { type: number } }", "required: [id]\n                properties: { id: { type: string } }", StringComparison.Ordinal);

    [Test]
    public void A_fork_that_breaks_its_parents_contract_fails_naming_each_change_and_the_parent_builds()
    {
        Assert.That(Breaking, Is.Not.EqualTo(Parent));
        var repo = Repo("contracts-break", Breaking);
        var build = repo.Dotnet("build", "forks/a/Web/Web.csproj");
        Assert.That(build.ExitCode, Is.Not.EqualTo(0), build.ToString());
        Assert.That(build.Output, Does.Contain("error SPT0701: feature-A's contract 'orders-api' (forks/a/orders.yaml) breaks release's (contracts/orders.yaml): GET /invoices: query parameter 'page' became required [request-parameter-became-required]"));
        Assert.That(build.Output, Does.Contain("GET /invoices: response 200 application/json: property 'total' removed [response-property-removed]"));
        Assert.That(build.Output, Does.Contain("tree.json(4,53): error SPT0701"), "positioned at the contract of the override in tree.json");
        repo.Dotnet("build", "src/Service/Service.csproj").ShouldSucceed();
    }

    [Test]
    public void Accepting_each_change_or_marking_the_override_breaking_lets_it_build_and_a_stale_acceptance_warns()
    {
        var accepted = Repo("contracts-accept", Breaking,
            ", \"accept\": [\"GET /invoices: query parameter 'page' became required\", \"response-property-removed GET /invoices\", \"path-removed /gone\"]");
        var build = accepted.Dotnet("build", "forks/a/Web/Web.csproj").ShouldSucceed();
        Assert.That(build.Output, Does.Contain("warning SPT0703").And.Contain("'path-removed /gone'"));

        Repo("contracts-breaking", Breaking, ", \"breaking\": true").Dotnet("build", "forks/a/Web/Web.csproj").ShouldSucceed();
    }

    [Test]
    public void Additions_build_and_an_unchanged_fork_is_not_checked_again()
    {
        var extended = Parent.Replace("properties: { id: { type: string }, total: { type: number } }",
            "properties: { id: { type: string }, total: { type: number }, currency: { type: string } }", StringComparison.Ordinal);
        Assert.That(extended, Is.Not.EqualTo(Parent));
        var repo = Repo("contracts-extend", extended);
        var first = repo.Dotnet("build", "forks/a/Web/Web.csproj", "-v:n").ShouldSucceed();
        Assert.That(first.Output, Does.Contain("'orders-api' 1 change(s), 0 failing"));
        var second = repo.Dotnet("build", "forks/a/Web/Web.csproj", "-v:n").ShouldSucceed();
        Assert.That(second.Output, Does.Not.Contain("'orders-api' 1 change(s)"));
        Assert.That(second.Output, Does.Contain("Skipping target \"SpicetimeCheckContracts\""));
    }
}
