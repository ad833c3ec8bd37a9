using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Spicetime.Tree.Contracts.GraphQL;

/// <summary>A GraphQL type reference: a named type, a list of one, or a non-null one (<c>[Product!]!</c>).</summary>
public sealed record GraphQLTypeRef(string? Name, GraphQLTypeRef? OfType, bool IsList, bool IsNonNull)
{
    public static GraphQLTypeRef Named(string name) => new(name, null, false, false);

    public string NamedType => Name ?? OfType!.NamedType;

    public override string ToString() => IsNonNull ? $"{OfType}!" : IsList ? $"[{OfType}]" : Name!;
}

/// <summary>An argument or input field: its type, default (as written, or null) and deprecation.</summary>
public sealed record GraphQLInputValue(string Name, GraphQLTypeRef Type, string? Default, bool Deprecated);

/// <summary>A field of an object or interface type.</summary>
public sealed record GraphQLField(string Name, GraphQLTypeRef Type, IReadOnlyDictionary<string, GraphQLInputValue> Arguments, bool Deprecated);

/// <summary>What kind of named type (the schema definition language's keyword).</summary>
public enum GraphQLTypeKind
{
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
}

/// <summary>A named type with what its kind holds (fields, members, values, input fields), extensions merged in.</summary>
public sealed class GraphQLNamedType
{
    public required string Name { get; init; }

    public required GraphQLTypeKind Kind { get; init; }

    public Dictionary<string, GraphQLField> Fields { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, GraphQLInputValue> InputFields { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Interfaces { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>Enum values, each with whether it is deprecated.</summary>
    public Dictionary<string, bool> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Directives applied to the type (names).</summary>
    public SortedSet<string> Directives { get; } = new(StringComparer.Ordinal);
}

/// <summary>A directive definition: arguments, whether it is repeatable, and where it may stand.</summary>
public sealed record GraphQLDirective(string Name, IReadOnlyDictionary<string, GraphQLInputValue> Arguments, bool Repeatable, SortedSet<string> Locations);

/// <summary>
/// A GraphQL schema from its SDL, read with GraphQL-Parser: named types (extensions merged into what they extend),
/// directive definitions and the root operation types. Only what comparisons need; descriptions are left out, so a
/// reworded description is no change.
/// </summary>
public sealed class GraphQLSchema
{
    public Dictionary<string, GraphQLNamedType> Types { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, GraphQLDirective> Directives { get; } = new(StringComparer.Ordinal);

    /// <summary>"query", "mutation", "subscription" → the type's name (defaults: Query, Mutation, Subscription when defined).</summary>
    public Dictionary<string, string> RootTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Parses SDL; a syntax error is reported with its line and column (1-based) and null is returned.</summary>
    public static GraphQLSchema? Parse(string sdl, out (int Line, int Column, string Message)? error)
    {
        error = null;
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(sdl);
        }
        catch (GraphQLParserException e)
        {
            // Syntax errors and the parser's depth limit alike.
            error = (e.Location.Line, e.Location.Column, e.Description);
            return null;
        }

        var schema = new GraphQLSchema();
        foreach (var definition in document.Definitions)
        {
            schema.Add(definition);
        }

        // Without a schema definition, the root types are the types named Query, Mutation and Subscription (the spec's default).
        if (!document.Definitions.Any(d => d is GraphQLSchemaDefinition))
        {
            foreach (var (operation, name) in new[] { ("query", "Query"), ("mutation", "Mutation"), ("subscription", "Subscription") })
            {
                if (schema.Types.ContainsKey(name))
                {
                    schema.RootTypes[operation] = name;
                }
            }
        }

        return schema;
    }

    /// <summary>One definition or extension: a type's definition and its extensions merge into one named type.</summary>
    private void Add(ASTNode definition)
    {
        switch (definition)
        {
            case GraphQLSchemaDefinition schemaDefinition:
                AddRoots(schemaDefinition.OperationTypes);
                return;
            case GraphQLSchemaExtension schemaExtension when schemaExtension.OperationTypes is { } operations:
                AddRoots(operations);
                return;
            case GraphQLDirectiveDefinition directive:
                Directives[directive.Name.StringValue] = new GraphQLDirective(
                    directive.Name.StringValue,
                    InputValues(directive.Arguments?.Items),
                    directive.Repeatable,
                    new SortedSet<string>(directive.Locations.Items.Select(LocationName), StringComparer.Ordinal));
                return;
        }

        if (KindOf(definition) is not { } kind || definition is not INamedNode named)
        {
            return; // operations and fragments: not part of a schema
        }

        var type = Type(named.Name, kind, (definition as IHasDirectivesNode)?.Directives);
        AddFields(type, (definition as IHasFieldsDefinitionNode)?.Fields, (definition as IHasInterfacesNode)?.Interfaces);
        AddMembers(type, definition switch { GraphQLUnionTypeDefinition u => u.Types, GraphQLUnionTypeExtension u => u.Types, _ => null });
        AddValues(type, definition switch { GraphQLEnumTypeDefinition e => e.Values, GraphQLEnumTypeExtension e => e.Values, _ => null });
        AddInputFields(type, definition switch { GraphQLInputObjectTypeDefinition i => i.Fields, GraphQLInputObjectTypeExtension i => i.Fields, _ => null });
    }

    private static GraphQLTypeKind? KindOf(ASTNode definition) => definition switch
    {
        GraphQLScalarTypeDefinition or GraphQLScalarTypeExtension => GraphQLTypeKind.Scalar,
        GraphQLObjectTypeDefinition or GraphQLObjectTypeExtension => GraphQLTypeKind.Object,
        GraphQLInterfaceTypeDefinition or GraphQLInterfaceTypeExtension => GraphQLTypeKind.Interface,
        GraphQLUnionTypeDefinition or GraphQLUnionTypeExtension => GraphQLTypeKind.Union,
        GraphQLEnumTypeDefinition or GraphQLEnumTypeExtension => GraphQLTypeKind.Enum,
        GraphQLInputObjectTypeDefinition or GraphQLInputObjectTypeExtension => GraphQLTypeKind.InputObject,
        _ => null,
    };

    /// <summary>A directive location as SDL writes it: FieldDefinition → FIELD_DEFINITION.</summary>
    private static string LocationName(DirectiveLocation location) =>
        string.Concat(location.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private void AddRoots(List<GraphQLRootOperationTypeDefinition> operations)
    {
        foreach (var operation in operations)
        {
            RootTypes[operation.Operation.ToString().ToLowerInvariant()] = operation.Type!.Name.StringValue;
        }
    }

    private GraphQLNamedType Type(GraphQLName name, GraphQLTypeKind kind, GraphQLDirectives? directives)
    {
        if (!Types.TryGetValue(name.StringValue, out var type))
        {
            type = new GraphQLNamedType { Name = name.StringValue, Kind = kind };
            Types[type.Name] = type;
        }

        foreach (var directive in directives?.Items ?? new List<GraphQLParser.AST.GraphQLDirective>())
        {
            type.Directives.Add(directive.Name.StringValue);
        }

        return type;
    }

    private static void AddFields(GraphQLNamedType type, GraphQLFieldsDefinition? fields, GraphQLImplementsInterfaces? interfaces)
    {
        foreach (var field in fields?.Items ?? new List<GraphQLFieldDefinition>())
        {
            type.Fields[field.Name.StringValue] = new GraphQLField(field.Name.StringValue, Ref(field.Type), InputValues(field.Arguments?.Items), IsDeprecated(field.Directives));
        }

        foreach (var named in interfaces?.Items ?? new List<GraphQLParser.AST.GraphQLNamedType>())
        {
            type.Interfaces.Add(named.Name.StringValue);
        }
    }

    private static void AddMembers(GraphQLNamedType type, GraphQLUnionMemberTypes? members)
    {
        foreach (var member in members?.Items ?? new List<GraphQLParser.AST.GraphQLNamedType>())
        {
            type.Members.Add(member.Name.StringValue);
        }
    }

    private static void AddValues(GraphQLNamedType type, GraphQLEnumValuesDefinition? values)
    {
        foreach (var value in values?.Items ?? new List<GraphQLEnumValueDefinition>())
        {
            type.Values[value.Name.StringValue] = IsDeprecated(value.Directives);
        }
    }

    private static void AddInputFields(GraphQLNamedType type, GraphQLInputFieldsDefinition? fields)
    {
        foreach (var (name, value) in InputValues(fields?.Items))
        {
            type.InputFields[name] = value;
        }
    }

    private static Dictionary<string, GraphQLInputValue> InputValues(List<GraphQLInputValueDefinition>? values)
    {
        var result = new Dictionary<string, GraphQLInputValue>(StringComparer.Ordinal);
        foreach (var value in values ?? new List<GraphQLInputValueDefinition>())
        {
            result[value.Name.StringValue] = new GraphQLInputValue(
                value.Name.StringValue, Ref(value.Type), value.DefaultValue is null ? null : Print(value.DefaultValue), IsDeprecated(value.Directives));
        }

        return result;
    }

    private static GraphQLTypeRef Ref(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => new GraphQLTypeRef(null, Ref(nonNull.Type), false, true),
        GraphQLListType list => new GraphQLTypeRef(null, Ref(list.Type), true, false),
        GraphQLParser.AST.GraphQLNamedType named => GraphQLTypeRef.Named(named.Name.StringValue),
        _ => throw new InvalidOperationException($"unknown GraphQL type node {type.Kind}"),
    };

    private static bool IsDeprecated(GraphQLDirectives? directives) =>
        directives?.Items.Any(d => d.Name.StringValue == "deprecated") ?? false;

    /// <summary>A default value in a normal form (so that formatting is no change).</summary>
    private static string Print(GraphQLValue value) => value switch
    {
        GraphQLStringValue s => "\"" + s.Value.ToString() + "\"",
        GraphQLIntValue i => i.Value.ToString(),
        GraphQLFloatValue f => f.Value.ToString(),
        GraphQLBooleanValue b => b.Value.ToString(),
        GraphQLNullValue => "null",
        GraphQLEnumValue e => e.Name.StringValue,
        GraphQLListValue l => "[" + string.Join(", ", (l.Values ?? new List<GraphQLValue>()).Select(Print)) + "]",
        GraphQLObjectValue o => "{" + string.Join(", ", (o.Fields ?? new List<GraphQLObjectField>()).OrderBy(f => f.Name.StringValue, StringComparer.Ordinal).Select(f => $"{f.Name.StringValue}: {Print(f.Value)}")) + "}",
        GraphQLVariable v => "$" + v.Name.StringValue,
        _ => value.Kind.ToString(),
    };
}
