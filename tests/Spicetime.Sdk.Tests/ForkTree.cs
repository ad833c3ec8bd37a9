namespace Spicetime.Sdk.Tests;

/// <summary>The seed's tree (release → feature-A, feature-B) with real scopes, and projects whose code compiles only with what their fork inherits.</summary>
public static class ForkTree
{
    public const string TreeJson = """
        {
          "scopes": {
            "core": {
              "packages": { "Newtonsoft.Json": "13.0.1" },
              "properties": { "Nullable": "enable", "ImplicitUsings": "enable", "SpicetimeTestMarker": "core" },
              "projects": ["shared/Core/Core.csproj"]
            },
            "infra": { "packages": { "Serilog": "4.0.0" }, "properties": { "TreatWarningsAsErrors": "true" } },
            "frontend": { "properties": { "ThemeName": "light" } },
            "frontend-theme": { "properties": { "ThemeName": "dark" } },
            "backend": { "packages": { "Polly": "8.4.2" } }
          },
          "root": {
            "branch": "release", "version": "1.4.0", "scopes": ["core", "infra"],
            "children": [
              { "branch": "feature-A", "path": "forks/feature-a", "scopes": ["frontend"], "inherits": ["core", "infra"],
                "overrides": ["frontend-theme", { "packages": { "Newtonsoft.Json": "13.0.3" } }] },
              { "branch": "feature-B", "path": "forks/feature-b", "scopes": ["backend"], "inherits": ["infra"] }
            ]
          }
        }
        """;

    public const string Core = "shared/Core/Core.csproj";
    public const string Web = "forks/feature-a/Web/Web.csproj";
    public const string Api = "forks/feature-b/Api/Api.csproj";

    public static ConsumerRepo Create(string name)
    {
        var repo = new ConsumerRepo(name).Write("tree.json", TreeJson);
        // Core: Newtonsoft.Json from scope core, nullable annotations and implicit usings from core's properties.
        repo.Project(Core, code: """
            namespace Core;
            public sealed record Order(string Id, decimal Total)
            {
                public string ToJson() => Newtonsoft.Json.JsonConvert.SerializeObject(this);
                public static string? Describe(Order? order) => order?.Id;
            }
            """);
        // Web (feature-A): Core through the scope's project reference, Serilog from infra, List<T> via implicit usings.
        repo.Project(Web, code: """
            namespace Web;
            public static class Page
            {
                public static List<string> Render(Core.Order order)
                {
                    Serilog.Log.Information("render {Id}", order.Id);
                    return new List<string> { order.ToJson() };
                }
            }
            """);
        // Api (feature-B): Polly from backend, Serilog from infra; no core, so no Newtonsoft.Json and no implicit usings.
        repo.Project(Api, code: """
            namespace Api;
            public static class Retry
            {
                public static Polly.ResiliencePipeline Pipeline() => new Polly.ResiliencePipelineBuilder().Build();
                public static void Log() => Serilog.Log.Information("api");
            }
            """);
        return repo;
    }
}
