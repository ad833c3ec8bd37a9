using System.Net;
using System.Reflection;

namespace Spicetime.Cli.Output;

/// <summary>
/// Writes the graph page: <c>Output/Page/page.html</c> with its styles, the vendored layout library
/// (<c>Output/Page/vendor/dagre</c>), its scripts and the data (<see cref="Tree.Graph.GraphPageData"/>) inlined, so the
/// file needs no server and no network. Each part is an embedded resource of its own, listed in <see cref="Scripts"/>
/// in the order the page runs them.
/// </summary>
public static class GraphPageWriter
{
    /// <summary>The page's scripts, in order: the layout library, then the page's own modules (each a file of Output/Page/js).</summary>
    public static readonly string[] Scripts =
    {
        "vendor/dagre/dagre.min.js",
        "js/model.js",
        "js/graph.js",
        "js/outline.js",
        "js/details.js",
        "js/affected.js",
        "js/search.js",
        "js/app.js",
    };

    public static void Write(TextWriter output, string title, string json)
    {
        var template = Resource("page.html");
        var scripts = new System.Text.StringBuilder();
        foreach (var script in Scripts)
        {
            // A source map comment would make DevTools ask for a file the page does not carry.
            var text = Resource(script).Replace("//# sourceMappingURL=dagre.min.js.map", string.Empty);
            if (script.StartsWith("vendor/", StringComparison.Ordinal))
            {
                // A vendored library travels with its license (its folder's LICENSE), whatever its minified file keeps.
                var folder = script.Substring(0, script.LastIndexOf('/'));
                text = "/*! " + script + " (Output/Page/" + folder + " of Spicetime.Cli, where its README says where it comes from); its license:\n"
                    + Resource(folder + "/LICENSE").Replace("*/", "* /") + "*/\n" + text;
            }

            scripts.Append("<script>/* ").Append(script).Append(" */\n").Append(text).Append("\n</script>\n");
        }

        // Inside <script type="application/json">, only "</script" could end the element early: '<' is written as
        // its JSON escape (it can occur only inside strings), and the page reads the text with JSON.parse.
        var data = json.Replace("<", "\\u003c");
        var page = template
            .Replace("{{title}}", WebUtility.HtmlEncode(title))
            .Replace("/*{{styles}}*/", Resource("page.css"))
            .Replace("{{data}}", data)
            .Replace("{{scripts}}", scripts.ToString());
        output.Write(page);
    }

    private static string Resource(string name)
    {
        // MSBuild writes the logical name with the build machine's separator (RecursiveDir): '\' on Windows.
        var assembly = typeof(GraphPageWriter).Assembly;
        var resource = assembly.GetManifestResourceNames().FirstOrDefault(r => r.Replace('\\', '/') == "Page/" + name);
        using var stream = (resource is null ? null : assembly.GetManifestResourceStream(resource))
            ?? throw new InvalidOperationException($"The graph page's resource Page/{name} is missing from {typeof(GraphPageWriter).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
