using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spicetime.Tree.Cache.Status;

/// <summary>
/// One project's answer to <c>spicetime cache status</c>: its compile key and what a build would find for it —
/// <c>hit</c> (the cache holds its outputs), <c>current</c> (its obj/ already holds them), <c>miss</c>, <c>waits</c> (a
/// referenced project misses, so this key is known only once that one is compiled: <see cref="WaitsOn"/>), or
/// <c>not cached</c> (<see cref="Reason"/>). Written by the build (one file per project and framework in the folder
/// the CLI names), read back by the CLI. <see cref="ProjectFile"/> is the full path; <see cref="Project"/> the path
/// relative to tree.json's folder, as affected and the timings name it.
/// </summary>
public sealed record CacheStatusResult(string ProjectFile, string Project, string TargetFramework, string Status, string Key, IReadOnlyList<string> WaitsOn,
    string? Reason, string? Explanation)
{
    public const string Format = "spicetime-cache-status/v1";

    /// <summary>The file a project's result goes to in <paramref name="folder"/> (one per project and framework).</summary>
    public static string FileFor(string folder, string projectFile, string targetFramework) =>
        Path.Combine(folder, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{Path.GetFullPath(projectFile)}|{targetFramework}")))[..16].ToLowerInvariant() + ".json");

    public string ToJson()
    {
        var json = new JsonObject
        {
            ["format"] = Format, ["projectFile"] = ProjectFile, ["project"] = Project, ["targetFramework"] = TargetFramework, ["status"] = Status, ["key"] = Key,
            ["waitsOn"] = new JsonArray(WaitsOn.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
        };
        if (Reason is not null)
        {
            json["reason"] = Reason;
        }

        if (Explanation is not null)
        {
            json["explanation"] = Explanation;
        }

        return json.ToJsonString();
    }

    public static CacheStatusResult? FromJson(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is not JsonObject json || (string?)json["format"] != Format)
            {
                return null;
            }

            return new CacheStatusResult((string?)json["projectFile"] ?? "", (string?)json["project"] ?? "", (string?)json["targetFramework"] ?? "", (string?)json["status"] ?? "",
                (string?)json["key"] ?? "", (json["waitsOn"] as JsonArray)?.Select(w => (string?)w ?? "").ToList() ?? new List<string>(),
                (string?)json["reason"], (string?)json["explanation"]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
