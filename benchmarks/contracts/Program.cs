using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spicetime.Tree.Contracts;
using Spicetime.Tree.Contracts.GraphQL;
using Spicetime.Tree.Contracts.OpenApi;

// verdicts FILE  Spicetime's verdict on each pair of the GraphQL corpus (tests/Fixtures/Contracts/graphql-pairs.json): one JSON line per pair
// speed LINES    a pair of OpenAPI descriptions of about LINES lines each (one changed property): parse and compare, medians
return args switch
{
    ["verdicts", var corpus] => Verdicts(corpus),
    ["speed", var lines] => Speed(int.Parse(lines, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: verdicts CORPUS | speed LINES");
    return 2;
}

static int Verdicts(string corpus)
{
    string[] order = { "none", "safe", "dangerous", "breaking" };
    foreach (var pair in Spicetime.Tests.Fixtures.GraphQLPairs.Load(corpus))
    {
        GraphQLSchema Read(string text) => GraphQLSchema.Parse(text, out _) ?? throw new InvalidOperationException(pair.Name);
        var changes = GraphQLComparer.Compare(Read(pair.Old), Read(pair.New));
        var verdict = changes.Select(c => c.Level.ToString().ToLowerInvariant()).Append("none").MaxBy(l => Array.IndexOf(order, l))!;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            pair = pair.Name,
            verdict,
            changes = changes.Select(c => new { level = c.Level.ToString().ToLowerInvariant(), rule = c.Rule, message = c.Message }),
        }));
    }

    return 0;
}

// About LINES lines: N resources, each a path with GET (list) and GET by id, and a component schema with properties,
// enums, limits, nested arrays and a $ref; the fork's copy removes one response property of the last resource.
static int Speed(int lines)
{
    var resources = Math.Max(1, lines / 30);
    var before = Describe(resources, changed: false);
    var after = Describe(resources, changed: true);
    var parse = new List<double>();
    var compare = new List<double>();
    IReadOnlyList<ContractChange> changes = Array.Empty<ContractChange>();
    for (var run = 0; run < 7; run++)
    {
        var watch = Stopwatch.StartNew();
        var old = OpenApiContract.Parse(before, "before.yaml", out var e1) ?? throw new InvalidOperationException(e1.ToString());
        var now = OpenApiContract.Parse(after, "after.yaml", out var e2) ?? throw new InvalidOperationException(e2.ToString());
        parse.Add(watch.Elapsed.TotalMilliseconds);
        watch.Restart();
        changes = OpenApiComparer.Compare(old, now);
        compare.Add(watch.Elapsed.TotalMilliseconds);
    }

    static double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
    Console.WriteLine($"{before.Split('\n').Length} and {after.Split('\n').Length} lines, {resources} resources; 7 runs in one process (the first includes JIT)");
    Console.WriteLine($"  parse both: first {parse[0]:F1} ms, median {Median(parse):F1} ms");
    Console.WriteLine($"  compare:    first {compare[0]:F1} ms, median {Median(compare):F1} ms");
    Console.WriteLine($"  changes: {string.Join("; ", changes.Select(c => c.Message))}");
    return 0;
}

static string Describe(int resources, bool changed)
{
    const string path = """
          /r@I:
            get:
              operationId: list@I
              parameters:
                - { name: page, in: query, schema: { type: integer, minimum: 1, maximum: 1000 } }
                - { name: sort, in: query, schema: { type: string, enum: [asc, desc] } }
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { type: array, items: { $ref: "#/components/schemas/R@I" } }
          /r@I/{id}:
            get:
              operationId: get@I
              parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
              responses:
                "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/R@I" } } } }
                "404": { description: missing }

        """;
    const string schema = """
            R@I:
              type: object
              required: [id, name]
              properties:
                id: { type: string, format: uuid }
                name: { type: string, maxLength: 200 }
                status: { type: string, enum: [open, closed, archived] }
        @TOTAL        tags: { type: array, items: { type: string }, maxItems: 20 }
                owner: { $ref: "#/components/schemas/R@NEXT" }
                created: { type: string, format: date-time }

        """;
    var text = new StringBuilder("openapi: 3.1.0\ninfo: { title: Big, version: \"1\" }\npaths:\n");
    for (var i = 0; i < resources; i++)
    {
        text.Append(path.Replace("@I", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    text.Append("components:\n  schemas:\n");
    for (var i = 0; i < resources; i++)
    {
        var last = changed && i == resources - 1;
        text.Append(schema.Replace("@I", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@NEXT", ((i + 1) % resources).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@TOTAL", last ? string.Empty : "        total: { type: number, minimum: 0 }\n", StringComparison.Ordinal));
    }

    return text.ToString();
}
