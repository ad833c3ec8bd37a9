using NuGet.Frameworks;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Tests.Build;

/// <summary>SPT0305: a node's package that needs a newer version of a centrally pinned package, found before NuGet's NU1109.</summary>
public class CentralPinCheckTests : BuildFolderTests
{
    private const string ForkTree = """
        {"scopes": {"logging": {"packages": {"Logging": "8.0.0"}}},
         "root": {"branch": "release", "scopes": ["logging"], "children": [
           {"branch": "feature-b", "path": "forks/b", "overrides": [{"packages": {"Logging": "10.0.0"}, "breaking": true}]}]}}
        """;

    private Spicetime.Tree.Resolution.ResolvedNode Node(string json, string branch)
    {
        var result = TreeFile.Load(Write("tree.json", json));
        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        return result.Tree!.Nodes.Single(n => n.Branch == branch);
    }

    private string Package(string id, string version, string dependencies)
    {
        var lower = id.ToLowerInvariant();
        Write($"packages/{lower}/{version}/{lower}.nuspec", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>{id}</id><version>{version}</version><dependencies>{dependencies}</dependencies></metadata>
            </package>
            """);
        return Path.Combine(_root, "packages");
    }

    private CentralPin Pin(string id, string version)
    {
        var file = Write("Directory.Packages.props", $"""
            <Project>
              <ItemGroup>
                <PackageVersion Include="Other" Version="1.0.0" />
                <PackageVersion Include="{id}" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        return new CentralPin(id, version, file);
    }

    [Test]
    public void An_override_that_needs_a_newer_pinned_package_is_an_error_at_the_override_naming_the_pin_and_what_to_add()
    {
        var node = Node(ForkTree, "feature-b");
        var folder = Package("Logging", "10.0.0", """<group targetFramework="net8.0"><dependency id="Logging.Abstractions" version="10.0.0" /></group>""");
        var pin = Pin("Logging.Abstractions", "8.0.0");
        Assert.That(CentralPinCheck.PositionIn(pin.File, pin.Id), Is.EqualTo(new SourcePosition(4, 6)));

        var result = CentralPinCheck.Check(Path.Combine(_root, "tree.json"), "feature-b", node.Packages, new[] { pin }, new[] { "net10.0" }, folder);

        var error = result.Diagnostics.Single();
        Assert.That(error.Code, Is.EqualTo("SPT0305"));
        Assert.That(error.Position, Is.EqualTo(node.Packages.Single().Source.Position), "at the override in tree.json");
        Assert.That(error.Message, Does.Contain("Logging 10.0.0 (feature-b inline override").And.Contain("needs Logging.Abstractions (>= 10.0.0)")
            .And.Contain("Directory.Packages.props(4,6) pins Logging.Abstractions 8.0.0")
            .And.Contain("Add \"Logging.Abstractions\": \"10.0.0\" where feature-b sets Logging"));
        Assert.That(result.Pending, Is.Empty);
    }

    [Test]
    public void A_pin_high_enough_a_dependency_the_node_sets_itself_and_an_unpinned_dependency_are_fine()
    {
        var folder = Package("Logging", "10.0.0", """<group targetFramework="net8.0"><dependency id="Logging.Abstractions" version="10.0.0" /><dependency id="Unpinned" version="9.0.0" /></group>""");
        var node = Node(ForkTree, "feature-b");
        Assert.That(CentralPinCheck.Check("tree.json", "feature-b", node.Packages, new[] { Pin("Logging.Abstractions", "10.0.1") }, new[] { "net10.0" }, folder).Diagnostics, Is.Empty);

        var both = Node(ForkTree.Replace("""{"Logging": "10.0.0"}""", """{"Logging": "10.0.0", "Logging.Abstractions": "10.0.0"}""", StringComparison.Ordinal), "feature-b");
        Assert.That(CentralPinCheck.Check("tree.json", "feature-b", both.Packages, new[] { Pin("Logging.Abstractions", "8.0.0") }, new[] { "net10.0" }, folder).Diagnostics, Is.Empty,
            "the node's own entry replaces the pin for its projects");
    }

    [Test]
    public void Dependencies_come_from_the_nearest_group_for_each_target_framework_as_NuGet_picks_it()
    {
        var folder = Package("Logging", "10.0.0", """
            <group targetFramework=".NETStandard2.0"><dependency id="Logging.Abstractions" version="10.0.0" /></group>
            <group targetFramework="net10.0"><dependency id="Logging.Abstractions" version="8.0.0" /></group>
            """);
        var node = Node(ForkTree, "feature-b");
        var pin = Pin("Logging.Abstractions", "8.0.0");
        Assert.That(CentralPinCheck.Check("tree.json", "feature-b", node.Packages, new[] { pin }, new[] { "net10.0" }, folder).Diagnostics, Is.Empty, "net10.0's group needs 8.0.0");
        Assert.That(CentralPinCheck.Check("tree.json", "feature-b", node.Packages, new[] { pin }, new[] { "net472" }, folder).Diagnostics, Has.Count.EqualTo(1), "net472 takes .NETStandard2.0's");

        var deps = CentralPinCheck.Dependencies(CentralPinCheck.NuspecPath(folder, "Logging", NuGet.Versioning.NuGetVersion.Parse("10.0.0")), new[] { NuGetFramework.Parse("net8.0") });
        Assert.That(deps.Select(d => d.Id), Is.EqualTo(new[] { "Logging.Abstractions" }));
    }

    [Test]
    public void A_package_not_downloaded_yet_is_pending_not_passed()
    {
        var node = Node(ForkTree, "feature-b");
        var result = CentralPinCheck.Check("tree.json", "feature-b", node.Packages, new[] { Pin("Logging.Abstractions", "8.0.0") }, new[] { "net10.0" }, Path.Combine(_root, "empty"));
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Pending.Select(p => p.ToString()), Is.EqualTo(new[] { "Logging 10.0.0" }));
        Assert.That(result.ToFetch, Is.EqualTo(result.Pending), "an override of the parent's version is fetched before NuGet restores");
    }

    [Test]
    public void A_package_a_scope_defines_is_pending_but_not_fetched()
    {
        var node = Node(ForkTree, "release");
        var result = CentralPinCheck.Check("tree.json", "release", node.Packages, new[] { Pin("Logging.Abstractions", "8.0.0") }, new[] { "net10.0" }, Path.Combine(_root, "empty"));
        Assert.That(result.Pending.Select(p => p.ToString()), Is.EqualTo(new[] { "Logging 8.0.0" }));
        Assert.That(result.ToFetch, Is.Empty, "a scope's definition: NuGet fetches it in this restore and the check reads it on the next");
    }
}
