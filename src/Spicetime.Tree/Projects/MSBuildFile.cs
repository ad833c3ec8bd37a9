using System.Xml;

namespace Spicetime.Tree.Projects;

/// <summary>An element of a project or imported file: name, attributes, child elements, text, and where it stands.</summary>
public sealed class MSBuildElement
{
    public MSBuildElement(string name, IReadOnlyDictionary<string, string> attributes, int line, int column)
    {
        Name = name;
        Attributes = attributes;
        Line = line;
        Column = column;
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, string> Attributes { get; }

    public List<MSBuildElement> Children { get; } = new();

    public string Text { get; set; } = string.Empty;

    public int Line { get; }

    public int Column { get; }

    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;

    public string? Child(string name) => Children.FirstOrDefault(c => c.Name == name)?.Text;
}

/// <summary>
/// A project file or a file it imports, parsed once (one forward XmlReader pass) and kept as a small element tree, so
/// that a Directory.Build.props every project imports is read from disk once and evaluated per project in memory.
/// A file that is not XML gives what was read before the problem (MSBuild reports it when it builds).
/// </summary>
public sealed class MSBuildFile
{
    private MSBuildFile(string path, MSBuildElement? root)
    {
        Path = path;
        Root = root;
    }

    /// <summary>Relative to the analysed folder.</summary>
    public string Path { get; }

    /// <summary>The <c>Project</c> element; null when the file is empty, missing or not a project.</summary>
    public MSBuildElement? Root { get; }

    public static MSBuildFile Load(string fullPath, string relativePath)
    {
        try
        {
            if (new FileInfo(fullPath).Length == 0)
            {
                return new MSBuildFile(relativePath, null); // e.g. `spicetime affected --format traversal > affected.proj` before it is written
            }

            using var reader = XmlReader.Create(fullPath, Settings);
            var info = (IXmlLineInfo)reader;
            var open = new Stack<MSBuildElement>();
            MSBuildElement? root = null;
            try
            {
                while (reader.Read())
                {
                    switch (reader.NodeType)
                    {
                        case XmlNodeType.Element:
                            var line = info.LineNumber;
                            var column = info.LinePosition;
                            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                            var empty = reader.IsEmptyElement;
                            if (reader.MoveToFirstAttribute())
                            {
                                do
                                {
                                    attributes[reader.LocalName] = reader.Value;
                                }
                                while (reader.MoveToNextAttribute());
                                reader.MoveToElement();
                            }

                            var element = new MSBuildElement(reader.LocalName, attributes, line, column);
                            if (open.Count == 0)
                            {
                                root = element;
                            }
                            else
                            {
                                open.Peek().Children.Add(element);
                            }

                            if (!empty)
                            {
                                open.Push(element);
                            }

                            break;
                        case XmlNodeType.Text or XmlNodeType.CDATA when open.Count > 0:
                            open.Peek().Text += reader.Value;
                            break;
                        case XmlNodeType.EndElement when open.Count > 0:
                            var closed = open.Pop();
                            closed.Text = closed.Text.Trim();
                            break;
                    }
                }
            }
            catch (XmlException)
            {
            }

            return new MSBuildFile(relativePath, root is { Name: "Project" } ? root : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new MSBuildFile(relativePath, null);
        }
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        XmlResolver = null,
    };
}
