using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Spicetime.Tree.Contracts.OpenApi;

/// <summary>
/// A schema as it constrains values: references resolved, allOf parts merged (properties, required, type, limits of
/// the first part that has them), nullability from 3.1's type array or 3.0's nullable alike, enum values as JSON.
/// </summary>
internal sealed class EffectiveSchema
{
    public required object Identity { get; init; }

    public required IOpenApiSchema Raw { get; init; }

    public JsonSchemaType? Type { get; init; }

    public bool Nullable { get; init; }

    public string? Format { get; init; }

    public string? Pattern { get; init; }

    public JsonNode? Default { get; init; }

    public bool Deprecated { get; init; }

    public List<string> Enum { get; init; } = new();

    public Dictionary<string, IOpenApiSchema> Properties { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Required { get; } = new(StringComparer.Ordinal);

    public bool AdditionalPropertiesAllowed { get; init; } = true;

    public IOpenApiSchema? AdditionalProperties { get; init; }

    public IOpenApiSchema? Items { get; init; }

    public IReadOnlyList<IOpenApiSchema> OneOf { get; init; } = Array.Empty<IOpenApiSchema>();

    public IReadOnlyList<IOpenApiSchema> AnyOf { get; init; } = Array.Empty<IOpenApiSchema>();

    public static EffectiveSchema Of(IOpenApiSchema schema)
    {
        var target = Resolve(schema);
        var parts = new List<IOpenApiSchema> { target };
        Flatten(target, parts, depth: 0);
        var typed = parts.FirstOrDefault(p => p.Type is not null && (p.Type & ~JsonSchemaType.Null) != 0);
        var type = typed?.Type;
        var effective = new EffectiveSchema
        {
            Identity = target,
            Raw = target,
            Type = type is null ? null : type & ~JsonSchemaType.Null,
            Nullable = type is { } t && t.HasFlag(JsonSchemaType.Null),
            Format = parts.Select(p => p.Format).FirstOrDefault(f => f is not null),
            Pattern = parts.Select(p => p.Pattern).FirstOrDefault(f => f is not null),
            Default = parts.Select(p => p.Default).FirstOrDefault(f => f is not null),
            Deprecated = parts.Any(p => p.Deprecated),
            Enum = parts.Select(p => p.Enum).FirstOrDefault(e => e is { Count: > 0 })?.Select(v => v?.ToJsonString() ?? "null").ToList() ?? new List<string>(),
            AdditionalPropertiesAllowed = parts.All(p => p.AdditionalPropertiesAllowed),
            AdditionalProperties = parts.Select(p => p.AdditionalProperties).FirstOrDefault(a => a is not null),
            Items = parts.Select(p => p.Items).FirstOrDefault(i => i is not null),
            OneOf = parts.Select(p => p.OneOf).FirstOrDefault(o => o is { Count: > 0 })?.Where(o => o is not null).ToList() ?? new List<IOpenApiSchema>(),
            AnyOf = parts.Select(p => p.AnyOf).FirstOrDefault(o => o is { Count: > 0 })?.Where(o => o is not null).ToList() ?? new List<IOpenApiSchema>(),
        };
        foreach (var part in parts)
        {
            foreach (var (name, property) in part.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (property is not null)
                {
                    effective.Properties.TryAdd(name, property);
                }
            }

            effective.Required.UnionWith(part.Required ?? new HashSet<string>());
        }

        return effective;
    }

    private static void Flatten(IOpenApiSchema schema, List<IOpenApiSchema> parts, int depth)
    {
        if (depth > 32)
        {
            return;
        }

        foreach (var part in (schema.AllOf ?? new List<IOpenApiSchema>()).Where(p => p is not null))
        {
            var resolved = Resolve(part);
            if (!parts.Contains(resolved))
            {
                parts.Add(resolved);
                Flatten(resolved, parts, depth + 1);
            }
        }
    }

    /// <summary>The schema a reference points to (references to references followed); the schema itself otherwise.</summary>
    public static IOpenApiSchema Resolve(IOpenApiSchema schema)
    {
        for (var i = 0; i < 32 && schema is OpenApiSchemaReference reference && reference.Target is { } target; i++)
        {
            schema = target;
        }

        return schema;
    }
}
