using System.Text.Json;
using Json.Schema;

namespace Spicetime.Tree.Tests.Documentation;

/// <summary>The shipped JSON schema accepts every tree.json the project ships and rejects what the loader rejects.</summary>
public class SchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(FixtureFiles.RepositoryRoot, "schemas", "tree.schema.json"));

    private static EvaluationResults Evaluate(string json) =>
        Schema.Evaluate(JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }).RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static IEnumerable<string> SampleTrees() =>
        Directory.EnumerateFiles(Path.Combine(FixtureFiles.RepositoryRoot, "samples"), "tree.json", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(FixtureFiles.RepositoryRoot, p));

    [Test]
    public void Accepts_the_seed_and_full_manifests_of_the_spec()
    {
        Assert.That(Evaluate(Manifest.Seed).IsValid, Is.True);
        Assert.That(Evaluate(Manifest.Full).IsValid, Is.True);
    }

    [Test]
    public void The_samples_have_tree_files() => Assert.That(SampleTrees(), Is.Not.Empty);

    [TestCaseSource(nameof(SampleTrees))]
    public void Accepts_every_sample(string relativePath)
    {
        var path = Path.Combine(FixtureFiles.RepositoryRoot, relativePath);
        var results = Evaluate(File.ReadAllText(path));
        Assert.That(results.IsValid, Is.True, () => string.Join("\n", (results.Details ?? new List<EvaluationResults>()).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        Assert.That(TreeFile.Load(path).Succeeded, Is.True, "and Spicetime loads it");
    }

    [TestCase("""{"root": {"branch": "main", "scopes": "core"}}""")]
    [TestCase("""{"root": {"scopes": []}}""")]
    [TestCase("""{"root": {"branch": "main", "inherit": []}}""")]
    [TestCase("""{"root": {"branch": "main", "updates": "weekly"}}""")]
    [TestCase("""{"root": {"branch": "main", "path": "/abs"}}""")]
    [TestCase("""{"scopes": {"a": {"packages": {"X": 1}}}, "root": {"branch": "main"}}""")]
    public void Rejects_what_the_loader_rejects(string json) => Assert.That(Evaluate(json).IsValid, Is.False);

    [Test]
    public void The_schema_and_the_loader_know_the_same_keys()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureFiles.RepositoryRoot, "schemas", "tree.schema.json")));
        IEnumerable<string> Keys(JsonElement element) => element.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order();
        var definitions = schema.RootElement.GetProperty("$defs");
        Assert.That(Keys(schema.RootElement), Is.EqualTo(Spicetime.Tree.Loading.TreeManifestLoader.TopLevelKeys.Order()));
        Assert.That(Keys(definitions.GetProperty("scopeContent")), Is.EqualTo(Spicetime.Tree.Loading.TreeManifestLoader.ScopeKeys.Order()));
        Assert.That(Keys(definitions.GetProperty("node")), Is.EqualTo(Spicetime.Tree.Loading.TreeManifestLoader.NodeKeys.Order()));
    }
}
