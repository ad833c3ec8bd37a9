using System.Collections;
using System.Reflection;
using System.Text;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Projects;

namespace Spicetime.Tests.Fixtures;

/// <summary>
/// Every property of a <see cref="ProjectInfo"/> (public or not, found by reflection, so a fact added later is compared
/// without touching the tests) written out as text: two readers agree when their dumps are equal.
/// </summary>
public static class FactsDump
{
    public static string Of(ProjectInfo? project)
    {
        if (project is null)
        {
            return "(no project)";
        }

        var text = new StringBuilder();
        foreach (var property in Properties(typeof(ProjectInfo)))
        {
            text.Append(property.Name).Append(" = ");
            Value(text, property.GetValue(project));
            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>The properties a dump compares: every instance property ProjectInfo declares (EqualityContract excepted).</summary>
    public static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.Name != "EqualityContract" && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal);

    private static void Value(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append('"').Append(s).Append('"');
                break;
            case PathPattern pattern:
                text.Append($"pattern({pattern.Exact ?? "-"}|{pattern}|{pattern.Folder ?? "-"}|{pattern.HasUnknown})");
                break;
            case Diagnostic diagnostic:
                text.Append($"diagnostic({diagnostic.Severity}|{diagnostic})");
                break;
            case IEnumerable list:
                text.Append('[');
                foreach (var item in list)
                {
                    Value(text, item);
                    text.Append(", ");
                }

                text.Append(']');
                break;
            case var other when other.GetType().IsPrimitive || other.GetType().IsEnum:
                text.Append(other);
                break;
            default:
                text.Append(value.GetType().Name).Append('{');
                foreach (var property in Properties(value.GetType()))
                {
                    text.Append(property.Name).Append('=');
                    Value(text, property.GetValue(value));
                    text.Append(';');
                }

                text.Append('}');
                break;
        }
    }
}
