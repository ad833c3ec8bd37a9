using Spicetime.Tree.Resolution;

namespace Spicetime.Cli.Output;

/// <summary>Draws the tree: a box a node (branch, version, own scopes), an edge a parent link labelled with the inherited scopes.</summary>
public static class GraphWriter
{
    public static void WriteMermaid(TextWriter output, ResolvedTree tree)
    {
        var ids = Ids(tree);
        output.WriteLine("graph TD");
        foreach (var node in tree.Nodes)
        {
            output.WriteLine($"  {ids[node]}[\"{Escape(string.Join("<br/>", Label(node)))}\"]");
        }

        foreach (var node in tree.Nodes.Where(n => n.Parent is not null))
        {
            output.WriteLine($"  {ids[node.Parent!]} -->|\"{Escape(Inherited(node))}\"| {ids[node]}");
        }
    }

    public static void WriteDot(TextWriter output, ResolvedTree tree)
    {
        output.WriteLine("digraph tree {");
        output.WriteLine("  rankdir=TB;");
        output.WriteLine("  node [shape=box, fontname=\"Helvetica\"];");
        foreach (var node in tree.Nodes)
        {
            output.WriteLine($"  {Quote(node.Branch)} [label={Quote(string.Join("\n", Label(node)))}];");
        }

        foreach (var node in tree.Nodes.Where(n => n.Parent is not null))
        {
            output.WriteLine($"  {Quote(node.Parent!.Branch)} -> {Quote(node.Branch)} [label={Quote(Inherited(node))}];");
        }

        output.WriteLine("}");
    }

    private static IEnumerable<string> Label(ResolvedNode node)
    {
        yield return node.Branch;
        yield return node.VersionPattern;
        var own = node.Scopes.Where(s => !node.Inherits(s)).Select(s => s.Name).ToList();
        if (own.Count > 0)
        {
            yield return "scopes: " + string.Join(", ", own);
        }

        if (node.Definition.Overrides.Count > 0)
        {
            yield return "overrides: " + string.Join(", ", node.Definition.Overrides.Select(o => o.Label));
        }
    }

    private static string Inherited(ResolvedNode node)
    {
        var inherited = node.Scopes.Where(node.Inherits).Select(s => s.Name).ToList();
        return inherited.Count == 0 ? "inherits nothing" : string.Join(", ", inherited);
    }

    private static Dictionary<ResolvedNode, string> Ids(ResolvedTree tree) =>
        tree.Nodes.Select((node, i) => (node, id: $"n{i}")).ToDictionary(p => p.node, p => p.id);

    private static string Escape(string text) => text.Replace("\"", "#quot;");

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
