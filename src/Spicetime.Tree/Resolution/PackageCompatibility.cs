using NuGet.Versioning;

namespace Spicetime.Tree.Resolution;

/// <summary>
/// Whether a fork's version of an inherited package stays compatible with what its parent declared:
/// the same major version as a plain version, or inside the parent's range.
/// </summary>
public static class PackageCompatibility
{
    /// <summary>True when <paramref name="child"/> is compatible with <paramref name="parent"/>; otherwise <paramref name="reason"/> says why not.</summary>
    public static bool IsCompatible(string parent, string child, out string reason)
    {
        reason = string.Empty;
        if (!VersionRange.TryParse(parent, out var parentRange) || !VersionRange.TryParse(child, out var childRange))
        {
            return true; // invalid versions are reported on their own (SPT0106)
        }

        var childVersion = childRange.MinVersion ?? childRange.MaxVersion;
        if (childVersion is null)
        {
            reason = $"'{child}' has no bound to compare with '{parent}'";
            return false;
        }

        if (IsPlainVersion(parent, parentRange))
        {
            var major = parentRange.MinVersion!.Major;
            if (childVersion.Major == major && (childRange.MaxVersion is null || childRange.MaxVersion.Major == major ||
                                                (childRange.MaxVersion.Major == major + 1 && !childRange.IsMaxInclusive &&
                                                 childRange.MaxVersion.Minor == 0 && childRange.MaxVersion.Patch == 0)))
            {
                return true;
            }

            reason = $"major version {childVersion.Major} differs from {major}";
            return false;
        }

        if (!parentRange.Satisfies(childVersion))
        {
            reason = $"{childVersion} is outside the range {parent}";
            return false;
        }

        // A plain version names the version that restores; a range must not reach past the parent's.
        if (!IsPlainVersion(child, childRange) && parentRange.HasUpperBound &&
            (!childRange.HasUpperBound || childRange.MaxVersion! > parentRange.MaxVersion!))
        {
            reason = $"'{child}' allows versions above the range {parent}";
            return false;
        }

        return true;
    }

    /// <summary>True when the lowest version <paramref name="child"/> allows is below the lowest <paramref name="parent"/> allows.</summary>
    public static bool IsBelow(string parent, string child) =>
        VersionRange.TryParse(parent, out var parentRange) && VersionRange.TryParse(child, out var childRange)
        && parentRange.MinVersion is { } parentMin && childRange.MinVersion is { } childMin
        && VersionComparer.Default.Compare(childMin, parentMin) < 0;

    private static bool IsPlainVersion(string text, VersionRange range) =>
        range.HasLowerBound && !range.HasUpperBound && range.IsMinInclusive && !text.TrimStart().StartsWith('[') && !text.TrimStart().StartsWith('(');
}
