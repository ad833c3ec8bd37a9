using Spicetime.Tree.Mapping;
using Spicetime.Tree.Affected;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Tests.Affected;

/// <summary>The rules of `spicetime affected` (AffectedAnalyzer), on a repository written to disk, without git.</summary>
public class AffectedAnalyzerTests
{
    private const string Tree = """
        {"scopes": {"shared": {"packages": {"Newtonsoft.Json": "13.0.3"}, "paths": ["shared/**"], "projects": ["shared/Lib/Lib.csproj"]},
                    "api": {"contracts": {"orders": "contracts/orders.json"}}},
         "root": {"branch": "release", "path": "release", "scopes": ["shared"], "children": [
           {"branch": "alpha", "path": "forks/alpha", "scopes": ["api"]},
           {"branch": "beta", "path": "forks/beta", "overrides": [{"packages": {"Newtonsoft.Json": "13.0.1"}}]},
           {"branch": "gamma", "path": "forks/gamma", "inherits": []}]}}
        """;

    private string _root = null!;

    [SetUp]
    public void Write()
    {
        _root = Directory.CreateTempSubdirectory("spicetime-affected-").FullName;
        File.WriteAllText(Path.Combine(_root, "tree.json"), Tree);
        Project("shared/Lib/Lib.csproj");
        Project("release/App/App.csproj");
        Project("forks/alpha/A1/A1.csproj");
        Project("forks/alpha/A2/A2.csproj", "../A1/A1.csproj");
        Project("forks/beta/B1/B1.csproj");
        Project("forks/gamma/G1/G1.csproj");
        Project("forks/gamma/G2/G2.csproj", "..\\G1\\G1.csproj");
        Directory.CreateDirectory(Path.Combine(_root, "forks/gamma/G1/obj"));
        File.WriteAllText(Path.Combine(_root, "forks/gamma/G1/obj/Ignored.csproj"), "<Project />");
    }

    [TearDown]
    public void Remove() => Directory.Delete(_root, true);

    private void Project(string path, params string[] references)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, $"<Project Sdk=\"Spicetime.Sdk\"><ItemGroup>{string.Concat(references.Select(r => $"<ProjectReference Include=\"{r}\" />"))}</ItemGroup></Project>");
    }

    private AffectedResult Analyze(string? treeAfter, params string[] files)
    {
        var before = TreeFile.Parse(Tree, Path.Combine(_root, "tree.json")).Tree;
        var after = TreeFile.Parse(treeAfter ?? Tree, Path.Combine(_root, "tree.json")).Tree!;
        return AffectedAnalyzer.Analyze(before, after, files, ProjectScanner.Discover(_root));
    }

    [Test]
    public void Projects_are_read_as_XML_and_build_output_folders_skipped()
    {
        var projects = ProjectScanner.Discover(_root);
        Assert.That(projects.Select(p => p.RelativePath), Has.No.Member("forks/gamma/G1/obj/Ignored.csproj"));
        Assert.That(projects.Single(p => p.RelativePath == "forks/gamma/G2/G2.csproj").References, Is.EqualTo(new[] { "forks/gamma/G1/G1.csproj" }));
    }

    [Test]
    public void A_tree_change_affects_the_nodes_whose_state_changed_but_not_a_fork_that_overrides_the_entry()
    {
        var result = Analyze(Tree.Replace("\"13.0.3\"", "\"13.0.4\""), "tree.json");
        Assert.That(result.Branches.Select(b => b.Name), Is.EqualTo(new[] { "alpha", "release" }));
        // beta's own state is unchanged (it overrides the entry), but B1 references the shared Lib, which release builds.
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[]
        {
            "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj", "forks/beta/B1/B1.csproj", "release/App/App.csproj", "shared/Lib/Lib.csproj",
        }));
        Assert.That(result.Projects[2].Reasons.Single().ToString(), Does.EndWith("-> node release -> project shared/Lib/Lib.csproj -> referenced by forks/beta/B1/B1.csproj"));
        Assert.That(result.Projects[0].Reasons.Select(r => r.ToString()),
            Does.Contain("tree.json: packages.Newtonsoft.Json 13.0.3 -> 13.0.4 (release/shared) -> node alpha -> project forks/alpha/A1/A1.csproj"));

        // The same chain, link by link: the entry that changed, with its values and who set it, then node and projects.
        var chain = result.Projects[2].Reasons.Single().Causes;
        Assert.That(chain.Select(c => (c.Kind, c.Name)), Is.EqualTo(new[]
        {
            (CauseKind.File, "tree.json"), (CauseKind.Node, "release"), (CauseKind.Project, "shared/Lib/Lib.csproj"), (CauseKind.ReferencedBy, "forks/beta/B1/B1.csproj"),
        }));
        Assert.That(chain[0].Change, Is.EqualTo(new EntryChange("packages.Newtonsoft.Json", "13.0.3", "13.0.4", "release/shared")));
    }

    [Test]
    public void A_new_node_and_a_tree_with_nothing_to_compare_with_say_so()
    {
        var added = Analyze(Tree.Replace("""{"branch": "gamma", "path": "forks/gamma", "inherits": []}""",
            """{"branch": "gamma", "path": "forks/gamma", "inherits": []}, {"branch": "delta", "path": "forks/delta"}"""), "tree.json");
        Assert.That(added.Branches.Select(b => b.Name), Is.EqualTo(new[] { "delta" }));
        Assert.That(added.Branches[0].Reasons.Single().ToString(), Is.EqualTo("tree.json: new node delta -> node delta"));
        Assert.That(added.Branches[0].Reasons.Single().Causes[0].Change, Is.EqualTo(new EntryChange("node", null, "delta", null)));

        // Changed files named without a base revision: tree.json's earlier state is unknown, so every node counts.
        var after = TreeFile.Parse(Tree, Path.Combine(_root, "tree.json")).Tree!;
        var unknown = AffectedAnalyzer.Analyze(null, after, new[] { "tree.json" }, ProjectScanner.Discover(_root));
        Assert.That(unknown.Branches.Select(b => b.Name), Is.EqualTo(new[] { "alpha", "beta", "gamma", "release" }));
        Assert.That(unknown.Branches[0].Reasons.Single().ToString(),
            Is.EqualTo("tree.json: changed, and there is no base revision to compare with, so every node counts as changed -> node alpha"));
    }

    [Test]
    public void A_file_in_a_project_folder_affects_it_and_its_dependents_transitively()
    {
        var result = Analyze(null, "forks/gamma/G1/Code.cs");
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/G1/G1.csproj", "forks/gamma/G2/G2.csproj" }));
        Assert.That(result.Projects[1].Reasons.Single().ToString(), Does.EndWith("-> project forks/gamma/G1/G1.csproj -> referenced by forks/gamma/G2/G2.csproj"));
        Assert.That(result.Branches.Select(b => b.Name), Is.EqualTo(new[] { "gamma" }));
    }

    [Test]
    public void Scope_paths_and_contracts_affect_the_nodes_that_have_the_scope()
    {
        var paths = Analyze(null, "shared/Lib/Code.cs");
        Assert.That(paths.Branches.Select(b => b.Name), Is.EquivalentTo(new[] { "release", "alpha", "beta" }), "gamma inherits nothing");
        Assert.That(paths.Projects.Select(p => p.Name), Does.Not.Contain("forks/gamma/G1/G1.csproj"));
        Assert.That(paths.Projects.Select(p => p.Name), Does.Contain("forks/beta/B1/B1.csproj"));

        var contract = Analyze(null, "contracts/orders.json");
        Assert.That(contract.Branches.Select(b => b.Name), Is.EqualTo(new[] { "alpha" }));
    }

    [Test]
    public void A_build_file_affects_every_project_under_it()
    {
        var result = Analyze(null, "forks/Directory.Build.props");
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[]
        {
            "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj", "forks/beta/B1/B1.csproj", "forks/gamma/G1/G1.csproj", "forks/gamma/G2/G2.csproj",
        }));
    }

    private const string CentralBefore = """
        <Project>
          <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
          <ItemGroup>
            <PackageVersion Include="Newtonsoft.Json" Version="13.0.1" />
            <PackageVersion Include="Serilog" Version="4.0.0" />
          </ItemGroup>
        </Project>
        """;

    private void RawProject(string path, string body)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, $"<Project Sdk=\"Spicetime.Sdk\">{body}</Project>");
    }

    /// <summary>Directory.Packages.props changed from <see cref="CentralBefore"/> to <paramref name="after"/>.</summary>
    private AffectedResult AnalyzeCentral(string after)
    {
        File.WriteAllText(Path.Combine(_root, "Directory.Packages.props"), after);
        var tree = TreeFile.Parse(Tree, Path.Combine(_root, "tree.json")).Tree!;
        var changes = new ChangeSet(new[] { "Directory.Packages.props" },
            f => f == "Directory.Packages.props" ? System.Text.Encoding.UTF8.GetBytes(CentralBefore) : null,
            f => File.ReadAllBytes(Path.Combine(_root, f)));
        return AffectedAnalyzer.Analyze(tree, tree, changes, ProjectScanner.Discover(_root));
    }

    private void ProjectsUsingPackages()
    {
        RawProject("forks/alpha/A1/A1.csproj", """<ItemGroup><PackageReference Include="Serilog" /></ItemGroup>""");
        RawProject("forks/beta/B1/B1.csproj", """<ItemGroup><PackageReference Include="Serilog" VersionOverride="4.2.0" /></ItemGroup>""");
        RawProject("release/App/App.csproj", """<ItemGroup><PackageReference Include="Newtonsoft.Json" /></ItemGroup>""");
        RawProject("forks/gamma/G1/G1.csproj", """<ItemGroup><PackageReference Include="newtonsoft.json"><VersionOverride>13.0.2</VersionOverride></PackageReference></ItemGroup>""");
        RawProject("forks/gamma/G2/G2.csproj", """<ItemGroup><ProjectReference Include="../G1/G1.csproj" /><PackageReference Include="Newtonsoft.Json" /></ItemGroup>""");
    }

    [Test]
    public void A_central_version_bump_affects_only_the_projects_that_use_the_package_from_it()
    {
        ProjectsUsingPackages();
        var serilog = AnalyzeCentral(CentralBefore.Replace("4.0.0", "4.2.0"));
        // B1 pins its own version (VersionOverride); A2 references A1.
        Assert.That(serilog.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj" }));
        Assert.That(serilog.Projects[0].Reasons.Single().ToString(),
            Is.EqualTo("Directory.Packages.props: PackageVersion Serilog 4.0.0 -> 4.2.0 -> project forks/alpha/A1/A1.csproj (uses Serilog)"));
        Assert.That(serilog.Projects[1].Reasons.Single().ToString(), Does.EndWith("-> referenced by forks/alpha/A2/A2.csproj"));

        // Newtonsoft.Json: App's node gets it from tree.json (the tree's version wins), G1 pins it; only G2 takes it from the file.
        var json = AnalyzeCentral(CentralBefore.Replace("13.0.1", "13.0.3"));
        Assert.That(json.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/G2/G2.csproj" }));
    }

    [Test]
    public void A_central_file_change_outside_versions_affects_every_project_under_it_and_formatting_affects_none()
    {
        ProjectsUsingPackages();
        var pinning = AnalyzeCentral(CentralBefore.Replace("</ManagePackageVersionsCentrally>", "</ManagePackageVersionsCentrally><CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled>"));
        Assert.That(pinning.Projects, Has.Count.EqualTo(7));
        Assert.That(pinning.Projects[0].Reasons[0].ToString(), Does.StartWith("Directory.Packages.props: a change outside PackageVersion items; imported by"));

        var added = AnalyzeCentral(CentralBefore.Replace("</ItemGroup>", "<PackageVersion Include=\"Polly\" Version=\"8.4.2\" /></ItemGroup>"));
        Assert.That(added.Projects, Is.Empty, "a new central version nobody references changes nothing");

        var reformatted = AnalyzeCentral("<!-- versions -->\n" + CentralBefore.Replace("  <", "\t<"));
        Assert.That(reformatted.Projects, Is.Empty);

        var broken = AnalyzeCentral("<Project>");
        Assert.That(broken.Projects, Has.Count.EqualTo(7));
        Assert.That(broken.Projects[0].Reasons[0].ToString(), Does.Contain("not XML at one revision"));
    }

    [Test]
    public void Central_changes_with_transitive_pinning_are_compared_version_by_version_and_marked_pinning()
    {
        var before = System.Text.Encoding.UTF8.GetBytes(CentralBefore.Replace("<ItemGroup>", "<ItemGroup><CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled>").Replace("<ItemGroup><Central", "<PropertyGroup><Central").Replace("Enabled>\n", "Enabled></PropertyGroup><ItemGroup>\n"));
        var pinned = CentralPackageChanges.Compare(before, System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(before).Replace("4.0.0", "4.2.0")));
        Assert.That(pinned.Everything, Is.Null);
        Assert.That(pinned.TransitivePinning, Is.True);
        Assert.That(pinned.Versions.Single().ToEntryChange().ToString(), Is.EqualTo("PackageVersion Serilog 4.0.0 -> 4.2.0"));
        var same = CentralPackageChanges.Compare(before, before);
        Assert.That(same.Everything, Is.Null);
        Assert.That(same.Versions, Is.Empty);
    }

    [Test]
    public void Packages_referenced_in_a_Directory_Build_props_count_for_the_projects_under_it()
    {
        File.WriteAllText(Path.Combine(_root, "forks/gamma/Directory.Build.props"), """<Project><ItemGroup><PackageReference Include="Serilog" /></ItemGroup></Project>""");
        var result = AnalyzeCentral(CentralBefore.Replace("4.0.0", "4.2.0"));
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/G1/G1.csproj", "forks/gamma/G2/G2.csproj" }));
    }

    [Test]
    public void An_edit_affects_a_project_that_references_it_only_through_an_item_transform()
    {
        // Issue 20: the reference is built from trimming roots; it used to be dropped without a word.
        File.WriteAllText(Path.Combine(_root, "forks/Directory.Build.props"), "<Project><PropertyGroup><RepoRoot>$(MSBuildThisFileDirectory)</RepoRoot></PropertyGroup></Project>");
        RawProject("forks/beta/B1/B1.csproj", """
            <ItemGroup>
              <TrimmerRootAssembly Include="G1" />
              <TrimmerRootAssembly Update="@(TrimmerRootAssembly)" Path="$(RepoRoot)/gamma/%(Identity)/%(Identity).csproj" />
              <ProjectReference Include="@(TrimmerRootAssembly->'%(Path)')" />
            </ItemGroup>
            """);
        var result = Analyze(null, "forks/gamma/G1/Code.cs");
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/beta/B1/B1.csproj", "forks/gamma/G1/G1.csproj", "forks/gamma/G2/G2.csproj" }));
        Assert.That(result.Projects[0].Reasons.Single().ToString(), Does.EndWith("-> project forks/gamma/G1/G1.csproj -> referenced by forks/beta/B1/B1.csproj"));
    }

    [Test]
    public void A_deleted_project_affects_the_projects_that_still_reference_it()
    {
        Directory.Delete(Path.Combine(_root, "forks/gamma/G1"), true);
        var result = Analyze(null, "forks/gamma/G1/G1.csproj", "forks/gamma/G1/Code.cs");
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/G2/G2.csproj" }));
        Assert.That(result.Projects[0].Reasons.Single().ToString(), Is.EqualTo("forks/gamma/G1/G1.csproj: removed -> referenced by forks/gamma/G2/G2.csproj"));
    }

    [Test]
    public void Required_holds_what_affected_projects_reference_and_are_not_affected_themselves()
    {
        var result = Analyze(null, "forks/gamma/G2/Code.cs");
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/G2/G2.csproj" }));
        Assert.That(result.Required.Select(p => $"{p.Name}: {p.Reasons.Single()}"), Is.EqualTo(new[] { "forks/gamma/G1/G1.csproj: referenced by forks/gamma/G2/G2.csproj" }));

        // alpha's projects get the shared scope's project injected as a reference.
        var alpha = Analyze(null, "forks/alpha/A1/Code.cs");
        Assert.That(alpha.Required.Select(p => p.Name), Is.EqualTo(new[] { "shared/Lib/Lib.csproj" }));
    }

    [Test]
    public void Report_only_limits_the_projects_reported_but_not_the_chains_through_others()
    {
        var tree = TreeFile.Parse(Tree, Path.Combine(_root, "tree.json")).Tree!;
        var result = AffectedAnalyzer.Analyze(tree, tree, ChangeSet.FromFiles(_root, new[] { "forks/gamma/G1/Code.cs" }), ProjectScanner.Discover(_root),
            new HashSet<string> { "forks/gamma/G2/G2.csproj" });
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/G2/G2.csproj" }));
        Assert.That(result.Projects[0].Reasons.Single().ToString(), Does.StartWith("forks/gamma/G1/Code.cs: in the folder of forks/gamma/G1/G1.csproj"));
    }

    [Test]
    public void Projects_map_to_nodes_by_the_SDKs_rule_a_named_branch_then_a_path_then_the_git_branch()
    {
        RawProject("forks/gamma/G1/G1.csproj", "<PropertyGroup><SpicetimeBranch>alpha</SpicetimeBranch></PropertyGroup>");
        Project("tools/Tool/Tool.csproj");
        Project("tools/Named/Named.csproj");
        File.WriteAllText(Path.Combine(_root, "tools/Named/Directory.Build.props"), "<Project><PropertyGroup><SpicetimeBranch> beta </SpicetimeBranch></PropertyGroup></Project>");
        Project("tools/Computed/Computed.csproj");
        File.WriteAllText(Path.Combine(_root, "tools/Computed/Directory.Build.props"), "<Project><PropertyGroup><SpicetimeBranch>$(Fork)</SpicetimeBranch></PropertyGroup></Project>");
        var tree = TreeFile.Parse(Tree, Path.Combine(_root, "tree.json")).Tree!;
        var projects = ProjectScanner.Discover(_root).ToDictionary(p => p.RelativePath);
        string Node(ProjectNodes nodes, string project) => nodes.Of(projects[project]).Branch;

        var noBranch = ProjectNodes.AsIfOn(tree, null);
        Assert.That(Node(noBranch, "forks/gamma/G1/G1.csproj"), Is.EqualTo("alpha"), "named in the project: before its path");
        Assert.That(Node(noBranch, "tools/Named/Named.csproj"), Is.EqualTo("beta"), "named in a Directory.Build.props above it");
        Assert.That(Node(noBranch, "tools/Computed/Computed.csproj"), Is.EqualTo("release"), "a computed value cannot be read: the other rules decide");
        Assert.That(Node(noBranch, "tools/Tool/Tool.csproj"), Is.EqualTo("release"), "no path and no git branch: the root");
        var onBeta = ProjectNodes.AsIfOn(tree, "beta");
        Assert.That(Node(onBeta, "tools/Tool/Tool.csproj"), Is.EqualTo("beta"), "no path: the git branch");
        Assert.That(Node(onBeta, "forks/alpha/A1/A1.csproj"), Is.EqualTo("alpha"), "a path wins over the git branch");

        // The analysis uses the same mapping: a change to alpha's own state reaches G1, which names alpha.
        var changed = Analyze(Tree.Replace("""{"branch": "alpha", "path": "forks/alpha", "scopes": ["api"]}""",
            """{"branch": "alpha", "path": "forks/alpha", "scopes": ["api"], "overrides": [{"properties": {"Flag": "on"}}]}"""), "tree.json");
        Assert.That(changed.Projects.Select(p => $"{p.Name} ({p.Branch})"), Is.EqualTo(new[]
        {
            "forks/alpha/A1/A1.csproj (alpha)", "forks/alpha/A2/A2.csproj (alpha)", "forks/gamma/G1/G1.csproj (alpha)", "forks/gamma/G2/G2.csproj (gamma)",
        }));
    }

    [Test]
    public void Only_projects_on_Spicetime_Sdk_get_scope_project_references()
    {
        // release has scope 'shared', whose project is shared/Lib; a Microsoft.NET.Sdk project in release does not get it.
        var plain = Path.Combine(_root, "release/Plain/Plain.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(plain)!);
        File.WriteAllText(plain, """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>""");
        var versioned = Path.Combine(_root, "release/Versioned/Versioned.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(versioned)!);
        File.WriteAllText(versioned, """<Project><Sdk Name="Spicetime.Sdk" Version="0.1.0" /></Project>""");
        // Without the scope's paths, an edit of Lib affects Lib and what references it, not the whole node.
        var tree = TreeFile.Parse(Tree.Replace("""
            , "paths": ["shared/**"]
            """.Trim(), string.Empty), Path.Combine(_root, "tree.json")).Tree!;
        Assert.That(tree.Find("release")!.Paths, Is.Empty);
        var result = AffectedAnalyzer.Analyze(tree, tree, new[] { "shared/Lib/Code.cs" }, ProjectScanner.Discover(_root));
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[]
        {
            "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj", "forks/beta/B1/B1.csproj", "release/App/App.csproj", "release/Versioned/Versioned.csproj", "shared/Lib/Lib.csproj",
        }));
    }

    [Test]
    public void A_traversal_spicetime_wrote_or_an_empty_project_file_is_never_a_project()
    {
        File.WriteAllText(Path.Combine(_root, "affected.proj"), $"""
            <Project DefaultTargets="Build">
              <PropertyGroup><{ProjectReader.TraversalMarker}>true</{ProjectReader.TraversalMarker}></PropertyGroup>
              <ItemGroup><AffectedProject Include="release/App/App.csproj" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_root, "being-written.proj"), string.Empty);
        File.WriteAllText(Path.Combine(_root, "build.proj"), "<Project><Target Name=\"Build\" /></Project>");
        Assert.That(ProjectScanner.Discover(_root).Select(p => p.RelativePath).Where(p => !p.Contains('/')), Is.EqualTo(new[] { "build.proj" }));
    }

    [Test]
    public void A_fork_workspace_holds_its_projects_its_scope_projects_and_their_references()
    {
        var tree = TreeFile.Parse(Tree, Path.Combine(_root, "tree.json")).Tree!;
        var alpha = Spicetime.Tree.Workspace.ForkWorkspace.Projects(tree, tree.Find("alpha")!, ProjectScanner.Discover(_root));
        Assert.That(alpha.Select(p => $"{p.Path}: {p.Reason}"), Is.EqualTo(new[]
        {
            "forks/alpha/A1/A1.csproj: under forks/alpha",
            "forks/alpha/A2/A2.csproj: under forks/alpha",
            "shared/Lib/Lib.csproj: project of scope 'shared'",
        }));
        var gamma = Spicetime.Tree.Workspace.ForkWorkspace.Projects(tree, tree.Find("gamma")!, ProjectScanner.Discover(_root));
        Assert.That(gamma.Select(p => p.Path), Is.EqualTo(new[] { "forks/gamma/G1/G1.csproj", "forks/gamma/G2/G2.csproj" }));
    }

    [Test]
    public void A_fork_without_a_path_owns_what_a_checkout_of_its_branch_maps_to_it()
    {
        // A branch of its own (no path): the projects outside every path are delta's when delta is checked out.
        var withDelta = Tree.Replace("""{"branch": "gamma", "path": "forks/gamma", "inherits": []}""",
            """{"branch": "gamma", "path": "forks/gamma", "inherits": []}, {"branch": "delta", "inherits": []}""");
        var tree = TreeFile.Parse(withDelta, Path.Combine(_root, "tree.json")).Tree!;
        var delta = Spicetime.Tree.Workspace.ForkWorkspace.Projects(tree, tree.Find("delta")!, ProjectScanner.Discover(_root));
        Assert.That(delta.Select(p => $"{p.Path}: {p.Reason}"), Is.EqualTo(new[] { "shared/Lib/Lib.csproj: maps to delta" }));
    }

    [Test]
    public void With_transitive_pinning_a_version_affects_the_projects_whose_last_restore_has_the_package()
    {
        ProjectsUsingPackages();
        var pinned = CentralBefore.Replace("</ManagePackageVersionsCentrally>", "</ManagePackageVersionsCentrally><CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled>");
        File.WriteAllText(Path.Combine(_root, "Directory.Packages.props"), pinned.Replace("4.0.0", "4.2.0"));

        // App gets Serilog only transitively, and its last restore has it; the others' restores do not.
        void Assets(string project, string libraries)
        {
            Directory.CreateDirectory(Path.Combine(_root, project, "obj"));
            File.WriteAllText(Path.Combine(_root, project, "obj/project.assets.json"), "{\"version\": 3, \"libraries\": {" + libraries + "}}");
        }

        Assets("release/App", """ "Serilog/4.0.0": {}, "Newtonsoft.Json/13.0.3": {} """);
        foreach (var project in new[] { "forks/gamma/G1", "forks/gamma/G2", "shared/Lib" })
        {
            Assets(project, """ "Newtonsoft.Json/13.0.1": {} """);
        }

        var tree = TreeFile.Parse(Tree, Path.Combine(_root, "tree.json")).Tree!;
        var changes = new ChangeSet(new[] { "Directory.Packages.props" },
            f => System.Text.Encoding.UTF8.GetBytes(pinned), f => File.ReadAllBytes(Path.Combine(_root, f)));
        var result = AffectedAnalyzer.Analyze(tree, tree, changes, ProjectScanner.Discover(_root));
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/alpha/A1/A1.csproj", "forks/alpha/A2/A2.csproj", "release/App/App.csproj" }),
            "A1 uses Serilog, A2 references A1, App restores it; B1 pins its own version, the rest do not restore it");
        Assert.That(result.Projects[2].Reasons.Single().ToString(), Does.EndWith("-> project release/App/App.csproj (restores Serilog transitively (pinned))"));

        // Without a restore to read, a project counts as affected, and says why.
        File.Delete(Path.Combine(_root, "forks/gamma/G1/obj/project.assets.json"));
        var unknown = AffectedAnalyzer.Analyze(tree, tree, changes, ProjectScanner.Discover(_root));
        Assert.That(unknown.Projects.Single(p => p.Name == "forks/gamma/G1/G1.csproj").Reasons[0].ToString(),
            Does.EndWith("(transitive pinning, and no obj/project.assets.json says what it restores)"));
    }

    [Test]
    public void A_file_evaluation_only_looks_for_counts_when_added_or_removed_not_when_modified()
    {
        File.WriteAllText(Path.Combine(_root, "Forks.slnx"), "<Solution />");
        File.WriteAllText(Path.Combine(_root, "forks/gamma/Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <SolutionRoot>$([MSBuild]::GetDirectoryNameOfFileAbove($(MSBuildThisFileDirectory), 'Forks.slnx'))</SolutionRoot>
                <Marked Condition="Exists('$(MSBuildThisFileDirectory)marker.txt')">true</Marked>
              </PropertyGroup>
            </Project>
            """);
        var tree = TreeFile.Parse(Tree, Path.Combine(_root, "tree.json")).Tree!;
        AffectedResult Compare(Func<string, byte[]?> before, params string[] files) =>
            AffectedAnalyzer.Analyze(tree, tree, new ChangeSet(files, before, f => File.Exists(Path.Combine(_root, f)) ? File.ReadAllBytes(Path.Combine(_root, f)) : null), ProjectScanner.Discover(_root));

        // Modified: both revisions have them, and evaluation reads neither's content.
        File.WriteAllText(Path.Combine(_root, "forks/gamma/marker.txt"), "x");
        var modified = Compare(f => Array.Empty<byte>(), "Forks.slnx", "forks/gamma/marker.txt");
        Assert.That(modified.Projects.Select(p => p.Reasons[0].ToString()), Is.Empty, "only the existence of Forks.slnx and marker.txt is looked at");

        // Added: the marker was not there at the base.
        var added = Compare(f => f == "forks/gamma/marker.txt" ? null : Array.Empty<byte>(), "forks/gamma/marker.txt");
        Assert.That(added.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/G1/G1.csproj", "forks/gamma/G2/G2.csproj" }));
        Assert.That(added.Projects[0].Reasons.Single().ToString(),
            Is.EqualTo("forks/gamma/marker.txt: looked for by the evaluation of forks/gamma/G1/G1.csproj (added) -> project forks/gamma/G1/G1.csproj"));

        // Removed: there at the base, gone now.
        var removed = Compare(f => Array.Empty<byte>(), "forks/gamma/Forks.slnx");
        Assert.That(removed.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/G1/G1.csproj", "forks/gamma/G2/G2.csproj" }));
        Assert.That(removed.Projects[0].Reasons.Single().ToString(), Does.StartWith("forks/gamma/Forks.slnx: looked for by the evaluation of forks/gamma/G1/G1.csproj (removed)"));

        // No base revision (files named by hand): a file that exists now may have been added, and the reason says only that.
        var unknown = Analyze(null, "Forks.slnx");
        Assert.That(unknown.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/G1/G1.csproj", "forks/gamma/G2/G2.csproj" }));
        Assert.That(unknown.Projects[0].Reasons.Single().ToString(), Does.Contain("(may have been added: no base revision to compare with)"));
    }

    [Test]
    public void SPT0403_is_reported_once_per_cause_with_the_number_of_projects_it_touches()
    {
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <RepoRoot>$([System.IO.File]::ReadAllText('root.txt').Trim())</RepoRoot>
              </PropertyGroup>
              <ItemGroup>
                <None Include="templates/$(AssemblyName).xml" />
              </ItemGroup>
            </Project>
            """);
        RawProject("forks/gamma/G1/G1.csproj", """<ItemGroup><ProjectReference Include="$(RepoRoot)/shared/Lib/Lib.csproj" /></ItemGroup>""");
        RawProject("forks/gamma/G2/G2.csproj", """<ItemGroup>  <ProjectReference Include="../G1/G1.csproj" /><None Include="$(RepoRoot)/data.json" /></ItemGroup>""");
        var result = Analyze(null, "forks/gamma/G1/Code.cs");
        Assert.That(result.Imprecisions.Select(d => $"{RepositoryPathOf(d.File)}{d.Position}: {d.Message}"), Is.EqualTo(new[]
        {
            "Directory.Build.props(3,5): spicetime affected cannot evaluate $([System.IO.File]::ReadAllText('root.txt').Trim()) in the definition of property RepoRoot (a property function the reader does not evaluate); every file, project or import a path built from $(RepoRoot) may name counts; in 2 projects",
            "Directory.Build.props(6,5): spicetime affected cannot evaluate $(AssemblyName) in None 'templates/$(AssemblyName).xml' (the .NET SDK, MSBuild or the command line defines it; no file of the folder does); every file it may name counts as an input (the pattern differs by project); in 7 projects",
        }));
    }

    [Test]
    public void A_test_package_bump_affects_only_test_projects_when_Directory_Build_props_references_it_for_them()
    {
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), """
            <Project>
              <ItemGroup Condition="'$(IsTestProject)' == 'true'"><PackageReference Include="Microsoft.NET.Test.Sdk" /></ItemGroup>
            </Project>
            """);
        const string before = """
            <Project>
              <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup><PackageVersion Include="Microsoft.NET.Test.Sdk" Version="17.14.1" /></ItemGroup>
            </Project>
            """;
        File.WriteAllText(Path.Combine(_root, "Directory.Packages.props"), before.Replace("17.14.1", "18.0.0"));
        RawProject("forks/gamma/G1/G1.csproj", "<PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup>");
        var tree = TreeFile.Parse(Tree, Path.Combine(_root, "tree.json")).Tree!;
        var changes = new ChangeSet(new[] { "Directory.Packages.props" }, f => System.Text.Encoding.UTF8.GetBytes(before), f => File.ReadAllBytes(Path.Combine(_root, f)));
        var result = AffectedAnalyzer.Analyze(tree, tree, changes, ProjectScanner.Discover(_root));
        Assert.That(result.Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/G1/G1.csproj", "forks/gamma/G2/G2.csproj" }), "G1 is the test project; G2 references it");
        Assert.That(result.Projects[0].Reasons.Single().ToString(), Does.EndWith("-> project forks/gamma/G1/G1.csproj (uses Microsoft.NET.Test.Sdk)"));
    }

    [Test]
    public void A_file_in_an_FSharp_project_folder_counts_only_when_an_item_names_it_or_it_is_a_resource()
    {
        var fsproj = Path.Combine(_root, "forks/gamma/F/F.fsproj");
        Directory.CreateDirectory(Path.GetDirectoryName(fsproj)!);
        File.WriteAllText(fsproj, """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><Compile Include="Program.fs" /><Content Include="data/*.json" /></ItemGroup></Project>""");
        Assert.That(Analyze(null, "forks/gamma/F/notes.md", "forks/gamma/F/Unused.fs").Projects.Select(p => p.Name), Is.Empty);
        var program = Analyze(null, "forks/gamma/F/Program.fs");
        Assert.That(program.Projects.Single().Reasons.Single().ToString(), Is.EqualTo("forks/gamma/F/Program.fs: Compile item of forks/gamma/F/F.fsproj (line 1) -> project forks/gamma/F/F.fsproj"));
        Assert.That(Analyze(null, "forks/gamma/F/data/a.json").Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/F/F.fsproj" }));
        Assert.That(Analyze(null, "forks/gamma/F/Strings.resx").Projects.Single().Reasons.Single().ToString(), Does.StartWith("forks/gamma/F/Strings.resx: in the folder of"));
        Assert.That(Analyze(null, "forks/gamma/F/F.fsproj").Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/F/F.fsproj" }));
        Assert.That(Analyze(null, "forks/gamma/G1/notes.md").Projects.Select(p => p.Name), Is.EqualTo(new[] { "forks/gamma/G1/G1.csproj", "forks/gamma/G2/G2.csproj" }), "C#: None items take every file");
    }

    private string RepositoryPathOf(string? file) => Spicetime.Tree.Paths.RepositoryPath.Relative(_root, file!);
}
