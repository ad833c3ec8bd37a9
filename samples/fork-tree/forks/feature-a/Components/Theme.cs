using System.Reflection;

namespace Components;

/// <summary>The theme this fork's tree.json node chose: $(ThemeName), recorded in the assembly at build time.</summary>
public static class Theme
{
    public static string Name { get; } =
        typeof(Theme).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Theme").Value
        ?? throw new InvalidOperationException("no ThemeName: it comes from scope frontend");
}
