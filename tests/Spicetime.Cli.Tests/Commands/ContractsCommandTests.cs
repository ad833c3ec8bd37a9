using System.Text.Json;

namespace Spicetime.Cli.Tests.Commands;

/// <summary>`spicetime contracts diff`: level by level in text and JSON, exit 1 on an unaccepted breaking change.</summary>
public class ContractsCommandTests
{
    private const string Tree = """
        { "scopes": { "api": { "contracts": { "orders-api": "contracts/orders.yaml" } } },
          "root": { "branch": "release", "scopes": ["api"], "children": [
            { "branch": "feature-A", "overrides": [ { "contracts": { "orders-api": "forks/a/orders.yaml" } } ] },
            { "branch": "feature-B" } ] } }
        """;

    private const string Parent = """
        openapi: 3.0.3
        info: { title: Orders, version: "1" }
        paths:
          /invoices:
            get:
              parameters: [ { name: page, in: query, schema: { type: integer } } ]
              responses:
                "200": { description: ok, content: { application/json: { schema: { type: object, properties: { status: { type: string, enum: [open, paid] } } } } } }
        """;

    private static TreeFolder Folder(string fork, string tree = Tree)
    {
        var folder = new TreeFolder(tree);
        Directory.CreateDirectory(Path.Combine(folder.Path, "contracts"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "forks", "a"));
        File.WriteAllText(Path.Combine(folder.Path, "contracts", "orders.yaml"), Parent);
        File.WriteAllText(Path.Combine(folder.Path, "forks", "a", "orders.yaml"), fork);
        return folder;
    }

    [Test]
    public void Breaking_changes_exit_1_and_are_listed_by_level_with_their_rules()
    {
        var fork = Parent.Replace("name: page, in: query,", "name: page, in: query, required: true,", StringComparison.Ordinal)
            .Replace("enum: [open, paid]", "enum: [open, paid, void]", StringComparison.Ordinal)
            .Replace("      responses:", "      deprecated: true\n      responses:", StringComparison.Ordinal);
        using var folder = Folder(fork);
        var text = folder.Run("contracts", "diff", "--branch", "feature-A");
        Assert.That(text.ExitCode, Is.EqualTo(1), text.ToString());
        var lines = text.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[0], Is.EqualTo("feature-A: contract 'orders-api' (openapi) forks/a/orders.yaml against release's contracts/orders.yaml"));
        Assert.That(lines[1], Is.EqualTo("breaking   GET /invoices: query parameter 'page' became required  [request-parameter-became-required]"));
        Assert.That(lines[2], Does.StartWith("dangerous  GET /invoices: response 200 application/json.status: enum value \"void\" added"));
        Assert.That(lines[3], Is.EqualTo("safe       GET /invoices: operation deprecated  [operation-deprecated]"));
        Assert.That(lines[4], Is.EqualTo("1 breaking (0 accepted), 1 dangerous, 1 safe"));

        using var json = JsonDocument.Parse(folder.Run("contracts", "diff", "--branch", "feature-A", "--format", "json").Output);
        Assert.That(json.RootElement.GetProperty("failed").GetBoolean(), Is.True);
        var change = json.RootElement.GetProperty("contracts")[0].GetProperty("changes")[0];
        Assert.That(change.GetProperty("level").GetString(), Is.EqualTo("breaking"));
        Assert.That(change.GetProperty("rule").GetString(), Is.EqualTo("request-parameter-became-required"));
        Assert.That(change.GetProperty("path").GetString(), Is.EqualTo("GET /invoices"));
        Assert.That(change.GetProperty("accepted").GetBoolean(), Is.False);
    }

    [Test]
    public void An_accepted_or_compatible_fork_exits_0_and_a_fork_without_changes_says_so()
    {
        var fork = Parent.Replace("name: page, in: query,", "name: page, in: query, required: true,", StringComparison.Ordinal);
        using var folder = Folder(fork, Tree.Replace("\"forks/a/orders.yaml\" } }", "\"forks/a/orders.yaml\" }, \"accept\": [\"request-parameter-became-required GET /invoices\"] }", StringComparison.Ordinal));
        var run = folder.Run("contracts", "diff", "--branch", "feature-A");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("[request-parameter-became-required] (accepted)"));
        Assert.That(folder.Run("contracts", "diff", "--branch", "feature-B").Output, Does.Contain("feature-B: no contract differs from release's."));
        Assert.That(folder.Run("contracts", "diff").ExitCode, Is.EqualTo(2), "--branch is required");
    }
}
