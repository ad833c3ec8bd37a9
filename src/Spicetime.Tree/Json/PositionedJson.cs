using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Json;

/// <summary>
/// A JSON value that remembers where it stood in its file, so every diagnostic can name a line
/// and column. Objects keep their properties in document order, duplicates included, so the
/// binder can report duplicate keys instead of silently keeping one.
/// </summary>
public sealed class PositionedJson
{
    private static readonly IReadOnlyList<PositionedJsonProperty> NoProperties = System.Array.Empty<PositionedJsonProperty>();
    private static readonly IReadOnlyList<PositionedJson> NoItems = System.Array.Empty<PositionedJson>();

    private PositionedJson(JsonKind kind, SourcePosition position, string? text,
        IReadOnlyList<PositionedJsonProperty> properties, IReadOnlyList<PositionedJson> items)
    {
        Kind = kind;
        Position = position;
        Text = text;
        Properties = properties;
        Items = items;
    }

    public JsonKind Kind { get; }

    public SourcePosition Position { get; }

    /// <summary>The string value, the number's text, or "true"/"false" for booleans.</summary>
    public string? Text { get; }

    public IReadOnlyList<PositionedJsonProperty> Properties { get; }

    public IReadOnlyList<PositionedJson> Items { get; }

    public static PositionedJson Scalar(JsonKind kind, SourcePosition position, string? text) =>
        new(kind, position, text, NoProperties, NoItems);

    public static PositionedJson Object(SourcePosition position, IReadOnlyList<PositionedJsonProperty> properties) =>
        new(JsonKind.Object, position, null, properties, NoItems);

    public static PositionedJson Array(SourcePosition position, IReadOnlyList<PositionedJson> items) =>
        new(JsonKind.Array, position, null, NoProperties, items);

    /// <summary>How the kind is named in messages ("a string", "an array").</summary>
    public static string Describe(JsonKind kind) => kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.Boolean => "a boolean",
        _ => "null",
    };
}

public sealed record PositionedJsonProperty(string Name, SourcePosition NamePosition, PositionedJson Value);
