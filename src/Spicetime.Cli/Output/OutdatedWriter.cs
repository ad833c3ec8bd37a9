using Spicetime.Tree.Json;
using Spicetime.Tree.Locking;
using Spicetime.Tree.Resolution;

namespace Spicetime.Cli.Output;

/// <summary>`spicetime outdated`: each manual node and what its parent changed since the node last synced (text), or the same as JSON.</summary>
internal static class OutdatedWriter
{
    public static void Text(TextWriter output, ResolvedTree tree, IReadOnlyList<string> manual, IReadOnlyList<LockChange> changes)
    {
        if (manual.Count == 0)
        {
            output.WriteLine("No node takes upstream changes manually (none has \"updates\": \"manual\" and a synced state).");
            return;
        }

        foreach (var branch in manual)
        {
            var mine = changes.Where(c => c.Node == branch).ToList();
            var parent = tree.Find(branch)!.Parent!.Branch;
            output.WriteLine(mine.Count == 0
                ? $"{branch}: up to date with {parent}"
                : $"{branch}: {mine.Count} change(s) in {parent} since the last sync (take them: spicetime sync --branch {branch})");
            foreach (var change in mine)
            {
                output.WriteLine($"  {change.Entry}: {change.Old ?? "(none)"} → {change.New ?? "(none)"}{(change.ChangedBy is null ? string.Empty : $", changed by {change.ChangedBy}")}");
            }
        }
    }

    public static void Json(TextWriter output, IReadOnlyList<string> manual, IReadOnlyList<LockChange> changes) =>
        output.WriteLine(JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("nodes");
            foreach (var branch in manual)
            {
                json.WriteStartObject();
                json.WriteString("branch", branch);
                json.WriteStartArray("changes");
                foreach (var change in changes.Where(c => c.Node == branch))
                {
                    json.WriteStartObject();
                    json.WriteString("entry", change.Entry);
                    json.WriteString("old", change.Old);
                    json.WriteString("new", change.New);
                    json.WriteString("changedBy", change.ChangedBy);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }));
}
