using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Model;
using Spicetime.Tree.Resolution;
using static Spicetime.Tree.Tests.Manifest;

namespace Spicetime.Tree.Tests.Resolution;

public class TreeResolverTests
{
    private static ResolvedTree Resolve(string json)
    {
        var result = Load(json);
        AssertNoErrors(result);
        return result.Tree!;
    }

    private static string Scopes(ResolvedTree tree, string branch) => string.Join(",", tree.Find(branch)!.ScopeNames);

    private static string? Package(ResolvedTree tree, string branch, string id) => tree.Find(branch)!.Find(EntryKind.Package, id)?.Value;

    [Test]
    public void Seed_manifest_loads_verbatim_with_warnings_only()
    {
        var result = Load(Seed);
        AssertNoErrors(result);
        var tree = result.Tree!;
        Assert.That(tree.Branches, Is.EqualTo(new[] { "release", "feature-A", "feature-B" }));
        Assert.That(Scopes(tree, "release"), Is.EqualTo("core,infra"));
        Assert.That(Scopes(tree, "feature-A"), Is.EqualTo("core,infra,frontend"));
        Assert.That(Scopes(tree, "feature-B"), Is.EqualTo("infra,backend"));
        // core, infra, frontend, backend and the frontend-theme override are named but defined nowhere.
        Assert.That(result.Diagnostics.Select(d => d.Code), Is.All.EqualTo(DiagnosticCodes.UndefinedScope.Code));
        Assert.That(result.Diagnostics, Has.Count.EqualTo(5));
    }

    [Test]
    public void Full_manifest_resolves_as_the_spec_says()
    {
        var tree = Resolve(Full);
        var a = tree.Find("feature-A")!;
        Assert.That(a.Find(EntryKind.Package, "Newtonsoft.Json")!.Value, Is.EqualTo("13.0.1"));
        Assert.That(a.Find(EntryKind.Package, "Polly")!.Value, Is.EqualTo("8.4.0"));
        Assert.That(a.Find(EntryKind.Package, "Serilog")!.Value, Is.EqualTo("[4.0.0,5.0.0)"));
        Assert.That(a.Find(EntryKind.Property, "ThemeName")!.Value, Is.EqualTo("dark"));
        Assert.That(a.Find(EntryKind.Property, "Nullable")!.Value, Is.EqualTo("enable"));
        Assert.That(a.Projects.Select(p => p.Key), Is.EqualTo(new[] { "src/Core/Core.csproj" }));
        Assert.That(a.VersionPattern, Is.EqualTo("1.4.0-feature-a.{build}"));
        Assert.That(tree.Root.Find(EntryKind.Package, "Newtonsoft.Json")!.Value, Is.EqualTo("13.0.3"), "the parent keeps its own value");
        Assert.That(tree.Root.Find(EntryKind.Package, "Polly"), Is.Null, "extends in a child does not reach the parent");
    }

    [Test]
    public void Inherits_left_out_takes_every_parent_scope()
    {
        var tree = Resolve("""{"root": {"branch": "r", "scopes": ["a", "b"], "children": [{"branch": "c", "scopes": ["x"]}]}}""");
        Assert.That(Scopes(tree, "c"), Is.EqualTo("a,b,x"));
    }

    [Test]
    public void Inherits_empty_takes_nothing()
    {
        var tree = Resolve("""{"root": {"branch": "r", "scopes": ["a", "b"], "children": [{"branch": "c", "inherits": [], "scopes": ["x"]}]}}""");
        Assert.That(Scopes(tree, "c"), Is.EqualTo("x"));
    }

    [Test]
    public void Inherits_list_takes_only_the_listed_scopes()
    {
        var tree = Resolve("""{"root": {"branch": "r", "scopes": ["a", "b", "c"], "children": [{"branch": "k", "inherits": ["c", "a"]}]}}""");
        Assert.That(Scopes(tree, "k"), Is.EqualTo("c,a"));
    }

    [Test]
    public void Inherited_scope_arrives_as_the_parent_resolved_it()
    {
        var tree = Resolve("""
            {"scopes": {"core": {"packages": {"A": "1.0.0", "B": "2.0.0"}}},
             "root": {"branch": "r", "scopes": ["core"], "children": [
               {"branch": "mid", "extends": {"core": {"packages": {"C": "3.0.0"}}}, "overrides": [{"packages": {"A": "1.5.0"}}],
                "children": [{"branch": "leaf"}]}]}}
            """);
        Assert.That(Package(tree, "leaf", "A"), Is.EqualTo("1.5.0"));
        Assert.That(Package(tree, "leaf", "C"), Is.EqualTo("3.0.0"));
        Assert.That(Package(tree, "leaf", "B"), Is.EqualTo("2.0.0"));
        Assert.That(tree.Find("leaf")!.Find(EntryKind.Package, "A")!.Source.Node, Is.EqualTo("mid"));
    }

    [Test]
    public void Extends_adds_to_a_scope_and_can_replace_an_entry()
    {
        var tree = Resolve("""
            {"scopes": {"core": {"properties": {"Nullable": "enable"}}},
             "root": {"branch": "r", "scopes": ["core"], "children": [
               {"branch": "c", "extends": {"core": {"properties": {"Nullable": "disable", "Deterministic": true}}}}]}}
            """);
        var c = tree.Find("c")!;
        var nullable = c.Find(EntryKind.Property, "Nullable")!;
        Assert.That(nullable.Value, Is.EqualTo("disable"));
        Assert.That(nullable.Source, Is.EqualTo(nullable.Source with { Node = "c", Scope = "core", Origin = EntryOrigin.Extends }));
        Assert.That(nullable.Replaced!.Value, Is.EqualTo("enable"));
        Assert.That(nullable.Replaced.Source.Node, Is.EqualTo("r"));
        Assert.That(c.Find(EntryKind.Property, "Deterministic")!.Value, Is.EqualTo("true"), "JSON booleans become MSBuild text");
    }

    [Test]
    public void Overrides_apply_in_order_and_the_last_wins()
    {
        var json = """
            {"scopes": {"pin": {"packages": {"A": "1.2.0"}}, "core": {"packages": {"A": "1.0.0"}}},
             "root": {"branch": "r", "scopes": ["core"], "children": [
               {"branch": "c", "overrides": [{"packages": {"A": "1.1.0"}}, "pin", {"packages": {"A": "1.3.0"}}]}]}}
            """;
        var tree = Resolve(json);
        var a = tree.Find("c")!.Find(EntryKind.Package, "A")!;
        Assert.That(a.History().Select(e => e.Value), Is.EqualTo(new[] { "1.3.0", "1.2.0", "1.1.0", "1.0.0" }));
        Assert.That(a.History().Select(e => e.Source.Override), Is.EqualTo(new[] { "inline override #3", "pin", "inline override #1", null }));
    }

    [Test]
    public void Override_of_an_entry_no_scope_has_belongs_to_the_node_and_is_not_inherited()
    {
        var tree = Resolve("""
            {"scopes": {"theme": {"properties": {"ThemeName": "dark"}}},
             "root": {"branch": "r", "scopes": [], "overrides": ["theme"], "children": [{"branch": "c"}]}}
            """);
        var entry = tree.Root.Find(EntryKind.Property, "ThemeName")!;
        Assert.That(entry.Source.Scope, Is.EqualTo("theme"));
        Assert.That(entry.Source.Origin, Is.EqualTo(EntryOrigin.Override));
        Assert.That(tree.Find("c")!.Find(EntryKind.Property, "ThemeName"), Is.Null);
    }

    [Test]
    public void Override_of_a_list_replaces_the_whole_list()
    {
        var tree = Resolve("""
            {"scopes": {"core": {"projects": ["src/Core/Core.csproj", "src/Util/Util.csproj"]}},
             "root": {"branch": "r", "scopes": ["core"], "children": [
               {"branch": "c", "overrides": [{"projects": ["forks/c/Core/Core.csproj"]}]}]}}
            """);
        Assert.That(tree.Find("c")!.Projects.Select(p => p.Key), Is.EqualTo(new[] { "forks/c/Core/Core.csproj" }));
        Assert.That(tree.Root.Projects, Has.Count.EqualTo(2));
    }

    [Test]
    public void Every_kind_of_entry_keeps_its_provenance()
    {
        var tree = Resolve(Full);
        var a = tree.Find("feature-A")!;
        foreach (var kind in EntryKinds.All)
        {
            Assert.That(a.Entries(kind), Is.Not.Empty, kind.ToString());
            foreach (var entry in a.Entries(kind))
            {
                Assert.That(entry.Source.Node, Is.AnyOf("release", "feature-A"));
                Assert.That(entry.Source.Position.IsKnown, Is.True, $"{kind} {entry.Key} has a position");
            }
        }

        var project = a.Projects.Single();
        Assert.That(project.Source, Is.EqualTo(new Provenance("release", "core", EntryOrigin.Definition, null, At(Full, "\"src/Core/Core.csproj\""))));
        var contract = a.Contracts.Single();
        Assert.That(contract.Source.Position, Is.EqualTo(At(Full, "\"contracts/orders.openapi.json\"")));
        var path = a.Paths.Single();
        Assert.That(path.Key, Is.EqualTo("src/Core/**"));
        var polly = a.Find(EntryKind.Package, "Polly")!;
        Assert.That(polly.Source, Is.EqualTo(new Provenance("feature-A", "core", EntryOrigin.Extends, null, At(Full, "\"8.4.0\""))));
        var theme = a.Find(EntryKind.Property, "ThemeName")!;
        Assert.That(theme.Source.Override, Is.EqualTo("frontend-theme"));
        Assert.That(theme.Source.Position, Is.EqualTo(At(Full, "\"dark\"")));
    }

    [Test]
    public void Unchanged_inherited_scopes_are_shared_not_copied()
    {
        var tree = Resolve(Full);
        var infraRoot = tree.Root.Scopes.Single(s => s.Name == "infra");
        var infraA = tree.Find("feature-A")!.Scopes.Single(s => s.Name == "infra");
        var coreA = tree.Find("feature-A")!.Scopes.Single(s => s.Name == "core");
        Assert.That(infraA, Is.SameAs(infraRoot));
        Assert.That(coreA, Is.Not.SameAs(tree.Root.Scopes.Single(s => s.Name == "core")), "extended here, so copied");
        Assert.That(tree.Find("feature-A")!.Modified(coreA), Is.True);
    }

    [Test]
    public void Resolving_one_node_touches_only_its_path_to_the_root()
    {
        var json = """
            {"root": {"branch": "r", "children": [
              {"branch": "a", "children": [{"branch": "a1"}, {"branch": "a2"}]},
              {"branch": "b", "children": [{"branch": "b1"}]}]}}
            """;
        var diagnostics = new DiagnosticBag("tree.json");
        var manifest = Spicetime.Tree.Loading.TreeManifestLoader.Load(System.Text.Encoding.UTF8.GetBytes(json), Path.Combine(Manifest.Folder, "tree.json"), diagnostics)!;
        var resolver = new TreeResolver(manifest, diagnostics);
        var a2 = resolver.Resolve(manifest.FindNode("a2")!);
        Assert.That(a2.PathFromRoot().Select(n => n.Branch), Is.EqualTo(new[] { "r", "a", "a2" }));
        Assert.That(resolver.ResolvedCount, Is.EqualTo(3));
        resolver.Resolve(manifest.FindNode("a1")!);
        Assert.That(resolver.ResolvedCount, Is.EqualTo(4), "the shared ancestors are resolved once");
    }

    [Test]
    public void Two_scopes_setting_one_entry_the_later_wins_and_the_other_is_shadowed()
    {
        var json = """
            {"scopes": {"a": {"packages": {"X": "1.0.0"}}, "b": {"packages": {"X": "1.2.0"}}},
             "root": {"branch": "r", "scopes": ["a", "b"]}}
            """;
        var result = Load(json);
        var warning = Single(result, DiagnosticCodes.ConflictingScopes.Code);
        Assert.That(warning.Position, Is.EqualTo(At(json, "\"b\"]")));
        var x = result.Tree!.Root.Find(EntryKind.Package, "X")!;
        Assert.That(x.Value, Is.EqualTo("1.2.0"));
        Assert.That(x.Shadowed.Single().Value, Is.EqualTo("1.0.0"));
    }

    [Test]
    public void Package_ids_and_property_names_compare_ignoring_case()
    {
        var tree = Resolve("""
            {"scopes": {"core": {"packages": {"Newtonsoft.Json": "13.0.3"}, "properties": {"Nullable": "enable"}}},
             "root": {"branch": "r", "scopes": ["core"], "children": [
               {"branch": "c", "overrides": [{"packages": {"newtonsoft.json": "13.0.1"}, "properties": {"NULLABLE": "disable"}}]}]}}
            """);
        var c = tree.Find("c")!;
        Assert.That(c.Packages, Has.Count.EqualTo(1));
        Assert.That(c.Find(EntryKind.Package, "Newtonsoft.Json")!.Value, Is.EqualTo("13.0.1"));
        Assert.That(c.Find(EntryKind.Property, "nullable")!.Value, Is.EqualTo("disable"));
    }

    [TestCase("13.0.3", "13.0.1", true)]
    [TestCase("13.0.3", "13.2.0", true)]
    [TestCase("13.0.3", "14.0.0", false)]
    [TestCase("13.0.3", "12.0.3", false)]
    [TestCase("[4.0.0,5.0.0)", "4.2.0", true)]
    [TestCase("[4.0.0,5.0.0)", "[4.1.0,5.0.0)", true)]
    [TestCase("[4.0.0,5.0.0)", "5.0.0", false)]
    [TestCase("[4.0.0,5.0.0)", "3.9.0", false)]
    [TestCase("13.0.3", "[13.0.1,14.0.0)", true)]
    [TestCase("13.0.3", "[13.0.1,15.0.0)", false)]
    public void Package_compatibility_is_same_major_or_inside_the_range(string parent, string child, bool compatible)
    {
        Assert.That(PackageCompatibility.IsCompatible(parent, child, out var reason), Is.EqualTo(compatible), reason);
    }

    [Test]
    public void Breaking_override_of_an_inherited_package_is_allowed_when_marked()
    {
        var json = """
            {"scopes": {"core": {"packages": {"Newtonsoft.Json": "13.0.3"}}},
             "root": {"branch": "r", "scopes": ["core"], "children": [
               {"branch": "c", "overrides": [{"packages": {"Newtonsoft.Json": "14.0.1"}, "breaking": true}]}]}}
            """;
        var tree = Resolve(json);
        Assert.That(Package(tree, "c", "Newtonsoft.Json"), Is.EqualTo("14.0.1"));
    }

    [Test]
    public void The_node_may_change_its_own_packages_freely()
    {
        var tree = Resolve("""
            {"scopes": {"web": {"packages": {"Polly": "7.0.0"}}},
             "root": {"branch": "r", "children": [{"branch": "c", "scopes": ["web"], "overrides": [{"packages": {"Polly": "8.4.0"}}]}]}}
            """);
        Assert.That(Package(tree, "c", "Polly"), Is.EqualTo("8.4.0"));
    }

    [Test]
    public void Why_explains_the_chain_of_nodes_and_scopes()
    {
        var tree = Resolve("""
            {"scopes": {"core": {"packages": {"A": "1.0.0"}}},
             "root": {"branch": "r", "scopes": ["core"], "children": [
               {"branch": "mid", "children": [{"branch": "leaf", "overrides": [{"packages": {"A": "1.1.0"}}]}]}]}}
            """);
        var leaf = tree.Find("leaf")!;
        var steps = EntryExplainer.Explain(leaf, leaf.Find(EntryKind.Package, "A")!);
        Assert.That(steps.Select(s => $"{s.Action}:{s.Node}"), Is.EqualTo(new[] { "set:r", "inherited:mid", "inherited:leaf", "replaced:leaf" }));
    }

    [Test]
    public void A_deep_tree_resolves_without_recursion_limits()
    {
        const int depth = 300;
        var json = new System.Text.StringBuilder("""{"scopes": {"s": {"packages": {"A": "1.0.0"}}}, "root": """);
        for (var i = 0; i < depth; i++)
        {
            json.Append($$"""{"branch": "n{{i}}", "scopes": {{(i == 0 ? "[\"s\"]" : "[]")}}, "children": [""");
        }

        json.Append(string.Concat(Enumerable.Repeat("]}", depth))).Append('}');
        var tree = Resolve(json.ToString());
        Assert.That(Package(tree, $"n{depth - 1}", "A"), Is.EqualTo("1.0.0"));
    }
}
