using System.Globalization;
using System.Net.Http;
using System.Text.Json.Nodes;
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

    private enum Direction
    {
        Request,
        Response,
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

                CompareOperation(path, before, after, (template, item, operation), (current.Template, current.Item, newOperation));
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

    private void CompareOperation(string path, OpenApiDocument beforeDocument, OpenApiDocument afterDocument,
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

            CompareSchema(path, Where(parameter), parameter.Schema, current.Schema, Direction.Request);
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

        CompareContent(path, "request body", old.Content, now.Content, Direction.Request);
    }

    private void CompareContent(string path, string where, IDictionary<string, IOpenApiMediaType>? old, IDictionary<string, IOpenApiMediaType>? now, Direction direction)
    {
        old ??= new Dictionary<string, IOpenApiMediaType>();
        now ??= new Dictionary<string, IOpenApiMediaType>();
        foreach (var (mediaType, content) in old.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!now.TryGetValue(mediaType, out var current))
            {
                _changes.Add((direction == Direction.Request ? RequestMediaTypeRemoved : ResponseMediaTypeRemoved).At(path, $"{where} {mediaType} removed"));
                continue;
            }

            CompareSchema(path, $"{where} {mediaType}", content?.Schema, current?.Schema, direction);
        }

        foreach (var mediaType in now.Keys.Where(m => !old.ContainsKey(m)).OrderBy(m => m, StringComparer.Ordinal))
        {
            _changes.Add((direction == Direction.Request ? RequestMediaTypeAdded : ResponseMediaTypeAdded).At(path, $"{where} {mediaType} added"));
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

            CompareContent(path, where, response?.Content, current?.Content, Direction.Response);
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

                CompareSchema(path, $"{where} header '{name}'", header.Schema, newHeader.Schema, Direction.Response);
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

    // ---- Schemas ----

    /// <summary>Compares the schemas at <paramref name="where"/> of an operation and adds what differs.</summary>
    private void CompareSchema(string path, string where, IOpenApiSchema? oldSchema, IOpenApiSchema? newSchema, Direction direction)
    {
        if (oldSchema is null || newSchema is null)
        {
            return;
        }

        foreach (var (rule, detail) in Pair(oldSchema, newSchema, direction, out _).Distinct())
        {
            _changes.Add(rule.At(path, where + detail));
        }
    }

    /// <summary>
    /// The changes between two schemas, each as a rule and a detail relative to them (": type string -> integer",
    /// ".lines[]: property 'qty' removed"). A pair of schemas is compared once per comparison however many operations
    /// reach it (a shared component is typical), except while a reference cycle through it is still open: a result that
    /// depended on a pair still being compared further up is incomplete and computed again when reached from elsewhere,
    /// so no change is lost to a cycle. <paramref name="low"/> is the shallowest open pair the result depended on.
    /// </summary>
    private List<(ContractRule Rule, string Detail)> Pair(IOpenApiSchema oldSchema, IOpenApiSchema newSchema, Direction direction, out int low)
    {
        var old = Effective.Of(oldSchema);
        var now = Effective.Of(newSchema);
        var key = (old.Identity, now.Identity, direction);
        if (_done.TryGetValue(key, out var known))
        {
            low = int.MaxValue;
            return known;
        }

        if (_open.TryGetValue(key, out var depth))
        {
            low = depth; // a cycle: the pair is being compared further up, which reports its changes
            return new List<(ContractRule, string)>();
        }

        var mine = _open.Count;
        _open[key] = mine;
        var outer = (_sink, _low, _inComponent);
        _sink = new List<(ContractRule, string)>();
        _low = int.MaxValue;
        _inComponent = newSchema is OpenApiSchemaReference;
        try
        {
            Body(old, now, direction);
            low = _low;
            var result = _sink;
            if (low >= mine)
            {
                _done[key] = result; // complete: no open pair above it was needed
                low = int.MaxValue;
            }

            return result;
        }
        finally
        {
            _open.Remove(key);
            (_sink, _low, _inComponent) = outer;
        }
    }

    /// <summary>
    /// A schema inside the one being compared: a reference to a named component is a pair of its own (compared once),
    /// its changes shown below <paramref name="where"/> with the component's name when it is reached from another
    /// component (<c>.owner … Customer: property 'x' removed</c>); an inline schema is part of this pair.
    /// </summary>
    private void Nested(string where, IOpenApiSchema? oldSchema, IOpenApiSchema? newSchema, Direction direction)
    {
        if (oldSchema is null || newSchema is null)
        {
            return;
        }

        var entries = Pair(oldSchema, newSchema, direction, out var low);
        _low = Math.Min(_low, low);
        var name = newSchema is OpenApiSchemaReference reference ? reference.Reference?.Id : null;
        foreach (var (rule, detail) in entries)
        {
            var marker = detail.IndexOf(" … ", StringComparison.Ordinal);
            var entry = (rule, marker >= 0 ? where + detail[marker..] : name is not null && _inComponent ? $"{where} … {name}{detail}" : where + detail);
            if (!_sink.Contains(entry))
            {
                _sink.Add(entry); // the same change reached twice (a cycle, or two properties of one type) is one change
            }
        }
    }

    private readonly Dictionary<(object, object, Direction), List<(ContractRule, string)>> _done = new(TripleComparer.Instance);
    private readonly Dictionary<(object, object, Direction), int> _open = new(TripleComparer.Instance);
    private List<(ContractRule Rule, string Detail)> _sink = new();
    private int _low = int.MaxValue;
    private bool _inComponent;

    private void Body(Effective old, Effective now, Direction direction)
    {
        const string where = "";
        var request = direction == Direction.Request;
        CompareTypes(where, old, now, request);

        if (old.Format is not null && old.Format != now.Format)
        {
            _sink.Add(FormatChanged.Entry($"{where}: format {old.Format} -> {now.Format ?? "(none)"}"));
        }

        if (old.Nullable != now.Nullable)
        {
            _sink.Add(request
                ? (now.Nullable ? RequestBecameNullable : RequestBecameNotNullable).Entry($"{where}: {(now.Nullable ? "may be null now" : "may no longer be null")}")
                : (now.Nullable ? ResponseBecameNullable : ResponseBecameNotNullable).Entry($"{where}: {(now.Nullable ? "may be null now" : "is never null now")}"));
        }

        CompareEnums(where, old, now, request);
        CompareLimits(where, old, now, request);

        if (old.Pattern != now.Pattern && (request ? now.Pattern is not null : old.Pattern is not null))
        {
            _sink.Add((request ? RequestPatternChanged : ResponsePatternChanged).Entry($"{where}: pattern {old.Pattern ?? "(none)"} -> {now.Pattern ?? "(none)"}"));
        }

        if (request && !Equal(old.Default, now.Default) && old.Default is not null)
        {
            _sink.Add(RequestDefaultChanged.Entry($"{where}: default {old.Default.ToJsonString()} -> {now.Default?.ToJsonString() ?? "(none)"}"));
        }

        if (!old.Deprecated && now.Deprecated)
        {
            _sink.Add(SchemaDeprecated.Entry($"{where}: deprecated"));
        }

        CompareProperties(where, old, now, direction);

        if (old.Items is not null && now.Items is not null)
        {
            Nested(where + "[]", old.Items, now.Items, direction);
        }

        if (old.AdditionalProperties is not null && now.AdditionalProperties is not null)
        {
            Nested(where + "{*}", old.AdditionalProperties, now.AdditionalProperties, direction);
        }

        CompareAlternatives(where, old.OneOf, now.OneOf, "oneOf", direction);
        CompareAlternatives(where, old.AnyOf, now.AnyOf, "anyOf", direction);
        CompareDiscriminator(where, old, now);
    }

    private void CompareTypes(string where, Effective old, Effective now, bool request)
    {
        if (old.Type is null || now.Type is null || old.Type == now.Type)
        {
            return;
        }

        var widened = old.Type == JsonSchemaType.Integer && now.Type == JsonSchemaType.Number;
        var narrowed = old.Type == JsonSchemaType.Number && now.Type == JsonSchemaType.Integer;
        var detail = $"{where}: type {Name(old.Type.Value)} -> {Name(now.Type.Value)}";
        if (widened)
        {
            _sink.Add((request ? RequestTypeWidened : ResponseTypeWidened).Entry(detail));
        }
        else if (narrowed)
        {
            _sink.Add((request ? RequestTypeNarrowed : ResponseTypeNarrowed).Entry(detail));
        }
        else
        {
            _sink.Add(TypeChanged.Entry(detail));
        }
    }

    private static string Name(JsonSchemaType type) =>
        string.Join("|", Enum.GetValues<JsonSchemaType>().Where(t => t != JsonSchemaType.Null && type.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant()));

    private void CompareEnums(string where, Effective old, Effective now, bool request)
    {
        if (old.Enum.Count == 0 || now.Enum.Count == 0)
        {
            if (old.Enum.Count == 0 && now.Enum.Count > 0 && request)
            {
                _sink.Add(RequestLimitTightened.Entry($"{where}: now limited to {string.Join(", ", now.Enum)}"));
            }
            else if (old.Enum.Count > 0 && now.Enum.Count == 0 && !request)
            {
                _sink.Add(ResponseLimitRelaxed.Entry($"{where}: no longer limited to {string.Join(", ", old.Enum)}"));
            }

            return;
        }

        foreach (var value in old.Enum.Where(v => !now.Enum.Contains(v)))
        {
            _sink.Add((request ? RequestEnumValueRemoved : ResponseEnumValueRemoved).Entry($"{where}: enum value {value} removed"));
        }

        foreach (var value in now.Enum.Where(v => !old.Enum.Contains(v)))
        {
            _sink.Add((request ? RequestEnumValueAdded : ResponseEnumValueAdded).Entry($"{where}: enum value {value} added"));
        }
    }

    /// <summary>Limits: for each, whether the new value is stricter or looser; stricter breaks requests, looser is dangerous in responses.</summary>
    private void CompareLimits(string where, Effective old, Effective now, bool request)
    {
        void Upper(string name, decimal? before, decimal? after) => Limit(name, before, after, stricterWhenSmaller: true);
        void Lower(string name, decimal? before, decimal? after) => Limit(name, before, after, stricterWhenSmaller: false);

        void Limit(string name, decimal? before, decimal? after, bool stricterWhenSmaller)
        {
            if (before == after)
            {
                return;
            }

            // No limit is the loosest: an upper bound added, or a lower bound added, is stricter.
            var stricter = before is null || (after is not null && (stricterWhenSmaller ? after < before : after > before));
            var detail = $"{where}: {name} {Show(before)} -> {Show(after)}";
            _sink.Add(request
                ? (stricter ? RequestLimitTightened : RequestLimitRelaxed).Entry(detail)
                : (stricter ? ResponseLimitTightened : ResponseLimitRelaxed).Entry(detail));
        }

        Upper("maxLength", old.Raw.MaxLength, now.Raw.MaxLength);
        Lower("minLength", old.Raw.MinLength, now.Raw.MinLength);
        Upper("maximum", Number(old.Raw.Maximum), Number(now.Raw.Maximum));
        Lower("minimum", Number(old.Raw.Minimum), Number(now.Raw.Minimum));
        Upper("exclusiveMaximum", Number(old.Raw.ExclusiveMaximum), Number(now.Raw.ExclusiveMaximum));
        Lower("exclusiveMinimum", Number(old.Raw.ExclusiveMinimum), Number(now.Raw.ExclusiveMinimum));
        Upper("maxItems", old.Raw.MaxItems, now.Raw.MaxItems);
        Lower("minItems", old.Raw.MinItems, now.Raw.MinItems);
        Upper("maxProperties", old.Raw.MaxProperties, now.Raw.MaxProperties);
        Lower("minProperties", old.Raw.MinProperties, now.Raw.MinProperties);
        if (old.Raw.MultipleOf != now.Raw.MultipleOf)
        {
            var detail = $"{where}: multipleOf {Show(old.Raw.MultipleOf)} -> {Show(now.Raw.MultipleOf)}";
            var stricter = now.Raw.MultipleOf is { } m && (old.Raw.MultipleOf is not { } o || m % o != 0);
            _sink.Add(request
                ? (stricter ? RequestLimitTightened : RequestLimitRelaxed).Entry(detail)
                : (stricter ? ResponseLimitTightened : ResponseLimitRelaxed).Entry(detail));
        }

        if ((old.Raw.UniqueItems ?? false) != (now.Raw.UniqueItems ?? false))
        {
            var stricter = now.Raw.UniqueItems ?? false;
            var detail = $"{where}: uniqueItems {old.Raw.UniqueItems ?? false} -> {stricter}";
            _sink.Add(request
                ? (stricter ? RequestLimitTightened : RequestLimitRelaxed).Entry(detail)
                : (stricter ? ResponseLimitTightened : ResponseLimitRelaxed).Entry(detail));
        }
    }

    private static string Show(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "(none)";

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private void CompareProperties(string where, Effective old, Effective now, Direction direction)
    {
        var request = direction == Direction.Request;
        foreach (var (name, property) in old.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var at = $"{where}: property '{name}'";
            // readOnly properties are not sent, writeOnly ones are not received.
            var ignored = request ? property.ReadOnly : property.WriteOnly;
            if (!now.Properties.TryGetValue(name, out var current))
            {
                if (!ignored)
                {
                    _sink.Add((request ? RequestPropertyRemoved : ResponsePropertyRemoved).Entry($"{at} removed"));
                }

                continue;
            }

            var wasRequired = old.Required.Contains(name);
            var isRequired = now.Required.Contains(name);
            if (!ignored && wasRequired != isRequired)
            {
                _sink.Add(request
                    ? (isRequired ? RequestPropertyBecameRequired : RequestPropertyBecameOptional).Entry($"{at} became {(isRequired ? "required" : "optional")}")
                    : (isRequired ? ResponsePropertyBecameRequired : ResponsePropertyBecameOptional).Entry($"{at} {(isRequired ? "is now always present" : "is no longer always present")}"));
            }

            Nested($"{where}.{name}", property, current, direction);
        }

        foreach (var (name, property) in now.Properties.Where(p => !old.Properties.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var at = $"{where}: property '{name}'";
            if (request && !property.ReadOnly)
            {
                _sink.Add(now.Required.Contains(name)
                    ? RequestRequiredPropertyAdded.Entry($"{where}: required property '{name}' added")
                    : RequestOptionalPropertyAdded.Entry($"{at} added"));
            }
            else if (!request && !property.WriteOnly)
            {
                _sink.Add(ResponsePropertyAdded.Entry($"{at} added"));
            }
        }

        if (old.AdditionalPropertiesAllowed != now.AdditionalPropertiesAllowed)
        {
            if (request && !now.AdditionalPropertiesAllowed)
            {
                _sink.Add(RequestAdditionalPropertiesForbidden.Entry($"{where}: other properties are no longer accepted"));
            }
            else if (!request && now.AdditionalPropertiesAllowed)
            {
                _sink.Add(ResponseAdditionalPropertiesAllowed.Entry($"{where}: may now carry other properties"));
            }
        }
    }

    /// <summary>oneOf/anyOf alternatives matched by their structure (a fingerprint), not their position or name.</summary>
    private void CompareAlternatives(string where, IReadOnlyList<IOpenApiSchema> old, IReadOnlyList<IOpenApiSchema> now, string keyword, Direction direction)
    {
        if (old.Count == 0 && now.Count == 0)
        {
            return;
        }

        var before = old.Select(s => (Schema: s, Print: Fingerprint.Of(s))).ToList();
        var after = now.Select(s => (Schema: s, Print: Fingerprint.Of(s))).ToList();
        var request = direction == Direction.Request;
        var unmatchedOld = before.Where(b => after.All(a => a.Print != b.Print)).ToList();
        var unmatchedNew = after.Where(a => before.All(b => b.Print != a.Print)).ToList();

        // One alternative on each side that differs: the same alternative changed, compared in depth.
        if (unmatchedOld.Count == 1 && unmatchedNew.Count == 1 && old.Count == now.Count)
        {
            Nested($"{where} ({keyword} {Describe(unmatchedOld[0].Schema)})", unmatchedOld[0].Schema, unmatchedNew[0].Schema, direction);
            return;
        }

        foreach (var (schema, _) in unmatchedOld)
        {
            _sink.Add((request ? RequestAlternativeRemoved : ResponseAlternativeRemoved).Entry($"{where}: {keyword} alternative {Describe(schema)} removed"));
        }

        foreach (var (schema, _) in unmatchedNew)
        {
            _sink.Add((request ? RequestAlternativeAdded : ResponseAlternativeAdded).Entry($"{where}: {keyword} alternative {Describe(schema)} added"));
        }
    }

    private static string Describe(IOpenApiSchema schema) =>
        schema is OpenApiSchemaReference reference ? reference.Reference?.Id ?? "a schema" : schema.Title ?? (schema.Type is { } type ? Name(type) : "a schema");

    private void CompareDiscriminator(string where, Effective old, Effective now)
    {
        if (old.Raw.Discriminator is not { } before)
        {
            return;
        }

        if (now.Raw.Discriminator is not { } after || after.PropertyName != before.PropertyName)
        {
            _sink.Add(DiscriminatorChanged.Entry($"{where}: discriminator {before.PropertyName} -> {now.Raw.Discriminator?.PropertyName ?? "(none)"}"));
            return;
        }

        var oldKeys = before.Mapping?.Keys.ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>();
        var newKeys = after.Mapping?.Keys.ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>();
        foreach (var key in oldKeys.Where(k => !newKeys.Contains(k)).OrderBy(k => k, StringComparer.Ordinal))
        {
            _sink.Add(DiscriminatorMappingRemoved.Entry($"{where}: discriminator value '{key}' removed"));
        }

        foreach (var key in newKeys.Where(k => !oldKeys.Contains(k)).OrderBy(k => k, StringComparer.Ordinal))
        {
            _sink.Add(DiscriminatorMappingAdded.Entry($"{where}: discriminator value '{key}' added"));
        }
    }

    private static bool Equal(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    /// <summary>
    /// A schema as it constrains values: references resolved, allOf parts merged (properties, required, type, limits of
    /// the first part that has them), nullability from 3.1's type array or 3.0's nullable alike, enum values as JSON.
    /// </summary>
    private sealed class Effective
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

        public static Effective Of(IOpenApiSchema schema)
        {
            var target = Resolve(schema);
            var parts = new List<IOpenApiSchema> { target };
            Flatten(target, parts, depth: 0);
            var typed = parts.FirstOrDefault(p => p.Type is not null && (p.Type & ~JsonSchemaType.Null) != 0);
            var type = typed?.Type;
            var effective = new Effective
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

    /// <summary>A structural print of a schema (references resolved, keys sorted, bounded depth): equal prints, same alternative.</summary>
    private static class Fingerprint
    {
        public static string Of(IOpenApiSchema schema) => Print(schema, 0, new HashSet<object>(ReferenceEqualityComparer.Instance));

        private static string Print(IOpenApiSchema schema, int depth, HashSet<object> seen)
        {
            var effective = Effective.Of(schema);
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

    private sealed class TripleComparer : IEqualityComparer<(object, object, Direction)>
    {
        public static readonly TripleComparer Instance = new();

        public bool Equals((object, object, Direction) x, (object, object, Direction) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2) && x.Item3 == y.Item3;

        public int GetHashCode((object, object, Direction) obj) =>
            (System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2), obj.Item3).GetHashCode();
    }
}
