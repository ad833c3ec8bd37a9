using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Tests.Projects;

/// <summary>MSBuild list values as MSBuild splits them: ';'-separated, trimmed, empty items dropped.</summary>
public class MSBuildListTests
{
    [TestCase("a;b", new[] { "a", "b" })]
    [TestCase(" a ; ;b;; ", new[] { "a", "b" })]
    [TestCase("Microsoft.NET.Sdk/10.0.100; Spicetime.Sdk", new[] { "Microsoft.NET.Sdk/10.0.100", "Spicetime.Sdk" })]
    [TestCase("\tnet10.0\n;\nnet472\t", new[] { "net10.0", "net472" })]
    [TestCase(";;", new string[0])]
    [TestCase("", new string[0])]
    [TestCase(null, new string[0])]
    public void Items(string? value, string[] items) => Assert.That(MSBuildList.Items(value), Is.EqualTo(items));
}
