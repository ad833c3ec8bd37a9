using System.Text.Json;
using Spicetime.Tree.Affected;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Mapping;
using Spicetime.Tree.Model;
using Spicetime.Tree.Projects;
using Spicetime.Tree.Resolution;

namespace Spicetime.Tree.Graph;

/// <summary>What the graph page shows: the tree and its load's warnings, and optionally what a change affects.</summary>
public sealed record GraphPageRequest
{
    /// <summary>tree.json as the page names it (the path <c>spicetime show --format json</c> prints).</summary>
    public required string TreeFile { get; init; }

    /// <summary>The warnings of loading and resolving tree.json (stale overrides, undefined scopes, …).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = Array.Empty<Diagnostic>();

    /// <summary>The version a node packs as at the checked-out commit (null when it cannot be told).</summary>
    public required Func<ResolvedNode, string?> PacksAs { get; init; }

    /// <summary>A diagnostic's file as the page names it.</summary>
    public Func<string, string> DisplayPath { get; init; } = path => path;

    /// <summary>Read the projects through the repository's facts cache, as <c>spicetime affected</c> does.</summary>
    public bool UseFactsCache { get; init; }

    /// <summary>With a base revision: the affected overlay, the answer of <see cref="AffectedQuery"/> for this request.</summary>
    public AffectedRequest? Affected { get; init; }
}

/// <summary>The page's data, or the diagnostics of an affected question that could not be answered.</summary>
public sealed record GraphPageAnswer(string? Json, AffectedAnswer? Affected)
{
    public bool Succeeded => Json is not null;
}

/// <summary>
/// The graph page's data, one JSON document the page embeds:
/// <c>{"format", "treeFile", "base", "files", "head", "mergeBase", "tree", "projects", "why", "diagnostics", "affected"}</c>. <c>tree</c> is exactly
/// what <c>spicetime show --format json</c> prints (<see cref="TreeJson"/>) and <c>affected</c> what
/// <c>spicetime affected --format json</c> prints (<see cref="AffectedJson"/>), so the page draws the same answers the
/// other formats give; <c>projects</c> are the folder's projects with their node and references (as a build sees
/// them); <c>why</c> is each entry's <see cref="EntryExplainer"/> chain; <c>diagnostics</c> carry their help links.
/// </summary>
public static class GraphPageData
{
    public const string Format = "spicetime-graph/1";

    public static GraphPageAnswer Build(ResolvedTree tree, GraphPageRequest request)
    {
        var root = tree.Manifest.Directory;
        var nodes = ProjectNodes.OnCurrentBranch(tree, request.Affected?.GlobalBranch, request.Affected?.EnvironmentBranch);

        // Read once, as `spicetime affected` reads them (the projects git tracks; untracked ones too with --files, which
        // describes the working tree), so that the overlay answers over the same projects the page lists.
        var projects = ProjectScanner.Discover(root, includeUntracked: request.Affected?.IncludeUntracked ?? false,
            request.UseFactsCache ? Projects.Cache.FactsCache.For(root) : null);
        AffectedAnswer? affected = null;
        if (request.Affected is { } question)
        {
            affected = AffectedQuery.Run(root, tree, question with { Projects = projects });
            if (!affected.Succeeded)
            {
                return new GraphPageAnswer(null, affected);
            }
        }

        var json = Json.JsonText.Write(writer => Write(writer, tree, request, projects, nodes, affected), indented: false);
        return new GraphPageAnswer(json, affected);
    }

    private static void Write(Utf8JsonWriter json, ResolvedTree tree, GraphPageRequest request, IReadOnlyList<ProjectInfo> projects,
        ProjectNodes nodes, AffectedAnswer? affected)
    {
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("treeFile", request.TreeFile);
        TreeJson.WriteNullable(json, "base", request.Affected?.Base);
        if (request.Affected?.Files is { } files)
        {
            json.WriteStartArray("files");
            foreach (var file in files)
            {
                json.WriteStringValue(file);
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("files");
        }

        TreeJson.WriteNullable(json, "head", request.Affected?.Base is null ? null : request.Affected.Head);
        TreeJson.WriteNullable(json, "mergeBase", affected?.MergeBase);
        json.WritePropertyName("tree");
        TreeJson.Write(json, request.TreeFile, tree.Nodes, request.PacksAs);
        WriteProjects(json, projects, nodes);
        WriteWhy(json, tree);
        WriteDiagnostics(json, tree, request, projects);
        json.WritePropertyName("affected");
        if (affected?.Result is { } result)
        {
            AffectedJson.Write(json, result);
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteEndObject();
    }

    /// <summary><c>[{"path", "branch", "sdk", "references"}]</c>: each project, its node and what it references (own and scope-injected).</summary>
    private static void WriteProjects(Utf8JsonWriter json, IReadOnlyList<ProjectInfo> projects, ProjectNodes nodes)
    {
        var nodeOf = new Dictionary<ProjectInfo, ResolvedNode>();
        foreach (var project in projects)
        {
            nodeOf[project] = nodes.Of(project);
        }

        var graph = AffectedAnalyzer.Graph(projects, p => nodeOf[p]);
        json.WriteStartArray("projects");
        foreach (var project in projects)
        {
            json.WriteStartObject();
            json.WriteString("path", project.RelativePath);
            json.WriteString("branch", nodeOf[project].Branch);
            json.WriteBoolean("sdk", project.UsesSpicetimeSdk);
            json.WriteStartArray("references");
            foreach (var reference in graph.ReferencesOf(project.RelativePath))
            {
                json.WriteStringValue(reference);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// <c>{"branch": {"packages": {"id": [step, …]}, …}}</c>: for every entry of every node, the chain <c>spicetime why</c>
    /// prints, step by step (<c>action</c>: set, inherited, replaced, shadowed).
    /// </summary>
    private static void WriteWhy(Utf8JsonWriter json, ResolvedTree tree)
    {
        json.WriteStartObject("why");
        foreach (var node in tree.Nodes)
        {
            json.WriteStartObject(node.Branch);
            foreach (var kind in EntryKinds.All)
            {
                var entries = node.Entries(kind);
                if (entries.Count == 0)
                {
                    continue;
                }

                json.WriteStartObject(kind.JsonKey());
                foreach (var entry in entries)
                {
                    json.WriteStartArray(entry.Key);
                    foreach (var step in EntryExplainer.Explain(node, entry))
                    {
                        json.WriteStartObject();
                        json.WriteString("action", step.Action);
                        json.WriteString("node", step.Node);
                        TreeJson.WriteNullable(json, "scope", step.Scope);
                        TreeJson.WriteNullable(json, "value", step.Value);
                        json.WriteNumber("line", step.Position.Line);
                        json.WriteNumber("column", step.Position.Column);
                        json.WriteString("text", step.Text);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// <c>[{"code", "severity", "message", "file", "line", "column", "helpLink", "branch"}]</c>: the tree's warnings and the
    /// project reader's SPT0403s (once per cause, as <c>spicetime affected</c> reports them), each with the node it
    /// concerns (<see cref="NodeOf"/>).
    /// </summary>
    private static void WriteDiagnostics(Utf8JsonWriter json, ResolvedTree tree, GraphPageRequest request, IReadOnlyList<ProjectInfo> projects)
    {
        var byPosition = tree.Nodes.OrderBy(n => n.Definition.Position.Line).ThenBy(n => n.Definition.Position.Column).ToList();
        json.WriteStartArray("diagnostics");
        foreach (var diagnostic in request.Diagnostics.Concat(AffectedAnalyzer.OncePerCause(projects)))
        {
            json.WriteStartObject();
            json.WriteString("code", diagnostic.Code);
            json.WriteString("severity", diagnostic.IsError ? "error" : "warning");
            json.WriteString("message", diagnostic.Message);
            TreeJson.WriteNullable(json, "file", diagnostic.File is null ? null : request.DisplayPath(diagnostic.File));
            json.WriteNumber("line", diagnostic.Position.Line);
            json.WriteNumber("column", diagnostic.Position.Column);
            TreeJson.WriteNullable(json, "helpLink", diagnostic.HelpLink);
            TreeJson.WriteNullable(json, "branch", NodeOf(tree, byPosition, diagnostic)?.Branch);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// The node a diagnostic of tree.json concerns: the node its message begins with (messages name the node first:
    /// "feature-A override … pins …"), else the last node whose definition begins before the diagnostic's position.
    /// </summary>
    internal static ResolvedNode? NodeOf(ResolvedTree tree, IReadOnlyList<ResolvedNode> byPosition, Diagnostic diagnostic)
    {
        var space = diagnostic.Message.IndexOf(' ');
        if (space > 0 && tree.Find(diagnostic.Message.Substring(0, space)) is { } named)
        {
            return named;
        }

        if (!diagnostic.Position.IsKnown || diagnostic.File is null
            || !string.Equals(Path.GetFullPath(diagnostic.File), Path.GetFullPath(tree.Manifest.FilePath), StringComparison.Ordinal))
        {
            return null;
        }

        ResolvedNode? found = null;
        foreach (var node in byPosition)
        {
            var start = node.Definition.Position;
            if (start.Line > diagnostic.Position.Line || (start.Line == diagnostic.Position.Line && start.Column > diagnostic.Position.Column))
            {
                break;
            }

            found = node;
        }

        return found;
    }
}
