namespace Spicetime.Tree.Contracts.OpenApi;

/// <summary>
/// Every OpenAPI rule: an id, a level, and what it means (docs/contracts.md is this table). Rules that differ by
/// direction come in pairs: what a client sends (parameters, request bodies) breaks when it gets stricter; what a client
/// receives (responses) breaks when it gets looser.
/// </summary>
public static class OpenApiRules
{
    private const ChangeLevel B = ChangeLevel.Breaking, D = ChangeLevel.Dangerous, S = ChangeLevel.Safe;

    // Paths and operations
    public static readonly ContractRule PathRemoved = new("path-removed", B, "A path was removed");
    public static readonly ContractRule PathAdded = new("path-added", S, "A path was added");
    public static readonly ContractRule OperationRemoved = new("operation-removed", B, "An operation (method of a path) was removed");
    public static readonly ContractRule OperationAdded = new("operation-added", S, "An operation was added");
    public static readonly ContractRule OperationIdChanged = new("operation-id-changed", D, "An operation's operationId changed (generated clients rename the method)");
    public static readonly ContractRule OperationDeprecated = new("operation-deprecated", S, "An operation was deprecated");

    // Parameters (path, query, header, cookie)
    public static readonly ContractRule RequiredParameterAdded = new("request-parameter-required-added", B, "A required parameter was added");
    public static readonly ContractRule OptionalParameterAdded = new("request-parameter-optional-added", S, "An optional parameter was added");
    public static readonly ContractRule ParameterRemoved = new("request-parameter-removed", D, "A parameter was removed (clients still send it)");
    public static readonly ContractRule ParameterBecameRequired = new("request-parameter-became-required", B, "A parameter became required");
    public static readonly ContractRule ParameterBecameOptional = new("request-parameter-became-optional", S, "A parameter became optional");
    public static readonly ContractRule ParameterStyleChanged = new("request-parameter-style-changed", B, "A parameter's serialization (style or explode) changed");
    public static readonly ContractRule ParameterDeprecated = new("request-parameter-deprecated", S, "A parameter was deprecated");

    // Request bodies
    public static readonly ContractRule RequiredRequestBodyAdded = new("request-body-required-added", B, "A required request body was added");
    public static readonly ContractRule OptionalRequestBodyAdded = new("request-body-optional-added", S, "An optional request body was added");
    public static readonly ContractRule RequestBodyRemoved = new("request-body-removed", D, "The request body was removed (clients still send one)");
    public static readonly ContractRule RequestBodyBecameRequired = new("request-body-became-required", B, "The request body became required");
    public static readonly ContractRule RequestBodyBecameOptional = new("request-body-became-optional", S, "The request body became optional");
    public static readonly ContractRule RequestMediaTypeRemoved = new("request-media-type-removed", B, "A request media type is no longer accepted");
    public static readonly ContractRule RequestMediaTypeAdded = new("request-media-type-added", S, "A request media type is now accepted");

    // Responses
    public static readonly ContractRule SuccessStatusRemoved = new("response-success-status-removed", B, "A success (2xx/3xx) response was removed");
    public static readonly ContractRule ErrorStatusRemoved = new("response-error-status-removed", D, "An error (4xx/5xx) response was removed");
    public static readonly ContractRule StatusAdded = new("response-status-added", S, "A response status was added");
    public static readonly ContractRule ResponseMediaTypeRemoved = new("response-media-type-removed", B, "A response media type was removed");
    public static readonly ContractRule ResponseMediaTypeAdded = new("response-media-type-added", S, "A response media type was added");
    public static readonly ContractRule ResponseHeaderRemoved = new("response-header-removed", B, "A response header was removed");
    public static readonly ContractRule ResponseHeaderBecameOptional = new("response-header-became-optional", B, "A response header is no longer always sent");
    public static readonly ContractRule ResponseHeaderAdded = new("response-header-added", S, "A response header was added");

    // Security
    public static readonly ContractRule SecurityRequirementAdded = new("security-requirement-added", B, "An operation requires a security scheme it did not");
    public static readonly ContractRule SecurityRequirementRemoved = new("security-requirement-removed", S, "An operation no longer requires a security scheme");
    public static readonly ContractRule SecurityScopeAdded = new("security-scope-added", B, "A security requirement needs another scope");
    public static readonly ContractRule SecurityScopeRemoved = new("security-scope-removed", S, "A security requirement needs one scope less");

    // Schemas: both directions
    public static readonly ContractRule TypeChanged = new("schema-type-changed", B, "A schema's type changed");
    public static readonly ContractRule FormatChanged = new("schema-format-changed", B, "A schema's format changed");
    public static readonly ContractRule DiscriminatorChanged = new("schema-discriminator-changed", B, "A discriminator's property changed");
    public static readonly ContractRule DiscriminatorMappingRemoved = new("schema-discriminator-mapping-removed", B, "A discriminator value was removed");
    public static readonly ContractRule DiscriminatorMappingAdded = new("schema-discriminator-mapping-added", D, "A discriminator value was added");
    public static readonly ContractRule SchemaDeprecated = new("schema-deprecated", S, "A schema or property was deprecated");

    // Schemas in requests
    public static readonly ContractRule RequestTypeWidened = new("request-schema-type-widened", S, "A request value accepts a wider type (integer → number)");
    public static readonly ContractRule RequestTypeNarrowed = new("request-schema-type-narrowed", B, "A request value accepts a narrower type (number → integer)");
    public static readonly ContractRule RequestPropertyRemoved = new("request-property-removed", D, "A request property was removed (clients still send it)");
    public static readonly ContractRule RequestRequiredPropertyAdded = new("request-property-required-added", B, "A required request property was added");
    public static readonly ContractRule RequestOptionalPropertyAdded = new("request-property-optional-added", S, "An optional request property was added");
    public static readonly ContractRule RequestPropertyBecameRequired = new("request-property-became-required", B, "A request property became required");
    public static readonly ContractRule RequestPropertyBecameOptional = new("request-property-became-optional", S, "A request property became optional");
    public static readonly ContractRule RequestEnumValueRemoved = new("request-enum-value-removed", B, "A value clients may send was removed from an enum");
    public static readonly ContractRule RequestEnumValueAdded = new("request-enum-value-added", S, "A value was added to a request enum");
    public static readonly ContractRule RequestBecameNotNullable = new("request-became-not-nullable", B, "A request value may no longer be null");
    public static readonly ContractRule RequestBecameNullable = new("request-became-nullable", S, "A request value may be null");
    public static readonly ContractRule RequestLimitTightened = new("request-limit-tightened", B, "A request limit got stricter (maxLength, minLength, maximum, minimum, maxItems, minItems, maxProperties, minProperties, exclusive bounds, multipleOf, uniqueItems)");
    public static readonly ContractRule RequestLimitRelaxed = new("request-limit-relaxed", S, "A request limit got looser");
    public static readonly ContractRule RequestPatternChanged = new("request-pattern-changed", B, "A request value's pattern was added or changed");
    public static readonly ContractRule RequestAdditionalPropertiesForbidden = new("request-additional-properties-forbidden", B, "A request object no longer accepts other properties");
    public static readonly ContractRule RequestDefaultChanged = new("request-default-changed", D, "A request value's default changed");
    public static readonly ContractRule RequestAlternativeRemoved = new("request-alternative-removed", B, "A oneOf/anyOf alternative clients may send was removed");
    public static readonly ContractRule RequestAlternativeAdded = new("request-alternative-added", S, "A oneOf/anyOf alternative was added to a request");

    // Schemas in responses
    public static readonly ContractRule ResponseTypeWidened = new("response-schema-type-widened", B, "A response value has a wider type (integer → number)");
    public static readonly ContractRule ResponseTypeNarrowed = new("response-schema-type-narrowed", S, "A response value has a narrower type");
    public static readonly ContractRule ResponsePropertyRemoved = new("response-property-removed", B, "A response property was removed");
    public static readonly ContractRule ResponsePropertyAdded = new("response-property-added", S, "A response property was added");
    public static readonly ContractRule ResponsePropertyBecameOptional = new("response-property-became-optional", B, "A response property is no longer always present");
    public static readonly ContractRule ResponsePropertyBecameRequired = new("response-property-became-required", S, "A response property is now always present");
    public static readonly ContractRule ResponseEnumValueAdded = new("response-enum-value-added", D, "A value clients may receive was added to an enum");
    public static readonly ContractRule ResponseEnumValueRemoved = new("response-enum-value-removed", S, "A value was removed from a response enum");
    public static readonly ContractRule ResponseBecameNullable = new("response-became-nullable", B, "A response value may now be null");
    public static readonly ContractRule ResponseBecameNotNullable = new("response-became-not-nullable", S, "A response value is never null now");
    public static readonly ContractRule ResponseLimitRelaxed = new("response-limit-relaxed", D, "A response limit got looser (clients that validate may reject values)");
    public static readonly ContractRule ResponseLimitTightened = new("response-limit-tightened", S, "A response limit got stricter");
    public static readonly ContractRule ResponsePatternChanged = new("response-pattern-changed", D, "A response value's pattern changed or was removed");
    public static readonly ContractRule ResponseAdditionalPropertiesAllowed = new("response-additional-properties-allowed", D, "A response object may now carry other properties");
    public static readonly ContractRule ResponseAlternativeAdded = new("response-alternative-added", B, "A oneOf/anyOf alternative clients may receive was added");
    public static readonly ContractRule ResponseAlternativeRemoved = new("response-alternative-removed", S, "A oneOf/anyOf alternative was removed from a response");

    /// <summary>Every rule, in the documented order.</summary>
    public static IReadOnlyList<ContractRule> All { get; } = typeof(OpenApiRules).GetFields()
        .Where(f => f.FieldType == typeof(ContractRule)).Select(f => (ContractRule)f.GetValue(null)!).ToArray();
}
