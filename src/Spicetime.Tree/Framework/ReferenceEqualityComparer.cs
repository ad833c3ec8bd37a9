#if !NET
using System.Runtime.CompilerServices;

namespace System.Collections.Generic;

/// <summary>.NET 5's comparer by object identity, for the .NET Framework build (Visual Studio's MSBuild).</summary>
internal sealed class ReferenceEqualityComparer : IEqualityComparer<object?>
{
    public static ReferenceEqualityComparer Instance { get; } = new();

    private ReferenceEqualityComparer()
    {
    }

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object? obj) => RuntimeHelpers.GetHashCode(obj!);
}
#endif
