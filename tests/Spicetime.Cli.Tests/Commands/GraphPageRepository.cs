using System.Text.Json.Nodes;

namespace Spicetime.Cli.Tests.Commands;

/// <summary>
/// A git repository of three forks and five projects for the graph page's tests: release (App), alpha (A1, and A2 that
/// references it), beta (B1; its override replaces release's Newtonsoft.Json), and a shared project every project on
/// Spicetime.Sdk gets from scope 'shared'. The second commit edits A1's code (so <c>--base HEAD~1</c> affects A1 and A2).
/// </summary>
internal sealed class GraphPageRepository : IDisposable
{
    public const string Tree = """
        {"scopes": {"shared": {"packages": {"Newtonsoft.Json": "13.0.3"}, "properties": {"Nullable": "enable"},
                               "projects": ["shared/Core/Core.csproj"]},
                    "infra": {"packages": {"Serilog": "[4.0.0,5.0.0)"}}},
         "root": {"branch": "release", "path": "release", "version": "1.4.0", "scopes": ["shared", "infra"], "children": [
           {"branch": "alpha", "path": "forks/alpha"},
           {"branch": "beta", "path": "forks/beta", "inherits": ["shared"], "overrides": [{"packages": {"Newtonsoft.Json": "13.0.1"}}]}]}}
        """;

    public GraphPageRepository()
    {
        Git = new GitWorkspace();
        Git.Write("tree.json", Tree)
            .Write("shared/Core/Core.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""")
            .Write("release/App/App.csproj", """<Project Sdk="Spicetime.Sdk" />""")
            .Write("forks/alpha/A1/A1.csproj", """<Project Sdk="Spicetime.Sdk" />""")
            .Write("forks/alpha/A1/Code.cs", "class A1 { }\n")
            .Write("forks/alpha/A2/A2.csproj", """<Project Sdk="Spicetime.Sdk"><ItemGroup><ProjectReference Include="../A1/A1.csproj" /></ItemGroup></Project>""")
            .Write("forks/beta/B1/B1.csproj", """<Project Sdk="Spicetime.Sdk" />""");
        Git.Commit("init");
        Git.Edit("forks/alpha/A1/Code.cs", "{ }", "{ int X; }");
        Git.Commit("edit A1");
    }

    public GitWorkspace Git { get; }

    public string Root => Git.Root;

    /// <summary>Writes the page (spicetime graph --format html -o NAME, and the extra arguments) and returns its path.</summary>
    public string WritePage(string name, params string[] args)
    {
        var run = CliRun.In(Root, new[] { "graph", "--format", "html", "--output", name }.Concat(args).ToArray());
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return Path.Combine(Root, name);
    }

    /// <summary>The JSON the page embeds (its script element of type application/json).</summary>
    public static JsonNode PageData(string page)
    {
        var html = File.ReadAllText(page);
        const string open = "<script type=\"application/json\" id=\"spicetime-data\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(open.Length), "the page embeds its data");
        return JsonNode.Parse(html[start..end])!;
    }

    public void Dispose() => Git.Dispose();
}
