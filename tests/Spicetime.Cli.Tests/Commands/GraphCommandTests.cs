using System.Text.Json;

namespace Spicetime.Cli.Tests.Commands;

/// <summary>spicetime graph: mermaid and dot.</summary>
public class GraphCommandTests
{
    [Test]
    public void Graph_mermaid_and_dot()
    {
        using var folder = new TreeFolder(Trees.Full);
        var mermaid = folder.Run("graph", "--format", "mermaid");
        Assert.That(mermaid.ExitCode, Is.EqualTo(0));
        Assert.That(mermaid.Output, Does.StartWith("graph TD"));
        Assert.That(mermaid.Output, Does.Contain("n0 -->|\"core, infra\"| n1").And.Contain("n0 -->|\"infra\"| n2"));
        var dot = folder.Run("graph", "--format", "dot");
        Assert.That(dot.Output, Does.StartWith("digraph tree {"));
        Assert.That(dot.Output, Does.Contain("\"release\" -> \"feature-B\" [label=\"infra\"];"));
        Assert.That(dot.Output.TrimEnd(), Does.EndWith("}"));
    }
}
