using System.Net.Http;
using Microsoft.OpenApi;
using static Spicetime.Tree.Contracts.OpenApi.OpenApiRules;

namespace Spicetime.Tree.Contracts.OpenApi;

/// <summary>
/// Compares a parent's OpenAPI description with a fork's, from the parent's clients' side (<see cref="OpenApiRules"/>).
/// Schemas are compared structurally, after resolving references and merging <c>allOf</c>: a <c>$ref</c> written inline,
/// a renamed component, reordered keys, <c>allOf</c> parts moved around, YAML instead of JSON, and 3.0's
/// <c>nullable: true</c> instead of 3.1's <c>type: [T, "null"]</c> are no change. Reference cycles end: a pair of
/// schemas already being compared is not compared again. Paths compare by their shape (<c>/items/{id}</c> and
/// <c>/items/{itemId}</c> are one path).
/// </summary>
public sealed class OpenApiComparer
{
    private readonly List<ContractChange> _changes = new();
    private readonly OpenApiOperationComparer _operations;

    private OpenApiComparer()
    {
        _operations = new OpenApiOperationComparer(_changes, new OpenApiSchemaComparer());
    }

    public static IReadOnlyList<ContractChange> Compare(OpenApiDocument before, OpenApiDocument after)
    {
        var comparer = new OpenApiComparer();
        comparer.ComparePaths(before, after);
        return comparer._changes;
    }

    private void ComparePaths(OpenApiDocument before, OpenApiDocument after)
    {
        var old = Shapes(before);
        var now = Shapes(after);
        foreach (var (shape, (template, item)) in old.OrderBy(p => p.Value.Template, StringComparer.Ordinal))
        {
            if (!now.TryGetValue(shape, out var current))
            {
                _changes.Add(PathRemoved.At(template, "path removed"));
                continue;
            }

            var oldOperations = (item.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>()).Where(o => o.Value is not null).ToDictionary(o => o.Key, o => o.Value);
            var newOperations = (current.Item.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>()).Where(o => o.Value is not null).ToDictionary(o => o.Key, o => o.Value);
            foreach (var (method, operation) in oldOperations.OrderBy(o => o.Key.Method, StringComparer.Ordinal))
            {
                var path = $"{method.Method.ToUpperInvariant()} {template}";
                if (!newOperations.TryGetValue(method, out var newOperation))
                {
                    _changes.Add(OperationRemoved.At(path, "operation removed"));
                    continue;
                }

                _operations.Compare(path, before, after, (template, item, operation), (current.Template, current.Item, newOperation));
            }

            foreach (var method in newOperations.Keys.Where(m => !oldOperations.ContainsKey(m)).OrderBy(m => m.Method, StringComparer.Ordinal))
            {
                _changes.Add(OperationAdded.At($"{method.Method.ToUpperInvariant()} {template}", "operation added"));
            }
        }

        foreach (var (shape, (template, _)) in now.Where(p => !old.ContainsKey(p.Key)).OrderBy(p => p.Value.Template, StringComparer.Ordinal))
        {
            _changes.Add(PathAdded.At(template, "path added"));
        }
    }

    /// <summary>Paths by shape: parameter names replaced by {} (the name is the server's, not the client's).</summary>
    private static Dictionary<string, (string Template, IOpenApiPathItem Item)> Shapes(OpenApiDocument document)
    {
        var shapes = new Dictionary<string, (string, IOpenApiPathItem)>(StringComparer.Ordinal);
        foreach (var (template, item) in document.Paths ?? new OpenApiPaths())
        {
            if (item is null)
            {
                continue; // "/path:" with nothing under it
            }

            shapes[System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}]*\}", "{}")] = (template, item);
        }

        return shapes;
    }
}
