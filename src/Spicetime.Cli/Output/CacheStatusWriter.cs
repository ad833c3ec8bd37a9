using System.Text.Json;
using System.Text.Json.Nodes;
using Spicetime.Tree.Cache.Keys;
using Spicetime.Tree.Cache.Status;

namespace Spicetime.Cli.Output;

/// <summary>Writes <c>spicetime cache status</c> (text or json) and <c>cache explain</c> (text).</summary>
public static class CacheStatusWriter
{
    private static readonly string[] Order = { "hit", "current", "miss", "waits", "unknown", "not cached" };

    public static void Write(TextWriter output, IReadOnlyList<CacheStatusResult> results, string format, string location)
    {
        if (format == "json")
        {
            var array = new JsonArray();
            foreach (var r in results)
            {
                var entry = new JsonObject
                {
                    ["project"] = r.Project, ["targetFramework"] = r.TargetFramework, ["status"] = r.Status,
                    ["key"] = r.Key.Length > 0 ? r.Key : null,
                    ["waitsOn"] = new JsonArray(r.WaitsOn.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
                };
                if (r.Reason is not null)
                {
                    entry["reason"] = r.Reason;
                }

                array.Add((JsonNode)entry); // the JsonNode overload: Add<T> is neither trim- nor AOT-safe (IL2026, IL3050)
            }

            output.WriteLine(new JsonObject { ["cache"] = location, ["projects"] = array }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        var width = results.Select(Name).DefaultIfEmpty("").Max(n => n.Length);
        foreach (var r in results)
        {
            var detail = r.Status switch
            {
                "waits" => $"references {string.Join(", ", r.WaitsOn)}, which miss: known once compiled",
                "not cached" => r.Reason ?? "",
                _ => r.Key.Length > 0 ? $"key {r.Key[..16]}…" : "",
            };
            output.WriteLine($"{r.Status,-10} {Name(r).PadRight(width)}  {detail}".TrimEnd());
        }

        var counts = Order.Select(s => (s, n: results.Count(r => r.Status == s))).Where(c => c.n > 0).Select(c => $"{c.n} {c.s}");
        output.WriteLine($"{results.Count} project(s) against {location}: {string.Join(", ", counts)}");
    }

    public static void WriteExplanation(TextWriter output, CacheStatusResult result, IReadOnlyList<CompileInput> inputs, string? location)
    {
        var where = location is null ? "no cache asked" : result.Status switch
        {
            "hit" => $"in {location}",
            "current" => "its outputs are in obj/ already",
            "miss" => $"not in {location}",
            _ => result.Status,
        };
        output.WriteLine($"{Name(result)}: key {result.Key} ({where})");
        var kind = inputs.Select(i => i.Kind.Length).DefaultIfEmpty(0).Max();
        var name = inputs.Select(i => i.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var input in inputs)
        {
            var hash = input.Hash is null ? "" : "  " + (input.Hash.Length > 20 ? input.Hash.Replace("text:", "")[..16] : input.Hash);
            output.WriteLine($"  {input.Kind.PadRight(kind)}  {input.Name.PadRight(name)}  {input.Value}{hash}".TrimEnd());
        }
    }

    private static string Name(CacheStatusResult r) => r.TargetFramework.Length > 0 ? $"{r.Project} ({r.TargetFramework})" : r.Project;
}
