using Spicetime.Tree.Json;
using Spicetime.Tree.Contracts;

namespace Spicetime.Cli.Output;

/// <summary>`spicetime contracts diff`: each compared contract and its changes, level by level (text), or the same as JSON.</summary>
internal static class ContractsWriter
{
    private static readonly ChangeLevel[] Levels = { ChangeLevel.Breaking, ChangeLevel.Dangerous, ChangeLevel.Safe };

    public static void Text(TextWriter output, ContractCheckResult result, string parent)
    {
        if (result.Comparisons.Count == 0)
        {
            output.WriteLine($"{result.Branch}: no contract differs from {parent}'s.");
            return;
        }

        foreach (var comparison in result.Comparisons)
        {
            output.WriteLine($"{result.Branch}: contract '{comparison.Contract}' ({comparison.Format}) {comparison.File} against {parent}'s {comparison.ParentFile}{(comparison.BreakingAllowed ? " (the override says \"breaking\": true)" : string.Empty)}");
            foreach (var level in Levels)
            {
                foreach (var change in comparison.Changes.Where(c => c.Level == level))
                {
                    var accepted = comparison.Accepted.Contains(change) ? " (accepted)" : string.Empty;
                    output.WriteLine($"  {level.ToString().ToLowerInvariant(),-9}  {change.Message}  [{change.Rule}]{accepted}");
                }
            }

            var breaking = comparison.Changes.Count(c => c.Level == ChangeLevel.Breaking);
            output.WriteLine($"  {breaking} breaking ({comparison.Accepted.Count(c => c.Level == ChangeLevel.Breaking)} accepted), " +
                $"{comparison.Changes.Count(c => c.Level == ChangeLevel.Dangerous)} dangerous, {comparison.Changes.Count(c => c.Level == ChangeLevel.Safe)} safe");
        }
    }

    public static void Json(TextWriter output, ContractCheckResult result, string parent) =>
        output.WriteLine(JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("branch", result.Branch);
            json.WriteString("parent", parent);
            json.WriteBoolean("failed", result.Comparisons.Any(c => c.Failing.Any()));
            json.WriteStartArray("contracts");
            foreach (var comparison in result.Comparisons)
            {
                json.WriteStartObject();
                json.WriteString("name", comparison.Contract);
                json.WriteString("format", comparison.Format);
                json.WriteString("file", comparison.File);
                json.WriteString("parentFile", comparison.ParentFile);
                json.WriteBoolean("breakingAllowed", comparison.BreakingAllowed);
                json.WriteStartArray("changes");
                foreach (var change in Levels.SelectMany(l => comparison.Changes.Where(c => c.Level == l)))
                {
                    json.WriteStartObject();
                    json.WriteString("level", change.Level.ToString().ToLowerInvariant());
                    json.WriteString("rule", change.Rule);
                    json.WriteString("path", change.Path);
                    json.WriteString("message", change.Message);
                    json.WriteBoolean("accepted", comparison.Accepted.Contains(change));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }));
}
