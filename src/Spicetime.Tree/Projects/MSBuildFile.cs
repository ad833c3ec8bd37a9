using System.Xml;
using Spicetime.Tree.Projects.Cache;

namespace Spicetime.Tree.Projects;

/// <summary>An element of a project or imported file: name, attributes, child elements, text, and where it stands.</summary>
public sealed class MSBuildElement
{
    public MSBuildElement(string name, KeyValuePair<string, string>[] attributes, int line, int column)
    {
        Name = name;
        Attributes = attributes;
        Line = line;
        Column = column;
    }

    public string Name { get; }

    /// <summary>The attributes in the order written (a handful at most: searched in order, no dictionary per element).</summary>
    public KeyValuePair<string, string>[] Attributes { get; }

    public List<MSBuildElement> Children { get; } = new();

    public string Text { get; set; } = string.Empty;

    public int Line { get; }

    public int Column { get; }

    public string? Attribute(string name)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Key == name)
            {
                return attribute.Value;
            }
        }

        return null;
    }

    public string? Child(string name) => Children.FirstOrDefault(c => c.Name == name)?.Text;
}

/// <summary>
/// A project file or a file it imports, parsed once (one forward XmlReader pass) and kept as a small element tree, so
/// that a Directory.Build.props every project imports is read from disk once and evaluated per project in memory.
/// A file that is not XML gives what was read before the problem (MSBuild reports it when it builds).
/// </summary>
public sealed class MSBuildFile
{
    private MSBuildFile(string path, MSBuildElement? root, Fingerprint fingerprint, FileStamp stamp)
    {
        Path = path;
        Root = root;
        Fingerprint = fingerprint;
        Stamp = stamp;
    }

    /// <summary>Relative to the analysed folder.</summary>
    public string Path { get; }

    /// <summary>The <c>Project</c> element; null when the file is empty, missing or not a project.</summary>
    public MSBuildElement? Root { get; }

    /// <summary>The fingerprint of exactly the bytes parsed (what the facts cache keys the evaluation by).</summary>
    public Fingerprint Fingerprint { get; }

    /// <summary>The file's stamp when the bytes parsed are the file at it (<see cref="FileStamp.Settled"/>), else none.</summary>
    public FileStamp Stamp { get; }

    public static MSBuildFile Load(string fullPath, string relativePath)
    {
        // Read whole, then parsed: the fingerprint is of the bytes parsed, so a file written meanwhile cannot give facts
        // of one content under the key of another.
        var fingerprint = Fingerprint.Read(fullPath, out var content, out var stamp);
        if (content is null || content.Length == 0)
        {
            return new MSBuildFile(relativePath, null, fingerprint, stamp); // e.g. `spicetime affected --format traversal > affected.proj` before it is written
        }

        try
        {
            using var stream = new MemoryStream(content, writable: false);
            // From a stream, not a path: XmlReader.Create(path) builds a Uri for every file.
            using var reader = XmlReader.Create(stream, Settings());
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
                            var empty = reader.IsEmptyElement;
                            var attributes = reader.AttributeCount == 0 ? NoAttributes : new KeyValuePair<string, string>[reader.AttributeCount];
                            for (var a = 0; a < attributes.Length; a++)
                            {
                                reader.MoveToAttribute(a);
                                attributes[a] = new KeyValuePair<string, string>(reader.LocalName, reader.Value);
                            }

                            reader.MoveToElement();

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

            return new MSBuildFile(relativePath, root is { Name: "Project" } ? root : null, fingerprint, stamp);
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            return new MSBuildFile(relativePath, null, Fingerprint.Unreadable, FileStamp.None);
        }
    }

    private static readonly KeyValuePair<string, string>[] NoAttributes = Array.Empty<KeyValuePair<string, string>>();

    // A new one each time: XmlReaderSettings has setters, and one shared object would be state any caller could change.
    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        XmlResolver = null,
    };
}
