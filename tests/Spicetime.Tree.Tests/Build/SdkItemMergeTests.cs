using System.Xml.Linq;

namespace Spicetime.Tree.Tests.Build;

/// <summary>
/// Spicetime.Sdk.targets writes the merge of the node's items into PackageReference / PackageVersion / ProjectReference
/// twice: as evaluation-time ItemGroups, and again inside SpicetimeGenerateForRestore for a restore that regenerated the
/// props (MSBuild has no construct shared by evaluation and execution). The two copies must stay one merge.
/// </summary>
public class SdkItemMergeTests
{
    private const string Active = "'$(_SpicetimeActive)' == 'true'";
    private const string Changed = "'$(_SpicetimeChanged)' == 'true'";

    private static XElement Targets => SdkFiles.Load("Spicetime.Sdk.targets").Root!;

    /// <summary>
    /// An ItemGroup as its condition's clauses (less <paramref name="ignored"/>, which the copy's place already says) and
    /// each item with all its attributes, in order.
    /// </summary>
    private static string Describe(XElement group, string ignored)
    {
        var clauses = (group.Attribute("Condition")?.Value ?? string.Empty)
            .Split(new[] { " and " }, StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()).Where(c => c != ignored);
        var items = group.Elements().Select(i => $"  <{i.Name.LocalName} {string.Join(" ", i.Attributes().Select(a => $"{a.Name.LocalName}=\"{a.Value}\""))} />");
        return $"ItemGroup if [{string.Join(" and ", clauses)}]\n{string.Join("\n", items)}";
    }

    /// <summary>The evaluation-time copy: the file's own ItemGroups, each for active projects.</summary>
    private static List<string> AtEvaluation()
    {
        var groups = Targets.Elements().Where(e => e.Name.LocalName == "ItemGroup").ToList();
        Assert.That(groups.Select(g => g.Attribute("Condition")?.Value), Has.All.StartWith(Active), "the merge is for active projects");
        return groups.Select(g => Describe(g, Active)).ToList();
    }

    /// <summary>The target's ItemGroups: the first replaces the evaluation's node items with the new ones; the merge follows.</summary>
    private static List<XElement> InTarget()
    {
        var target = Targets.Elements().Single(e => e.Name.LocalName == "Target" && e.Attribute("Name")?.Value == "SpicetimeGenerateForRestore");
        Assert.That(target.Attribute("Condition")?.Value, Is.EqualTo(Active + " and '$(_SpicetimeRestoreFromIndex)' != 'true'"),
            "the target carries the evaluation copy's condition itself (and is skipped where the index gave the evaluation its items)");
        var groups = target.Elements().Where(e => e.Name.LocalName == "ItemGroup").ToList();
        Assert.That(groups.Select(g => g.Attribute("Condition")?.Value), Has.All.StartWith(Changed), "only when the generation changed the node's items");
        return groups;
    }

    [Test]
    public void The_merge_is_written_at_evaluation()
    {
        var merge = string.Join("\n", AtEvaluation());
        Assert.That(merge, Does.Contain("<PackageReference Include=\"@(_SpicetimePackageReference)\" Exclude=\"@(PackageReference)\" />"));
        Assert.That(merge, Does.Contain("<PackageVersion Include=\"@(_SpicetimePackageReference)\" />"));
        Assert.That(merge, Does.Contain("<ProjectReference Include=\"@(_SpicetimeProjectReference)\" Exclude=\"@(ProjectReference)\" />"));
    }

    [Test]
    public void The_restore_target_replaces_the_node_s_items_then_merges_them_as_evaluation_does()
    {
        var groups = InTarget();
        var replace = groups[0].Elements().ToList();
        Assert.That(replace.Where(i => i.Attribute("Include") is { } include).Select(i => i.Attribute("Include")!.Value),
            Has.All.StartWith("@(_SpicetimeNew"), "the first group takes the generation's new items");

        Assert.That(groups.Skip(1).Select(g => Describe(g, Changed)), Is.EqualTo(AtEvaluation()),
            "SpicetimeGenerateForRestore's merge differs from the evaluation-time ItemGroups: change one, change the other");
    }
}
