using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Tests.Projects;

/// <summary>MSBuild conditions come to true, false or unknown (when they read what the reader cannot know).</summary>
public class MSBuildConditionTests
{
    private static Truth Evaluate(string condition)
    {
        var properties = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Flavor"] = new[] { "Spicy" },
            ["Either"] = new[] { "a", "b" },
            ["Sdk"] = new[] { MSBuildText.Unknown },
            ["Dir"] = new[] { "/repo/src/" },
            ["Version"] = new[] { "17.10" },
        };
        var text = new MSBuildText(n => properties.GetValueOrDefault(n), (_, _) => string.Empty, "/repo/");
        return MSBuildCondition.Evaluate(condition, text, path => path.EndsWith("exists.props", StringComparison.Ordinal));
    }

    [TestCase("", Truth.True)]
    [TestCase("'$(Flavor)' == 'spicy'", Truth.True)]
    [TestCase("'$(Flavor)' != 'spicy'", Truth.False)]
    [TestCase("'$(Missing)' == ''", Truth.True)]
    [TestCase("'$(Either)' == 'a'", Truth.Unknown)]
    [TestCase("'$(Either)' != 'c'", Truth.True)]
    [TestCase("'$(Sdk)' == 'x'", Truth.Unknown)]
    [TestCase("'$(Sdk)' == 'x' and '$(Flavor)' == 'mild'", Truth.False)]
    [TestCase("'$(Sdk)' == 'x' or '$(Flavor)' == 'spicy'", Truth.True)]
    [TestCase("!('$(Flavor)' == 'spicy')", Truth.False)]
    [TestCase("Exists('$(Dir)exists.props')", Truth.True)]
    [TestCase("!Exists('missing.props')", Truth.True)]
    [TestCase("HasTrailingSlash('$(Dir)')", Truth.True)]
    [TestCase("'$(Version)' >= '17.4'", Truth.False)] // numbers first, as MSBuild: 17.10 is 17.1
    [TestCase("'$(Version).0' >= '17.4'", Truth.True)] // then versions
    [TestCase("$(Version) < 16", Truth.False)]
    [TestCase("true", Truth.True)]
    [TestCase("'$(Flavor.StartsWith(`S`))' == 'true'", Truth.True)]
    [TestCase("$(Flavor.EndsWith('Tests')) or $(Flavor.ToLower().EndsWith('y'))", Truth.Unknown)] // a chain of calls is not evaluated
    [TestCase("'$(Flavor.ToUpper())' == 'SPICY' and '$(Flavor.Replace(`S`, `X`))' == 'Xpicy'", Truth.True)]
    [TestCase("$(Sdk.EndsWith('x'))", Truth.Unknown)]
    [TestCase("'unterminated", Truth.Unknown)]
    [TestCase("'a' == ", Truth.Unknown)]
    [TestCase("(('$(Flavor)' == 'Spicy')) AND ('1' == '1')", Truth.True)]
    public void Conditions_evaluate_as_MSBuild_does_or_to_unknown(string condition, Truth expected) =>
        Assert.That(Evaluate(condition), Is.EqualTo(expected));
}
