using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Mapping;

/// <summary>SPT0200's message, the one place it is written: the build's <c>$(SpicetimeBranch)</c> and the CLI's <c>--branch</c> say the same.</summary>
public static class UnknownBranch
{
    /// <summary>
    /// "<paramref name="source"/> is 'x', which is no node of the tree (known branches: …); did you mean 'y'?", where
    /// <paramref name="source"/> says where the name came from (<c>$(SpicetimeBranch)</c>, <c>--branch</c>).
    /// </summary>
    public static string Message(string source, string branch, IEnumerable<string> knownBranches)
    {
        var known = knownBranches.ToList();
        return $"{source} is '{branch}', which is no node of the tree (known branches: {string.Join(", ", known)}){NameSuggester.DidYouMean(branch, known)}";
    }
}
