namespace Spicetime.Tree.Contracts.GraphQL;

/// <summary>
/// Compares a parent's GraphQL schema with a fork's, from the parent's clients' side: every breaking and dangerous
/// change type graphql-js's <c>findBreakingChanges</c>/<c>findDangerousChanges</c> know (same names), plus root types,
/// applied directives and deprecations, and the additions as safe changes. Field types follow graphql-js's variance:
/// an output may become stricter (<c>String</c> → <c>String!</c>), an input may become looser (<c>String!</c> → <c>String</c>).
/// </summary>
public static class GraphQLComparer
{
    // graphql-js BreakingChangeType
    public static readonly ContractRule TypeRemoved = new("TYPE_REMOVED", ChangeLevel.Breaking, "A type was removed");
    public static readonly ContractRule TypeChangedKind = new("TYPE_CHANGED_KIND", ChangeLevel.Breaking, "A type changed kind (object, interface, union, enum, input, scalar)");
    public static readonly ContractRule TypeRemovedFromUnion = new("TYPE_REMOVED_FROM_UNION", ChangeLevel.Breaking, "A member was removed from a union");
    public static readonly ContractRule ValueRemovedFromEnum = new("VALUE_REMOVED_FROM_ENUM", ChangeLevel.Breaking, "A value was removed from an enum");
    public static readonly ContractRule RequiredInputFieldAdded = new("REQUIRED_INPUT_FIELD_ADDED", ChangeLevel.Breaking, "A non-null input field without a default was added");
    public static readonly ContractRule ImplementedInterfaceRemoved = new("IMPLEMENTED_INTERFACE_REMOVED", ChangeLevel.Breaking, "A type no longer implements an interface");
    public static readonly ContractRule FieldRemoved = new("FIELD_REMOVED", ChangeLevel.Breaking, "A field (or an input field) was removed");
    public static readonly ContractRule FieldChangedKind = new("FIELD_CHANGED_KIND", ChangeLevel.Breaking, "A field's type changed in a way its clients cannot follow");
    public static readonly ContractRule RequiredArgAdded = new("REQUIRED_ARG_ADDED", ChangeLevel.Breaking, "A non-null argument without a default was added");
    public static readonly ContractRule ArgRemoved = new("ARG_REMOVED", ChangeLevel.Breaking, "An argument was removed");
    public static readonly ContractRule ArgChangedKind = new("ARG_CHANGED_KIND", ChangeLevel.Breaking, "An argument's type changed in a way its callers cannot follow");
    public static readonly ContractRule DirectiveRemoved = new("DIRECTIVE_REMOVED", ChangeLevel.Breaking, "A directive definition was removed");
    public static readonly ContractRule DirectiveArgRemoved = new("DIRECTIVE_ARG_REMOVED", ChangeLevel.Breaking, "An argument of a directive was removed");
    public static readonly ContractRule RequiredDirectiveArgAdded = new("REQUIRED_DIRECTIVE_ARG_ADDED", ChangeLevel.Breaking, "A non-null argument without a default was added to a directive");
    public static readonly ContractRule DirectiveRepeatableRemoved = new("DIRECTIVE_REPEATABLE_REMOVED", ChangeLevel.Breaking, "A directive is no longer repeatable");
    public static readonly ContractRule DirectiveLocationRemoved = new("DIRECTIVE_LOCATION_REMOVED", ChangeLevel.Breaking, "A directive may no longer stand where it could");

    // graphql-js DangerousChangeType
    public static readonly ContractRule ValueAddedToEnum = new("VALUE_ADDED_TO_ENUM", ChangeLevel.Dangerous, "A value was added to an enum (clients that switch over it may not know it)");
    public static readonly ContractRule TypeAddedToUnion = new("TYPE_ADDED_TO_UNION", ChangeLevel.Dangerous, "A member was added to a union (clients may not handle it)");
    public static readonly ContractRule OptionalInputFieldAdded = new("OPTIONAL_INPUT_FIELD_ADDED", ChangeLevel.Dangerous, "An optional input field was added");
    public static readonly ContractRule OptionalArgAdded = new("OPTIONAL_ARG_ADDED", ChangeLevel.Dangerous, "An optional argument was added");
    public static readonly ContractRule ImplementedInterfaceAdded = new("IMPLEMENTED_INTERFACE_ADDED", ChangeLevel.Dangerous, "A type now implements another interface");
    public static readonly ContractRule ArgDefaultValueChange = new("ARG_DEFAULT_VALUE_CHANGE", ChangeLevel.Dangerous, "An argument's (or input field's) default changed");

    // Beyond graphql-js: root types, applied directives, deprecations, additions.
    public static readonly ContractRule RootTypeChanged = new("ROOT_TYPE_CHANGED", ChangeLevel.Breaking, "A root operation type (query, mutation, subscription) was removed or changed");
    public static readonly ContractRule RootTypeAdded = new("ROOT_TYPE_ADDED", ChangeLevel.Safe, "A root operation type was added");
    public static readonly ContractRule AppliedDirectiveRemoved = new("APPLIED_DIRECTIVE_REMOVED", ChangeLevel.Dangerous, "A directive applied to a type was removed");
    public static readonly ContractRule AppliedDirectiveAdded = new("APPLIED_DIRECTIVE_ADDED", ChangeLevel.Dangerous, "A directive was applied to a type");
    public static readonly ContractRule DeprecationAdded = new("DEPRECATION_ADDED", ChangeLevel.Safe, "A field, argument or enum value was deprecated");
    public static readonly ContractRule DeprecationRemoved = new("DEPRECATION_REMOVED", ChangeLevel.Safe, "A deprecation was removed");
    public static readonly ContractRule TypeAdded = new("TYPE_ADDED", ChangeLevel.Safe, "A type was added");
    public static readonly ContractRule FieldAdded = new("FIELD_ADDED", ChangeLevel.Safe, "A field was added to an object or interface type");
    public static readonly ContractRule FieldTypeNarrowed = new("FIELD_TYPE_CHANGED_SAFELY", ChangeLevel.Safe, "A type changed in a way every client can follow (an output made non-null, an input made nullable)");
    public static readonly ContractRule DirectiveAdded = new("DIRECTIVE_ADDED", ChangeLevel.Safe, "A directive definition was added");
    public static readonly ContractRule DirectiveChangedSafely = new("DIRECTIVE_CHANGED_SAFELY", ChangeLevel.Safe, "A directive gained a location, an optional argument or repeatability");

    /// <summary>Every rule, in the documented order.</summary>
    public static IReadOnlyList<ContractRule> Rules { get; } = typeof(GraphQLComparer).GetFields()
        .Where(f => f.FieldType == typeof(ContractRule)).Select(f => (ContractRule)f.GetValue(null)!).ToArray();

    public static IReadOnlyList<ContractChange> Compare(GraphQLSchema before, GraphQLSchema after)
    {
        var changes = new List<ContractChange>();
        foreach (var (operation, name) in before.RootTypes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (!after.RootTypes.TryGetValue(operation, out var now) || now != name)
            {
                changes.Add(RootTypeChanged.At($"schema.{operation}", now is null ? $"{name} is no longer the {operation} type" : $"{name} -> {now}"));
            }
        }

        foreach (var (operation, name) in after.RootTypes.Where(r => !before.RootTypes.ContainsKey(r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            changes.Add(RootTypeAdded.At($"schema.{operation}", $"{name} added"));
        }

        foreach (var (name, old) in before.Types.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!after.Types.TryGetValue(name, out var type))
            {
                changes.Add(TypeRemoved.At(name, $"{Describe(old.Kind)} removed"));
                continue;
            }

            if (type.Kind != old.Kind)
            {
                changes.Add(TypeChangedKind.At(name, $"{Describe(old.Kind)} -> {Describe(type.Kind)}"));
                continue;
            }

            CompareType(old, type, changes);
        }

        foreach (var name in after.Types.Keys.Where(n => !before.Types.ContainsKey(n)).OrderBy(n => n, StringComparer.Ordinal))
        {
            changes.Add(TypeAdded.At(name, $"{Describe(after.Types[name].Kind)} added"));
        }

        CompareDirectives(before, after, changes);
        return changes;
    }

    private static void CompareType(GraphQLNamedType old, GraphQLNamedType type, List<ContractChange> changes)
    {
        var name = old.Name;
        foreach (var member in old.Members.Where(m => !type.Members.Contains(m)))
        {
            changes.Add(TypeRemovedFromUnion.At(name, $"member {member} removed"));
        }

        foreach (var member in type.Members.Where(m => !old.Members.Contains(m)))
        {
            changes.Add(TypeAddedToUnion.At(name, $"member {member} added"));
        }

        foreach (var (value, deprecated) in old.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!type.Values.TryGetValue(value, out var nowDeprecated))
            {
                changes.Add(ValueRemovedFromEnum.At($"{name}.{value}", "enum value removed"));
            }
            else if (deprecated != nowDeprecated)
            {
                changes.Add((nowDeprecated ? DeprecationAdded : DeprecationRemoved).At($"{name}.{value}", nowDeprecated ? "deprecated" : "no longer deprecated"));
            }
        }

        foreach (var value in type.Values.Keys.Where(v => !old.Values.ContainsKey(v)).OrderBy(v => v, StringComparer.Ordinal))
        {
            changes.Add(ValueAddedToEnum.At($"{name}.{value}", "enum value added"));
        }

        foreach (var iface in old.Interfaces.Where(i => !type.Interfaces.Contains(i)))
        {
            changes.Add(ImplementedInterfaceRemoved.At(name, $"no longer implements {iface}"));
        }

        foreach (var iface in type.Interfaces.Where(i => !old.Interfaces.Contains(i)))
        {
            changes.Add(ImplementedInterfaceAdded.At(name, $"now implements {iface}"));
        }

        foreach (var directive in old.Directives.Where(d => !type.Directives.Contains(d)))
        {
            changes.Add(AppliedDirectiveRemoved.At(name, $"directive @{directive} removed"));
        }

        foreach (var directive in type.Directives.Where(d => !old.Directives.Contains(d)))
        {
            changes.Add(AppliedDirectiveAdded.At(name, $"directive @{directive} added"));
        }

        foreach (var (fieldName, field) in old.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var path = $"{name}.{fieldName}";
            if (!type.Fields.TryGetValue(fieldName, out var now))
            {
                changes.Add(FieldRemoved.At(path, "field removed"));
                continue;
            }

            if (!field.Type.Equals(now.Type))
            {
                changes.Add(SafeForOutput(field.Type, now.Type)
                    ? FieldTypeNarrowed.At(path, $"{field.Type} -> {now.Type}")
                    : FieldChangedKind.At(path, $"{field.Type} -> {now.Type}"));
            }

            if (field.Deprecated != now.Deprecated)
            {
                changes.Add((now.Deprecated ? DeprecationAdded : DeprecationRemoved).At(path, now.Deprecated ? "deprecated" : "no longer deprecated"));
            }

            CompareArguments(path, field.Arguments, now.Arguments, changes, ArgRemoved, RequiredArgAdded, OptionalArgAdded, ArgChangedKind);
        }

        foreach (var fieldName in type.Fields.Keys.Where(f => !old.Fields.ContainsKey(f)).OrderBy(f => f, StringComparer.Ordinal))
        {
            changes.Add(FieldAdded.At($"{name}.{fieldName}", $"field added ({type.Fields[fieldName].Type})"));
        }

        CompareArguments(name, old.InputFields, type.InputFields, changes, FieldRemoved, RequiredInputFieldAdded, OptionalInputFieldAdded, FieldChangedKind, inputFields: true);
    }

    private static void CompareArguments(string owner, IReadOnlyDictionary<string, GraphQLInputValue> before, IReadOnlyDictionary<string, GraphQLInputValue> after,
        List<ContractChange> changes, ContractRule removed, ContractRule requiredAdded, ContractRule optionalAdded, ContractRule changedKind, bool inputFields = false)
    {
        string PathOf(string arg) => inputFields ? $"{owner}.{arg}" : $"{owner}({arg}:)";
        var what = inputFields ? "input field" : "argument";
        foreach (var (argName, arg) in before.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!after.TryGetValue(argName, out var now))
            {
                changes.Add(removed.At(PathOf(argName), $"{what} removed"));
                continue;
            }

            if (!arg.Type.Equals(now.Type))
            {
                changes.Add(SafeForInput(arg.Type, now.Type)
                    ? FieldTypeNarrowed.At(PathOf(argName), $"{arg.Type} -> {now.Type}")
                    : changedKind.At(PathOf(argName), $"{arg.Type} -> {now.Type}"));
            }

            if (arg.Default != now.Default)
            {
                changes.Add(ArgDefaultValueChange.At(PathOf(argName), $"default {arg.Default ?? "(none)"} -> {now.Default ?? "(none)"}"));
            }

            if (arg.Deprecated != now.Deprecated)
            {
                changes.Add((now.Deprecated ? DeprecationAdded : DeprecationRemoved).At(PathOf(argName), now.Deprecated ? "deprecated" : "no longer deprecated"));
            }
        }

        foreach (var (argName, arg) in after.Where(a => !before.ContainsKey(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var required = arg.Type.IsNonNull && arg.Default is null;
            changes.Add((required ? requiredAdded : optionalAdded).At(PathOf(argName), $"{(required ? "required" : "optional")} {what} added ({arg.Type})"));
        }
    }

    private static void CompareDirectives(GraphQLSchema before, GraphQLSchema after, List<ContractChange> changes)
    {
        foreach (var (name, old) in before.Directives.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var path = "@" + name;
            if (!after.Directives.TryGetValue(name, out var now))
            {
                changes.Add(DirectiveRemoved.At(path, "directive removed"));
                continue;
            }

            foreach (var (argName, arg) in old.Arguments.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                if (!now.Arguments.TryGetValue(argName, out var nowArg))
                {
                    changes.Add(DirectiveArgRemoved.At($"{path}({argName}:)", "argument removed"));
                }
                else if (!arg.Type.Equals(nowArg.Type) && !SafeForInput(arg.Type, nowArg.Type))
                {
                    changes.Add(ArgChangedKind.At($"{path}({argName}:)", $"{arg.Type} -> {nowArg.Type}"));
                }
            }

            foreach (var (argName, arg) in now.Arguments.Where(a => !old.Arguments.ContainsKey(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                changes.Add(arg.Type.IsNonNull && arg.Default is null
                    ? RequiredDirectiveArgAdded.At($"{path}({argName}:)", $"required argument added ({arg.Type})")
                    : DirectiveChangedSafely.At($"{path}({argName}:)", $"optional argument added ({arg.Type})"));
            }

            if (old.Repeatable && !now.Repeatable)
            {
                changes.Add(DirectiveRepeatableRemoved.At(path, "no longer repeatable"));
            }
            else if (!old.Repeatable && now.Repeatable)
            {
                changes.Add(DirectiveChangedSafely.At(path, "now repeatable"));
            }

            foreach (var location in old.Locations.Where(l => !now.Locations.Contains(l)))
            {
                changes.Add(DirectiveLocationRemoved.At(path, $"location {location} removed"));
            }

            foreach (var location in now.Locations.Where(l => !old.Locations.Contains(l)))
            {
                changes.Add(DirectiveChangedSafely.At(path, $"location {location} added"));
            }
        }

        foreach (var name in after.Directives.Keys.Where(d => !before.Directives.ContainsKey(d)).OrderBy(d => d, StringComparer.Ordinal))
        {
            changes.Add(DirectiveAdded.At("@" + name, "directive added"));
        }
    }

    /// <summary>graphql-js's isChangeSafeForObjectOrInterfaceField: what clients receive may only get stricter.</summary>
    internal static bool SafeForOutput(GraphQLTypeRef old, GraphQLTypeRef now)
    {
        if (old.IsList)
        {
            return (now.IsList && SafeForOutput(old.OfType!, now.OfType!)) || (now.IsNonNull && SafeForOutput(old, now.OfType!));
        }

        if (old.IsNonNull)
        {
            return now.IsNonNull && SafeForOutput(old.OfType!, now.OfType!);
        }

        return (now.Name is not null && now.Name == old.Name) || (now.IsNonNull && SafeForOutput(old, now.OfType!));
    }

    /// <summary>graphql-js's isChangeSafeForInputObjectFieldOrFieldArg: what clients send may only get looser.</summary>
    internal static bool SafeForInput(GraphQLTypeRef old, GraphQLTypeRef now)
    {
        if (old.IsList)
        {
            return now.IsList && SafeForInput(old.OfType!, now.OfType!);
        }

        if (old.IsNonNull)
        {
            return (now.IsNonNull && SafeForInput(old.OfType!, now.OfType!)) || (!now.IsNonNull && SafeForInput(old.OfType!, now));
        }

        return now.Name is not null && now.Name == old.Name;
    }

    private static string Describe(GraphQLTypeKind kind) => kind switch
    {
        GraphQLTypeKind.InputObject => "input type",
        _ => kind.ToString().ToLowerInvariant() + (kind is GraphQLTypeKind.Scalar or GraphQLTypeKind.Union or GraphQLTypeKind.Enum or GraphQLTypeKind.Interface ? string.Empty : " type"),
    };
}
