using System.Globalization;
using System.Net.Http;
using Microsoft.OpenApi;
using static Spicetime.Tree.Contracts.OpenApi.OpenApiRules;

namespace Spicetime.Tree.Contracts.OpenApi;

/// <summary>
/// Compares one operation of a parent's description with the fork's: its id and deprecation, parameters (a path
/// parameter by its position), request body, responses with their headers, and security requirements. Schemas met
/// on the way go to the comparison's <see cref="OpenApiSchemaComparer"/>.
/// </summary>
internal sealed class OpenApiOperationComparer
{
    private readonly List<ContractChange> _changes;
    private readonly OpenApiSchemaComparer _schemas;

    public OpenApiOperationComparer(List<ContractChange> changes, OpenApiSchemaComparer schemas)
    {
        _changes = changes;
        _schemas = schemas;
    }

    /// <summary>Compares an operation (<paramref name="path"/>: method and template) of the parent's description with the fork's.</summary>
    public void Compare(string path, OpenApiDocument beforeDocument, OpenApiDocument afterDocument,
        (string Template, IOpenApiPathItem Item, OpenApiOperation Operation) before, (string Template, IOpenApiPathItem Item, OpenApiOperation Operation) after)
    {
        var old = before.Operation;
        var now = after.Operation;
        if (!string.IsNullOrEmpty(old.OperationId) && old.OperationId != now.OperationId)
        {
            _changes.Add(OperationIdChanged.At(path, $"operationId {old.OperationId} -> {now.OperationId ?? "(none)"}"));
        }

        if (!old.Deprecated && now.Deprecated)
        {
            _changes.Add(OperationDeprecated.At(path, "operation deprecated"));
        }

        CompareParameters(path, Parameters(before.Item, old, before.Template), Parameters(after.Item, now, after.Template));
        CompareRequestBody(path, old.RequestBody, now.RequestBody);
        CompareResponses(path, old.Responses, now.Responses);
        CompareSecurity(path, old.Security ?? beforeDocument.Security, now.Security ?? afterDocument.Security);
    }

    /// <summary>
    /// The operation's parameters and its path item's, the operation's winning, keyed by location and name; a path
    /// parameter by its position in the template (its name is the server's: <c>{id}</c> → <c>{invoiceId}</c> is no change).
    /// </summary>
    private static Dictionary<(ParameterLocation?, string), IOpenApiParameter> Parameters(IOpenApiPathItem item, OpenApiOperation operation, string template)
    {
        var positions = System.Text.RegularExpressions.Regex.Matches(template, @"\{([^}]*)\}").Cast<System.Text.RegularExpressions.Match>().Select(m => m.Groups[1].Value).ToList();
        var parameters = new Dictionary<(ParameterLocation?, string), IOpenApiParameter>();
        foreach (var parameter in (item.Parameters ?? new List<IOpenApiParameter>()).Concat(operation.Parameters ?? new List<IOpenApiParameter>()).Where(p => p is not null))
        {
            var name = parameter.Name ?? string.Empty;
            var key = parameter.In switch
            {
                ParameterLocation.Path => "#" + positions.IndexOf(name).ToString(CultureInfo.InvariantCulture),
                ParameterLocation.Header => name.ToLowerInvariant(),
                _ => name,
            };
            parameters[(parameter.In, key)] = parameter;
        }

        return parameters;
    }

    private static string Where(IOpenApiParameter parameter) =>
        $"{(parameter.In?.ToString().ToLowerInvariant() ?? "?")} parameter '{parameter.Name}'";

    private void CompareParameters(string path, Dictionary<(ParameterLocation?, string), IOpenApiParameter> old, Dictionary<(ParameterLocation?, string), IOpenApiParameter> now)
    {
        foreach (var (key, parameter) in old.OrderBy(p => p.Key.Item2, StringComparer.Ordinal))
        {
            if (!now.TryGetValue(key, out var current))
            {
                if (parameter.In != ParameterLocation.Path)
                {
                    _changes.Add(ParameterRemoved.At(path, $"{Where(parameter)} removed"));
                }

                continue;
            }

            if (!parameter.Required && current.Required)
            {
                _changes.Add(ParameterBecameRequired.At(path, $"{Where(parameter)} became required"));
            }
            else if (parameter.Required && !current.Required)
            {
                _changes.Add(ParameterBecameOptional.At(path, $"{Where(parameter)} became optional"));
            }

            if (parameter.Style != current.Style || parameter.Explode != current.Explode)
            {
                _changes.Add(ParameterStyleChanged.At(path, $"{Where(parameter)} is serialized differently (style {parameter.Style?.ToString() ?? "default"}, explode {parameter.Explode} -> style {current.Style?.ToString() ?? "default"}, explode {current.Explode})"));
            }

            if (!parameter.Deprecated && current.Deprecated)
            {
                _changes.Add(ParameterDeprecated.At(path, $"{Where(parameter)} deprecated"));
            }

            CompareSchema(path, Where(parameter), parameter.Schema, current.Schema, SchemaDirection.Request);
        }

        foreach (var (key, parameter) in now.Where(p => !old.ContainsKey(p.Key)).OrderBy(p => p.Key.Item2, StringComparer.Ordinal))
        {
            _changes.Add(parameter.Required
                ? RequiredParameterAdded.At(path, $"required {Where(parameter)} added")
                : OptionalParameterAdded.At(path, $"optional {Where(parameter)} added"));
        }
    }

    private void CompareRequestBody(string path, IOpenApiRequestBody? old, IOpenApiRequestBody? now)
    {
        if (old is null && now is null)
        {
            return;
        }

        if (old is null)
        {
            _changes.Add(now!.Required ? RequiredRequestBodyAdded.At(path, "required request body added") : OptionalRequestBodyAdded.At(path, "optional request body added"));
            return;
        }

        if (now is null)
        {
            _changes.Add(RequestBodyRemoved.At(path, "request body removed"));
            return;
        }

        if (!old.Required && now.Required)
        {
            _changes.Add(RequestBodyBecameRequired.At(path, "request body became required"));
        }
        else if (old.Required && !now.Required)
        {
            _changes.Add(RequestBodyBecameOptional.At(path, "request body became optional"));
        }

        CompareContent(path, "request body", old.Content, now.Content, SchemaDirection.Request);
    }

    private void CompareContent(string path, string where, IDictionary<string, IOpenApiMediaType>? old, IDictionary<string, IOpenApiMediaType>? now, SchemaDirection direction)
    {
        old ??= new Dictionary<string, IOpenApiMediaType>();
        now ??= new Dictionary<string, IOpenApiMediaType>();
        foreach (var (mediaType, content) in old.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!now.TryGetValue(mediaType, out var current))
            {
                _changes.Add((direction == SchemaDirection.Request ? RequestMediaTypeRemoved : ResponseMediaTypeRemoved).At(path, $"{where} {mediaType} removed"));
                continue;
            }

            CompareSchema(path, $"{where} {mediaType}", content?.Schema, current?.Schema, direction);
        }

        foreach (var mediaType in now.Keys.Where(m => !old.ContainsKey(m)).OrderBy(m => m, StringComparer.Ordinal))
        {
            _changes.Add((direction == SchemaDirection.Request ? RequestMediaTypeAdded : ResponseMediaTypeAdded).At(path, $"{where} {mediaType} added"));
        }
    }

    private void CompareResponses(string path, OpenApiResponses? old, OpenApiResponses? now)
    {
        old ??= new OpenApiResponses();
        now ??= new OpenApiResponses();
        foreach (var (status, response) in old.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var where = $"response {status}";
            if (!now.TryGetValue(status, out var current))
            {
                _changes.Add((IsSuccess(status) ? SuccessStatusRemoved : ErrorStatusRemoved).At(path, $"{where} removed"));
                continue;
            }

            CompareContent(path, where, response?.Content, current?.Content, SchemaDirection.Response);
            var oldHeaders = (response?.Headers ?? new Dictionary<string, IOpenApiHeader>()).Where(h => h.Value is not null).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
            var newHeaders = (current?.Headers ?? new Dictionary<string, IOpenApiHeader>()).Where(h => h.Value is not null).ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, header) in oldHeaders.OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                if (!newHeaders.TryGetValue(name, out var newHeader))
                {
                    _changes.Add(ResponseHeaderRemoved.At(path, $"{where} header '{name}' removed"));
                    continue;
                }

                if (header.Required && !newHeader.Required)
                {
                    _changes.Add(ResponseHeaderBecameOptional.At(path, $"{where} header '{name}' became optional"));
                }

                CompareSchema(path, $"{where} header '{name}'", header.Schema, newHeader.Schema, SchemaDirection.Response);
            }

            foreach (var name in newHeaders.Keys.Where(h => !oldHeaders.Keys.Contains(h, StringComparer.OrdinalIgnoreCase)).OrderBy(h => h, StringComparer.Ordinal))
            {
                _changes.Add(ResponseHeaderAdded.At(path, $"{where} header '{name}' added"));
            }
        }

        foreach (var status in now.Keys.Where(s => !old.ContainsKey(s)).OrderBy(s => s, StringComparer.Ordinal))
        {
            _changes.Add(StatusAdded.At(path, $"response {status} added"));
        }
    }

    private static bool IsSuccess(string status) => status.StartsWith('2') || status.StartsWith('3') || status == "default";

    /// <summary>Security: a client satisfies one of the requirements; each requirement is a set of schemes (with scopes).</summary>
    private void CompareSecurity(string path, IList<OpenApiSecurityRequirement>? old, IList<OpenApiSecurityRequirement>? now)
    {
        var before = Requirements(old);
        var after = Requirements(now);
        foreach (var (scheme, scopes) in after.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (!before.TryGetValue(scheme, out var oldScopes))
            {
                _changes.Add(SecurityRequirementAdded.At(path, $"security scheme '{scheme}' now required"));
                continue;
            }

            foreach (var scope in scopes.Where(s => !oldScopes.Contains(s)).OrderBy(s => s, StringComparer.Ordinal))
            {
                _changes.Add(SecurityScopeAdded.At(path, $"security scheme '{scheme}' now needs scope '{scope}'"));
            }

            foreach (var scope in oldScopes.Where(s => !scopes.Contains(s)).OrderBy(s => s, StringComparer.Ordinal))
            {
                _changes.Add(SecurityScopeRemoved.At(path, $"security scheme '{scheme}' no longer needs scope '{scope}'"));
            }
        }

        foreach (var scheme in before.Keys.Where(s => !after.ContainsKey(s)).OrderBy(s => s, StringComparer.Ordinal))
        {
            _changes.Add(SecurityRequirementRemoved.At(path, $"security scheme '{scheme}' no longer required"));
        }
    }

    private static Dictionary<string, HashSet<string>> Requirements(IList<OpenApiSecurityRequirement>? requirements)
    {
        var schemes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var requirement in requirements ?? new List<OpenApiSecurityRequirement>())
        {
            foreach (var (scheme, scopes) in requirement)
            {
                var name = scheme.Reference?.Id ?? scheme.Name ?? "?";
                if (!schemes.TryGetValue(name, out var set))
                {
                    schemes[name] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith(scopes);
            }
        }

        return schemes;
    }

    /// <summary>Compares the schemas at <paramref name="where"/> of an operation and adds what differs.</summary>
    private void CompareSchema(string path, string where, IOpenApiSchema? oldSchema, IOpenApiSchema? newSchema, SchemaDirection direction)
    {
        if (oldSchema is null || newSchema is null)
        {
            return;
        }

        foreach (var (rule, detail) in _schemas.Compare(oldSchema, newSchema, direction))
        {
            _changes.Add(rule.At(path, where + detail));
        }
    }
}
