using System.Xml.Linq;
using NuGet.Versioning;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Mapping;
using Spicetime.Tree.Versioning;

namespace Spicetime.Tree.Tests.Build;

/// <summary>
/// The generated props and the SDK's files are two halves of one contract: the names in <see cref="GeneratedPropsNames"/>
/// are what the writer writes and what sdk/Sdk reads, so a rename on one side fails here.
/// </summary>
public class GeneratedPropsNamesTests : BuildFolderTests
{
    private static IEnumerable<string> Private() => GeneratedPropsNames.Private;

    private static IEnumerable<string> Public() => GeneratedPropsNames.Public;

    /// <summary>Every name a generated props file holds: properties, items and metadata, but the node's own properties.</summary>
    private static ISet<string> NamesIn(string props)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in XDocument.Parse(props).Root!.Elements())
        {
            if (group.Attribute("Label")?.Value.StartsWith("Spicetime scope properties", StringComparison.Ordinal) == true)
            {
                continue;
            }

            foreach (var element in group.Elements())
            {
                names.Add(element.Name.LocalName);
                names.UnionWith(element.Attributes().Select(a => a.Name.LocalName).Where(a => a is not ("Include" or "Version" or "Condition")));
            }
        }

        return names;
    }

    [Test]
    public void The_writer_writes_exactly_the_listed_names()
    {
        var tree = Tree();
        // The root by default: git decided, so the CI group is written too; the root's scope brings packages and projects.
        var mapping = ProjectNodeMapper.Map(tree, Path.Combine(_root, "Other"), null, new DiagnosticBag(null), NoCi)!;
        Assert.That(mapping.DependsOnGit, Is.True);
        var version = new NodeVersion("release", NuGetVersion.Parse("1.4.0"), 7, Array.Empty<string>(), "abc123", 1_700_000_000,
            new[] { "release" }, new[] { "/repo/.git/HEAD" });
        var injection = ProjectInjection.For(tree, mapping, Path.Combine(_root, "Other", "Other.csproj"));
        var versionGroup = GeneratedPropsWriter.VersionGroup(version, GeneratedPropsWriter.VersionInputs("1.0.0", null));
        var whole = GeneratedPropsWriter.Write(injection, null, versionGroup);
        var node = GeneratedPropsWriter.WriteNode(injection);
        var pointer = GeneratedPropsWriter.WritePointer(injection, null, node, Path.Combine(_root, "obj", "spicetime", NodeFiles.FileName("release")), versionGroup);

        var index = NodeIndex.Write(tree, Path.Combine(_root, "tree.json"), 1, null, Path.Combine(_root, "obj", "spicetime"), "/sdk/", _ => version, "1.0.0|")!.Text;

        Assert.That(NamesIn(whole.Text).Concat(NamesIn(node.Text)).Concat(NamesIn(pointer.Text)).Concat(NamesIn(index)).Distinct(),
            Is.EquivalentTo(GeneratedPropsNames.Private.Concat(GeneratedPropsNames.Public)));
        Assert.That(NamesIn(pointer.Text).Union(NamesIn(node.Text)), Is.EquivalentTo(NamesIn(whole.Text).Append(GeneratedPropsNames.NodeId)),
            "a project's file and its node's shared file together name what a whole file names, and the node id");
    }

    [TestCaseSource(nameof(Private))]
    public void Every_private_name_written_is_read_by_the_sdk_or_informational(string name)
    {
        if (GeneratedPropsNames.Informational.Contains(name))
        {
            Assert.Pass($"{name} is written for another reader (GeneratedPropsNames.Informational)");
        }

        Assert.That(SdkFiles.Read(), Does.Contain(name), $"sdk/Sdk reads no {name}: renamed there, or no longer needed?");
    }

    [Test]
    public void Every_private_name_the_sdk_reads_and_does_not_define_is_written()
    {
        var expected = SdkFiles.Read().Except(SdkFiles.Defined(), StringComparer.OrdinalIgnoreCase)
            .Where(n => n.StartsWith("_Spicetime", StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.That(expected, Is.Not.Empty);
        Assert.That(expected.Except(GeneratedPropsNames.Private, StringComparer.OrdinalIgnoreCase), Is.Empty,
            "read by sdk/Sdk, defined neither there nor by the generated props");
    }

    [Test]
    public void The_sdk_files_are_read()
    {
        Assert.That(SdkFiles.All.Keys, Does.Contain("Spicetime.Sdk.targets").And.Contain("Spicetime.Sdk.props").And.Contain("Spicetime.Version.targets"));
        Assert.That(SdkFiles.Read(), Does.Contain("_SpicetimePropsId").And.Contain("SpicetimeNode"), "properties and qualified metadata");
        Assert.That(SdkFiles.Read(), Does.Not.Contain("SpicetimeBranch_"), "nothing from comments");
    }

    [TestCaseSource(nameof(Public))]
    public void Every_public_name_is_documented(string name) =>
        Assert.That(File.ReadAllText(Path.Combine(FixtureFiles.RepositoryRoot, "docs", "tree-json.md")), Does.Contain($"`{name}`"));
}
