using System.Text.Json;
using Spicetime.Tree.Affected;

namespace Spicetime.Tree.Graph;

/// <summary>
/// An affected answer as JSON, the one model of <c>spicetime affected --format json</c> and of the graph page's
/// <c>affected</c> overlay: <c>{"projects": [{"path", "branch", "reasons", "chains"}], "branches": [{"branch", "reasons", "chains"}]}</c>.
/// </summary>
public static class AffectedJson
{
    public static void Write(Utf8JsonWriter json, AffectedResult result)
    {
        json.WriteStartObject();
        json.WriteStartArray("projects");
        foreach (var project in result.Projects)
        {
            json.WriteStartObject();
            json.WriteString("path", project.Name);
            json.WriteString("branch", project.Branch);
            Reasons(json, project);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("branches");
        foreach (var branch in result.Branches)
        {
            json.WriteStartObject();
            json.WriteString("branch", branch.Name);
            Reasons(json, branch);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// <c>reasons</c>: each causal chain as one line (docs/selective-builds.md, "Reasons"); <c>chains</c>: the same chains, in the same order, link by
    /// link, for tools: <c>{"kind": "file|node|project|referencedBy", "name": "...", "detail": "...",
    /// "change": {"entry", "before", "after", "source"}}</c> (detail and change only where they apply).
    /// </summary>
    private static void Reasons(Utf8JsonWriter json, AffectedItem item)
    {
        json.WriteStartArray("reasons");
        foreach (var reason in item.Reasons)
        {
            json.WriteStringValue(reason.ToString());
        }

        json.WriteEndArray();
        json.WriteStartArray("chains");
        foreach (var reason in item.Reasons)
        {
            json.WriteStartArray();
            foreach (var cause in reason.Causes)
            {
                json.WriteStartObject();
                json.WriteString("kind", CauseKindName(cause.Kind));
                json.WriteString("name", cause.Name);
                if (cause.Detail is not null && cause.Change is null)
                {
                    json.WriteString("detail", cause.Detail);
                }

                if (cause.Change is { } change)
                {
                    json.WriteStartObject("change");
                    json.WriteString("entry", change.Entry);
                    json.WriteString("before", change.Before);
                    json.WriteString("after", change.After);
                    if (change.Source is not null)
                    {
                        json.WriteString("source", change.Source);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    private static string CauseKindName(CauseKind kind) => kind switch
    {
        CauseKind.File => "file",
        CauseKind.Node => "node",
        CauseKind.Project => "project",
        _ => "referencedBy",
    };
}
