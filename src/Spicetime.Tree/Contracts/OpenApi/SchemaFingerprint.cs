using Microsoft.OpenApi;

namespace Spicetime.Tree.Contracts.OpenApi;

/// <summary>A structural print of a schema (references resolved, keys sorted, bounded depth): equal prints, same alternative.</summary>
internal static class SchemaFingerprint
{
    public static string Of(IOpenApiSchema schema) => Print(schema, 0, new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static string Print(IOpenApiSchema schema, int depth, HashSet<object> seen)
    {
        var effective = EffectiveSchema.Of(schema);
        if (depth > 6 || !seen.Add(effective.Identity))
        {
            return "…";
        }

        var parts = new List<string>
        {
            $"t={effective.Type}", $"n={effective.Nullable}", $"f={effective.Format}", $"e={string.Join(",", effective.Enum.Order(StringComparer.Ordinal))}",
            $"r={string.Join(",", effective.Required.Order(StringComparer.Ordinal))}",
        };
        parts.AddRange(effective.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{Print(p.Value, depth + 1, seen)}"));
        if (effective.Items is not null)
        {
            parts.Add("[" + Print(effective.Items, depth + 1, seen) + "]");
        }

        seen.Remove(effective.Identity);
        return "{" + string.Join(";", parts) + "}";
    }
}
