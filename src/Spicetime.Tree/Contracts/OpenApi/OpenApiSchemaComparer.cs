using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using static Spicetime.Tree.Contracts.OpenApi.OpenApiRules;

namespace Spicetime.Tree.Contracts.OpenApi;

/// <summary>
/// Compares two schemas as they constrain values (<see cref="EffectiveSchema"/>), in the direction of the data
/// (<see cref="SchemaDirection"/>): types, formats, nullability, enums, limits, patterns, defaults, properties,
/// items, alternatives and discriminators. One comparer serves a whole document comparison, so that a pair of schemas
/// reached from many operations is compared once (<see cref="SchemaPairMemo"/>).
/// </summary>
internal sealed class OpenApiSchemaComparer
{
    private readonly SchemaPairMemo _memo = new();

    /// <summary>The changes between two schemas, each as a rule and a detail relative to them, each once.</summary>
    public IEnumerable<(ContractRule Rule, string Detail)> Compare(IOpenApiSchema oldSchema, IOpenApiSchema newSchema, SchemaDirection direction) =>
        Pair(oldSchema, newSchema, direction, out _).Distinct();

    /// <summary>
    /// The changes between two schemas, each as a rule and a detail relative to them (": type string -> integer",
    /// ".lines[]: property 'qty' removed"). A pair of schemas is compared once per comparison however many operations
    /// reach it (a shared component is typical), except while a reference cycle through it is still open: a result that
    /// depended on a pair still being compared further up is incomplete and computed again when reached from elsewhere,
    /// so no change is lost to a cycle. <paramref name="low"/> is the shallowest open pair the result depended on.
    /// </summary>
    private List<(ContractRule Rule, string Detail)> Pair(IOpenApiSchema oldSchema, IOpenApiSchema newSchema, SchemaDirection direction, out int low)
    {
        var old = EffectiveSchema.Of(oldSchema);
        var now = EffectiveSchema.Of(newSchema);
        var key = (old.Identity, now.Identity, direction);
        if (_memo.TryGetComplete(key, out var known))
        {
            low = int.MaxValue;
            return known;
        }

        if (_memo.TryGetOpen(key, out var depth))
        {
            low = depth; // a cycle: the pair is being compared further up, which reports its changes
            return new List<(ContractRule, string)>();
        }

        var mine = _memo.Open(key);
        var changes = new SchemaChanges(inComponent: newSchema is OpenApiSchemaReference);
        try
        {
            Body(changes, old, now, direction);
            low = changes.Low;
            if (low >= mine)
            {
                _memo.Complete(key, changes.Entries); // complete: no open pair above it was needed
                low = int.MaxValue;
            }

            return changes.Entries;
        }
        finally
        {
            _memo.Close(key);
        }
    }

    /// <summary>
    /// A schema inside the one being compared: a reference to a named component is a pair of its own (compared once),
    /// its changes shown below <paramref name="where"/> with the component's name when it is reached from another
    /// component (<c>.owner … Customer: property 'x' removed</c>); an inline schema is part of this pair.
    /// </summary>
    private void Nested(SchemaChanges changes, string where, IOpenApiSchema? oldSchema, IOpenApiSchema? newSchema, SchemaDirection direction)
    {
        if (oldSchema is null || newSchema is null)
        {
            return;
        }

        var entries = Pair(oldSchema, newSchema, direction, out var low);
        changes.DependOn(low);
        var name = newSchema is OpenApiSchemaReference reference ? reference.Reference?.Id : null;
        foreach (var (rule, detail) in entries)
        {
            var marker = detail.IndexOf(" … ", StringComparison.Ordinal);
            // the same change reached twice (a cycle, or two properties of one type) is one change
            changes.AddOnce((rule, marker >= 0 ? where + detail[marker..] : name is not null && changes.InComponent ? $"{where} … {name}{detail}" : where + detail));
        }
    }

    private void Body(SchemaChanges changes, EffectiveSchema old, EffectiveSchema now, SchemaDirection direction)
    {
        const string where = "";
        var request = direction == SchemaDirection.Request;
        CompareTypes(changes, where, old, now, request);

        if (old.Format is not null && old.Format != now.Format)
        {
            changes.Add(FormatChanged.Entry($"{where}: format {old.Format} -> {now.Format ?? "(none)"}"));
        }

        if (old.Nullable != now.Nullable)
        {
            changes.Add(request
                ? (now.Nullable ? RequestBecameNullable : RequestBecameNotNullable).Entry($"{where}: {(now.Nullable ? "may be null now" : "may no longer be null")}")
                : (now.Nullable ? ResponseBecameNullable : ResponseBecameNotNullable).Entry($"{where}: {(now.Nullable ? "may be null now" : "is never null now")}"));
        }

        CompareEnums(changes, where, old, now, request);
        CompareLimits(changes, where, old, now, request);

        if (old.Pattern != now.Pattern && (request ? now.Pattern is not null : old.Pattern is not null))
        {
            changes.Add((request ? RequestPatternChanged : ResponsePatternChanged).Entry($"{where}: pattern {old.Pattern ?? "(none)"} -> {now.Pattern ?? "(none)"}"));
        }

        if (request && !Equal(old.Default, now.Default) && old.Default is not null)
        {
            changes.Add(RequestDefaultChanged.Entry($"{where}: default {old.Default.ToJsonString()} -> {now.Default?.ToJsonString() ?? "(none)"}"));
        }

        if (!old.Deprecated && now.Deprecated)
        {
            changes.Add(SchemaDeprecated.Entry($"{where}: deprecated"));
        }

        CompareProperties(changes, where, old, now, direction);

        if (old.Items is not null && now.Items is not null)
        {
            Nested(changes, where + "[]", old.Items, now.Items, direction);
        }

        if (old.AdditionalProperties is not null && now.AdditionalProperties is not null)
        {
            Nested(changes, where + "{*}", old.AdditionalProperties, now.AdditionalProperties, direction);
        }

        CompareAlternatives(changes, where, old.OneOf, now.OneOf, "oneOf", direction);
        CompareAlternatives(changes, where, old.AnyOf, now.AnyOf, "anyOf", direction);
        CompareDiscriminator(changes, where, old, now);
    }

    private static void CompareTypes(SchemaChanges changes, string where, EffectiveSchema old, EffectiveSchema now, bool request)
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
            changes.Add((request ? RequestTypeWidened : ResponseTypeWidened).Entry(detail));
        }
        else if (narrowed)
        {
            changes.Add((request ? RequestTypeNarrowed : ResponseTypeNarrowed).Entry(detail));
        }
        else
        {
            changes.Add(TypeChanged.Entry(detail));
        }
    }

    private static string Name(JsonSchemaType type) =>
        string.Join("|", Enum.GetValues<JsonSchemaType>().Where(t => t != JsonSchemaType.Null && type.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant()));

    private static void CompareEnums(SchemaChanges changes, string where, EffectiveSchema old, EffectiveSchema now, bool request)
    {
        if (old.Enum.Count == 0 || now.Enum.Count == 0)
        {
            if (old.Enum.Count == 0 && now.Enum.Count > 0 && request)
            {
                changes.Add(RequestLimitTightened.Entry($"{where}: now limited to {string.Join(", ", now.Enum)}"));
            }
            else if (old.Enum.Count > 0 && now.Enum.Count == 0 && !request)
            {
                changes.Add(ResponseLimitRelaxed.Entry($"{where}: no longer limited to {string.Join(", ", old.Enum)}"));
            }

            return;
        }

        foreach (var value in old.Enum.Where(v => !now.Enum.Contains(v)))
        {
            changes.Add((request ? RequestEnumValueRemoved : ResponseEnumValueRemoved).Entry($"{where}: enum value {value} removed"));
        }

        foreach (var value in now.Enum.Where(v => !old.Enum.Contains(v)))
        {
            changes.Add((request ? RequestEnumValueAdded : ResponseEnumValueAdded).Entry($"{where}: enum value {value} added"));
        }
    }

    /// <summary>Limits: for each, whether the new value is stricter or looser; stricter breaks requests, looser is dangerous in responses.</summary>
    private static void CompareLimits(SchemaChanges changes, string where, EffectiveSchema old, EffectiveSchema now, bool request)
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
            changes.Add(request
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
            changes.Add(request
                ? (stricter ? RequestLimitTightened : RequestLimitRelaxed).Entry(detail)
                : (stricter ? ResponseLimitTightened : ResponseLimitRelaxed).Entry(detail));
        }

        if ((old.Raw.UniqueItems ?? false) != (now.Raw.UniqueItems ?? false))
        {
            var stricter = now.Raw.UniqueItems ?? false;
            var detail = $"{where}: uniqueItems {old.Raw.UniqueItems ?? false} -> {stricter}";
            changes.Add(request
                ? (stricter ? RequestLimitTightened : RequestLimitRelaxed).Entry(detail)
                : (stricter ? ResponseLimitTightened : ResponseLimitRelaxed).Entry(detail));
        }
    }

    private static string Show(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "(none)";

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private void CompareProperties(SchemaChanges changes, string where, EffectiveSchema old, EffectiveSchema now, SchemaDirection direction)
    {
        var request = direction == SchemaDirection.Request;
        foreach (var (name, property) in old.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var at = $"{where}: property '{name}'";
            // readOnly properties are not sent, writeOnly ones are not received.
            var ignored = request ? property.ReadOnly : property.WriteOnly;
            if (!now.Properties.TryGetValue(name, out var current))
            {
                if (!ignored)
                {
                    changes.Add((request ? RequestPropertyRemoved : ResponsePropertyRemoved).Entry($"{at} removed"));
                }

                continue;
            }

            var wasRequired = old.Required.Contains(name);
            var isRequired = now.Required.Contains(name);
            if (!ignored && wasRequired != isRequired)
            {
                changes.Add(request
                    ? (isRequired ? RequestPropertyBecameRequired : RequestPropertyBecameOptional).Entry($"{at} became {(isRequired ? "required" : "optional")}")
                    : (isRequired ? ResponsePropertyBecameRequired : ResponsePropertyBecameOptional).Entry($"{at} {(isRequired ? "is now always present" : "is no longer always present")}"));
            }

            Nested(changes, $"{where}.{name}", property, current, direction);
        }

        foreach (var (name, property) in now.Properties.Where(p => !old.Properties.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var at = $"{where}: property '{name}'";
            if (request && !property.ReadOnly)
            {
                changes.Add(now.Required.Contains(name)
                    ? RequestRequiredPropertyAdded.Entry($"{where}: required property '{name}' added")
                    : RequestOptionalPropertyAdded.Entry($"{at} added"));
            }
            else if (!request && !property.WriteOnly)
            {
                changes.Add(ResponsePropertyAdded.Entry($"{at} added"));
            }
        }

        if (old.AdditionalPropertiesAllowed != now.AdditionalPropertiesAllowed)
        {
            if (request && !now.AdditionalPropertiesAllowed)
            {
                changes.Add(RequestAdditionalPropertiesForbidden.Entry($"{where}: other properties are no longer accepted"));
            }
            else if (!request && now.AdditionalPropertiesAllowed)
            {
                changes.Add(ResponseAdditionalPropertiesAllowed.Entry($"{where}: may now carry other properties"));
            }
        }
    }

    /// <summary>oneOf/anyOf alternatives matched by their structure (a fingerprint), not their position or name.</summary>
    private void CompareAlternatives(SchemaChanges changes, string where, IReadOnlyList<IOpenApiSchema> old, IReadOnlyList<IOpenApiSchema> now, string keyword, SchemaDirection direction)
    {
        if (old.Count == 0 && now.Count == 0)
        {
            return;
        }

        var before = old.Select(s => (Schema: s, Print: SchemaFingerprint.Of(s))).ToList();
        var after = now.Select(s => (Schema: s, Print: SchemaFingerprint.Of(s))).ToList();
        var request = direction == SchemaDirection.Request;
        var unmatchedOld = before.Where(b => after.All(a => a.Print != b.Print)).ToList();
        var unmatchedNew = after.Where(a => before.All(b => b.Print != a.Print)).ToList();

        // One alternative on each side that differs: the same alternative changed, compared in depth.
        if (unmatchedOld.Count == 1 && unmatchedNew.Count == 1 && old.Count == now.Count)
        {
            Nested(changes, $"{where} ({keyword} {Describe(unmatchedOld[0].Schema)})", unmatchedOld[0].Schema, unmatchedNew[0].Schema, direction);
            return;
        }

        foreach (var (schema, _) in unmatchedOld)
        {
            changes.Add((request ? RequestAlternativeRemoved : ResponseAlternativeRemoved).Entry($"{where}: {keyword} alternative {Describe(schema)} removed"));
        }

        foreach (var (schema, _) in unmatchedNew)
        {
            changes.Add((request ? RequestAlternativeAdded : ResponseAlternativeAdded).Entry($"{where}: {keyword} alternative {Describe(schema)} added"));
        }
    }

    private static string Describe(IOpenApiSchema schema) =>
        schema is OpenApiSchemaReference reference ? reference.Reference?.Id ?? "a schema" : schema.Title ?? (schema.Type is { } type ? Name(type) : "a schema");

    private static void CompareDiscriminator(SchemaChanges changes, string where, EffectiveSchema old, EffectiveSchema now)
    {
        if (old.Raw.Discriminator is not { } before)
        {
            return;
        }

        if (now.Raw.Discriminator is not { } after || after.PropertyName != before.PropertyName)
        {
            changes.Add(DiscriminatorChanged.Entry($"{where}: discriminator {before.PropertyName} -> {now.Raw.Discriminator?.PropertyName ?? "(none)"}"));
            return;
        }

        var oldKeys = before.Mapping?.Keys.ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>();
        var newKeys = after.Mapping?.Keys.ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>();
        foreach (var key in oldKeys.Where(k => !newKeys.Contains(k)).OrderBy(k => k, StringComparer.Ordinal))
        {
            changes.Add(DiscriminatorMappingRemoved.Entry($"{where}: discriminator value '{key}' removed"));
        }

        foreach (var key in newKeys.Where(k => !oldKeys.Contains(k)).OrderBy(k => k, StringComparer.Ordinal))
        {
            changes.Add(DiscriminatorMappingAdded.Entry($"{where}: discriminator value '{key}' added"));
        }
    }

    private static bool Equal(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
