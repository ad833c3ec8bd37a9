using System.Reflection;
using System.Runtime.CompilerServices;

// Not under Spicetime.Sdk.Tests: these tests read the assemblies and need no packed SDK (SdkPackage's set-up).
namespace Spicetime.Architecture.Tests;

/// <summary>
/// No state lives in a static field of Spicetime's assemblies: what a build shares lives in its
/// <see cref="Spicetime.Tree.Build.BuildContext"/>, so a process that runs many builds (node reuse, the MSBuild server,
/// a test run) starts each afresh. A static field may only hold what never changes: a constant, a readonly field of an
/// immutable type, or a table (arrays are taken as tables: they cannot grow, and nothing writes into them).
/// </summary>
public class StaticStateTests
{
    /// <summary>Fields allowed to break the rule, as "Type.Field": none, and it should stay so.</summary>
    private static readonly string[] Allowed = Array.Empty<string>();

    private static readonly string[] Mutators =
    {
        "Add", "TryAdd", "GetOrAdd", "AddOrUpdate", "Remove", "TryRemove", "Clear", "Set", "Insert", "Push", "Pop",
        "Enqueue", "Dequeue", "Append", "AddFirst", "AddLast",
    };

    private static IEnumerable<Assembly> SourceAssemblies() => new[]
    {
        typeof(Spicetime.Tree.TreeFile).Assembly,
        typeof(Spicetime.Sdk.Tasks.GenerateSpicetimeProps).Assembly,
        typeof(Spicetime.Cli.CliContext).Assembly,
    };

    [Test]
    public void No_source_assembly_keeps_mutable_state_in_a_static_field()
    {
        var found = SourceAssemblies().SelectMany(MutableStatics).Except(Allowed).ToList();
        Assert.That(found, Is.Empty, "move it into the build context (Spicetime.Tree.Build.BuildContext / BuildCaches), or make it immutable");
    }

    [Test]
    public void The_rule_sees_the_kinds_of_state_it_forbids()
    {
        var found = MutableStatics(typeof(StaticStateTests).Assembly).ToList();
        Assert.That(found, Is.SupersetOf(new[]
        {
            $"{nameof(Examples)}.{nameof(Examples.Counter)}",
            $"{nameof(Examples)}.{nameof(Examples.Cache)}",
            $"{nameof(Examples)}.{nameof(Examples.Weak)}",
            $"{nameof(Examples)}.{nameof(Examples.Wrapped)}",
            $"{nameof(Examples)}.{nameof(Examples.Settings)}",
            $"{nameof(Examples)}.<{nameof(Examples.Property)}>k__BackingField",
        }));
        Assert.That(found.Where(f => f.StartsWith(nameof(Examples), StringComparison.Ordinal)), Has.None.Contains("Fine"));
    }

    /// <summary>"Type.Field" for each static field of <paramref name="assembly"/>'s own types that can hold state.</summary>
    public static IEnumerable<string> MutableStatics(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t.Namespace?.StartsWith("Spicetime", StringComparison.Ordinal) == true && !IsCompilerGenerated(t)))
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.IsLiteral)
                {
                    continue;
                }

                if (!field.IsInitOnly
                    || IsMutable(field.FieldType, new HashSet<Type>())
                    || (!type.ContainsGenericParameters && field.GetValue(null) is { } value && IsMutable(value.GetType(), new HashSet<Type>())))
                {
                    yield return $"{type.Name}.{field.Name}";
                }
            }
        }
    }

    private static bool IsCompilerGenerated(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), false) || (type.DeclaringType is { } outer && IsCompilerGenerated(outer));

    /// <summary>
    /// True for a type whose instances can change: one with a public mutator (a collection's Add, Remove, TryAdd, …, or a
    /// setter that is not init-only), a cache of the runtime's (ConditionalWeakTable), or one of Spicetime's own types with
    /// a field that is not readonly or holds such a type.
    /// </summary>
    private static bool IsMutable(Type type, HashSet<Type> seen)
    {
        if (type.IsArray || type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(object) || !seen.Add(type))
        {
            return false;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ConditionalWeakTable<,>))
        {
            return true;
        }

        if (type.IsValueType)
        {
            // A readonly field holds its own copy: only what the struct refers to can change.
            return type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Any(f => !f.FieldType.IsValueType && IsMutable(f.FieldType, seen));
        }

        var publicMethods = type.GetMethods(BindingFlags.Instance | BindingFlags.Public);
        if (publicMethods.Any(m => Mutators.Contains(m.Name) && !m.IsSpecialName && !IsReadOnlyMember(m))
            || type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Any(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter)))
        {
            return true;
        }

        if (type.Namespace?.StartsWith("Spicetime", StringComparison.Ordinal) != true)
        {
            return false; // a framework type without mutators: immutable as far as its public surface goes
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.IsInitOnly || IsMutable(field.FieldType, seen))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    // Immutable collections' Add and Remove return a new instance.
    private static bool IsReadOnlyMember(MethodInfo method) =>
        method.ReturnType == method.DeclaringType && method.DeclaringType?.Namespace == "System.Collections.Immutable";
}

#pragma warning disable CS0414, CS0649, CA2211, IDE0044 // the examples are the forbidden kinds
internal static class Examples
{
    public static int Counter;
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Cache = new();
    public static readonly ConditionalWeakTable<object, object> Weak = new();
    public static readonly Spicetime.Tree.Build.TreeContentCache<string> Wrapped = new();
    public static readonly System.Xml.XmlReaderSettings Settings = new();

    public static string Property { get; set; } = string.Empty;

    public static readonly string[] FineTable = { "a" };
    public static readonly Spicetime.Tree.Diagnostics.SourcePosition FinePosition = new(1, 1);
    public static readonly Spicetime.Tree.Framework.NameSet FineNames = new(StringComparer.Ordinal, new[] { "a" });
    public static readonly StringComparer FineComparer = StringComparer.Ordinal;
}
#pragma warning restore CS0414, CS0649, CA2211, IDE0044
