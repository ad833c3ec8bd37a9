using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spicetime.Tree.Cache.Keys;

/// <summary>
/// What a build records of a project's key, beside its outputs (<c>spicetime.cache-key.json</c> in the intermediate
/// folder): the key and every input with its value and hash, as <c>spicetime cache explain</c> prints it.
/// </summary>
public static class KeyExplanation
{
    public const string FileName = "spicetime.cache-key.json";

    /// <summary>The file a test run's key is recorded in, beside the compile key's.</summary>
    public const string TestFileName = "spicetime.test-key.json";

    public static string Write(CompileKey key, string project) => Write(CompileKey.Format, key.Key, key.Inputs, project);

    public static string Write(string format, string key, IReadOnlyList<CompileInput> keyInputs, string project)
    {
        var inputs = new JsonArray();
        foreach (var input in keyInputs)
        {
            var entry = new JsonObject { ["kind"] = input.Kind, ["name"] = input.Name, ["value"] = input.Value };
            if (input.Hash is not null)
            {
                entry["hash"] = input.Hash;
            }

            inputs.Add((JsonNode)entry); // the JsonNode overload: Add<T> is neither trim- nor AOT-safe (IL2026, IL3050)
        }

        var document = new JsonObject { ["format"] = format, ["project"] = project, ["key"] = key, ["inputs"] = inputs };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The key and inputs a recorded file holds, or null when it is not one (another format, damaged).</summary>
    public static (string Project, string Key, IReadOnlyList<CompileInput> Inputs)? Read(string json)
    {
        try
        {
            var document = JsonNode.Parse(json) as JsonObject;
            if (document is null || (string?)document["format"] is not (CompileKey.Format or Tests.TestRunKey.Format) || document["inputs"] is not JsonArray inputs)
            {
                return null;
            }

            var list = inputs.OfType<JsonObject>()
                .Select(i => new CompileInput((string?)i["kind"] ?? "", (string?)i["name"] ?? "", (string?)i["value"] ?? "", (string?)i["hash"]))
                .ToList();
            return ((string?)document["project"] ?? "", (string?)document["key"] ?? "", list);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
