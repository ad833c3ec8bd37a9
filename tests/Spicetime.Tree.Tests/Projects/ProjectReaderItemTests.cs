using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Tests.Projects;

/// <summary>
/// ProjectReader evaluates items with MSBuild's item semantics in document order: item lists, transforms, metadata,
/// Include/Remove/Update and conditions (issue 20: a ProjectReference built from an item list was dropped silently).
/// </summary>
public class ProjectReaderItemTests
{
    private string _root = null!;

    [SetUp]
    public void Create() => _root = Directory.CreateTempSubdirectory("spicetime-items-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_root, true);

    private void Write(string path, string content)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    private ProjectInfo App(string itemGroups, string sdk = "Microsoft.NET.Sdk")
    {
        Write("src/App/App.csproj", $"<Project Sdk=\"{sdk}\">{itemGroups}</Project>");
        var files = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Select(f => RepositoryPath.Relative(_root, f)).ToList();
        return new ProjectReader(_root, files.Where(f => f.EndsWith(".props") || f.EndsWith(".targets")).ToList(), new Dictionary<string, string>()).Read("src/App/App.csproj")!;
    }

    [Test]
    public void A_reference_through_a_transform_of_metadata_set_by_Update_is_read()
    {
        // Found on a public repository: trimming roots named once, their projects derived from them.
        Write("Directory.Build.props", "<Project><PropertyGroup><RepoRoot>$(MSBuildThisFileDirectory)</RepoRoot></PropertyGroup></Project>");
        var app = App("""
            <ItemGroup>
              <TrimmerRootAssembly Include="Lib" />
              <TrimmerRootAssembly Update="@(TrimmerRootAssembly)" Path="$(RepoRoot)/src/%(Identity)/%(Identity).csproj" />
              <ProjectReference Include="@(TrimmerRootAssembly->'%(Path)')" />
            </ItemGroup>
            """);
        Assert.That(app.References, Is.EqualTo(new[] { "src/Lib/Lib.csproj" }));
        Assert.That(app.ReferencePatterns, Is.Empty);
        Assert.That(app.Imprecisions, Is.Empty);
    }

    [Test]
    public void A_reference_through_an_item_list_is_read()
    {
        var app = App("""<ItemGroup><_Ref Include="..\Lib\Lib.csproj" /><ProjectReference Include="@(_Ref)" /></ItemGroup>""");
        Assert.That(app.References, Is.EqualTo(new[] { "src/Lib/Lib.csproj" }));
        Assert.That(app.Imprecisions, Is.Empty);
    }

    [Test]
    public void A_reference_through_a_transform_of_Identity_is_read_for_every_item()
    {
        var app = App("""
            <ItemGroup>
              <Root Include="A;B" />
              <ProjectReference Include="@(Root->'..\%(Identity)\%(Identity).csproj')" />
            </ItemGroup>
            """);
        Assert.That(app.References, Is.EqualTo(new[] { "src/A/A.csproj", "src/B/B.csproj" }));
        Assert.That(app.Imprecisions, Is.Empty);
    }

    [Test]
    public void Items_are_evaluated_in_document_order_with_Remove_and_conditions()
    {
        var app = App("""
            <PropertyGroup><Flavor>plain</Flavor></PropertyGroup>
            <ItemGroup>
              <_Ref Include="..\A\A.csproj;..\B\B.csproj;..\C\C.csproj" />
              <_Ref Include="..\Never\Never.csproj" Condition="'$(Flavor)' == 'spicy'" />
              <_Ref Remove="..\B\B.csproj" />
              <_Ref Remove="..\C\C.csproj" Condition="'$(TargetFramework)' == 'net8.0'" />
              <ProjectReference Include="@(_Ref)" />
              <_Ref Include="..\Late\Late.csproj" />
              <ProjectReference Include="..\D\D.csproj;..\E\E.csproj" />
              <ProjectReference Remove="..\E\E.csproj" />
            </ItemGroup>
            """);

        // B is removed; C only for one target framework (a build of the other still references it); Late comes after the use.
        Assert.That(app.References, Is.EqualTo(new[] { "src/A/A.csproj", "src/C/C.csproj", "src/D/D.csproj" }));
    }

    [Test]
    public void Exclude_applies_to_the_items_of_its_element()
    {
        var app = App("""<ItemGroup><_Ref Include="..\A\A.csproj;..\B\B.csproj" Exclude="..\B\B.csproj" /><ProjectReference Include="@(_Ref)" /></ItemGroup>""");
        Assert.That(app.References, Is.EqualTo(new[] { "src/A/A.csproj" }));
    }

    [Test]
    public void Update_sets_metadata_on_the_items_it_names_and_an_undecided_Update_keeps_both_values()
    {
        var app = App("""
            <ItemGroup>
              <Part Include="A;B;C" Folder="libs" />
              <Part Update="B"><Folder>tools</Folder></Part>
              <Part Update="C" Folder="maybe" Condition="'$(Configuration)' == 'Debug'" />
              <ProjectReference Include="@(Part->'../../%(Folder)/%(Identity)/%(Identity).csproj')" />
            </ItemGroup>
            """);
        Assert.That(app.References, Is.EquivalentTo(new[] { "libs/A/A.csproj", "tools/B/B.csproj", "libs/C/C.csproj", "maybe/C/C.csproj" }));
    }

    [Test]
    public void Transforms_read_well_known_metadata_and_separators_split_into_items()
    {
        Write("src/Lib/Lib.csproj", "<Project />");
        var app = App("""
            <ItemGroup>
              <Lib Include="..\Lib\Lib.csproj" />
              <_A Include="@(Lib->'%(RelativeDir)..\%(Filename)X\%(Filename)X%(Extension)')" />
              <_B Include="@(Lib->'%(FullPath)')" />
              <_C Include="@(Lib->'%(RootDir)%(Directory)%(Filename).Tests.csproj')" />
              <_D Include="@(Lib->'%(DefiningProjectDirectory)..\%(Filename)D\x.csproj')" />
              <ProjectReference Include="@(_A, ';');@(_B);@(_C->'%(Identity)')" />
              <ProjectReference Include="@(_D)" />
            </ItemGroup>
            """);
        Assert.That(app.References, Is.EqualTo(new[] { "src/LibX/LibX.csproj", "src/Lib/Lib.csproj", "src/Lib/Lib.Tests.csproj", "src/LibD/x.csproj" }));
        Assert.That(app.Imprecisions, Is.Empty);
    }

    [Test]
    public void Metadata_comes_from_child_elements_attributes_and_item_definitions_and_is_copied_with_the_item()
    {
        var app = App("""
            <ItemDefinitionGroup><Part><Kind>Lib</Kind></Part></ItemDefinitionGroup>
            <ItemGroup>
              <Part Include="A" />
              <Part Include="B"><Kind>Tool</Kind></Part>
              <Copy Include="@(Part)" />
              <ProjectReference Include="@(Copy->'..\%(Identity).%(Kind)\%(Identity).csproj')" />
            </ItemGroup>
            """);
        Assert.That(app.References, Is.EqualTo(new[] { "src/A.Lib/A.csproj", "src/B.Tool/B.csproj" }));
    }

    [Test]
    public void Item_functions_filter_by_metadata()
    {
        var app = App("""
            <ItemGroup>
              <Part Include="A" Ship="true" />
              <Part Include="B" Ship="false" />
              <Part Include="C" />
              <ProjectReference Include="@(Part->WithMetadataValue('Ship', 'true')->'..\%(Identity)\%(Identity).csproj')" />
              <ProjectReference Include="@(Part->HasMetadata('Ship')->Distinct()->'..\%(Identity)\%(Identity).Tests.csproj')" />
            </ItemGroup>
            """);
        Assert.That(app.References, Is.EqualTo(new[] { "src/A/A.csproj", "src/A/A.Tests.csproj", "src/B/B.Tests.csproj" }));
    }

    [Test]
    public void Linked_files_and_hint_paths_through_item_lists_are_inputs()
    {
        var app = App("""
            <PropertyGroup><Libs>..\..\lib\</Libs></PropertyGroup>
            <ItemGroup>
              <Shared Include="..\..\shared\**\*.cs" />
              <Compile Include="@(Shared)" />
              <Config Include="..\..\config\app.json" />
              <None Include="@(Config->'%(RelativeDir)%(Filename).Development%(Extension)')" />
              <Reference Include="Foo" />
              <Reference Update="Foo"><HintPath>$(Libs)%(Identity).dll</HintPath></Reference>
            </ItemGroup>
            """);
        var inputs = app.Items.Select(i => $"{i.ItemType} {i.Files}").ToList();
        Assert.That(inputs, Does.Contain("None config/app.Development.json").And.Contain("Reference lib/Foo.dll"));
        Assert.That(app.Items.Single(i => i.ItemType == "Compile").Files.Matches("shared/deep/X.cs"), Is.True);
        Assert.That(app.Items.Single(i => i.ItemType == "Compile").Line, Is.EqualTo(4), "the Compile element, the one the reason names");
    }

    [Test]
    public void An_item_list_the_SDK_may_define_counts_every_project_it_may_name_and_is_reported()
    {
        var app = App("""<ItemGroup><ProjectReference Include="@(Compile->'..\%(Filename)\%(Filename).csproj')" /></ItemGroup>""");
        Assert.That(app.ReferencePatterns.Single().Matches("src/Anything/Anything.csproj"), Is.True);
        Assert.That(app.Imprecisions.Single().Message, Does.Contain("@(Compile"));
        Assert.That(app.Imprecisions.Single().Code, Is.EqualTo("SPT0403"));
    }

    [Test]
    public void Unknown_metadata_counts_every_project_it_may_name_and_is_reported()
    {
        // An SDK whose files are not known may give the items any metadata.
        var app = App("""
            <ItemGroup>
              <_Ref Include="A" />
              <ProjectReference Include="@(_Ref->'..\%(Group)\%(Identity).csproj')" />
            </ItemGroup>
            """, sdk: "Some.Other.Sdk/1.0.0");
        Assert.That(app.References, Is.Empty);
        Assert.That(app.ReferencePatterns.Single().Matches("src/Any/A.csproj"), Is.True);
        Assert.That(app.ReferencePatterns.Single().Matches("src/Any/B.csproj"), Is.False);
        Assert.That(app.Imprecisions.Single().Message, Does.Contain("%(Group)"));
    }

    [Test]
    public void Unset_metadata_of_an_item_no_SDK_defines_is_empty_as_in_MSBuild()
    {
        var app = App("""<ItemGroup><_Ref Include="A" /><ProjectReference Include="@(_Ref->'..\%(Group)%(Identity)\%(Identity).csproj')" /></ItemGroup>""");
        Assert.That(app.References, Is.EqualTo(new[] { "src/A/A.csproj" }));
        Assert.That(app.Imprecisions, Is.Empty);
    }

    [Test]
    public void An_item_list_under_a_property_the_SDK_defines_is_taken_both_ways()
    {
        var app = App("""
            <ItemGroup Condition="'$(TargetFramework)' == 'net8.0'"><_Ref Include="..\Old\Old.csproj" /></ItemGroup>
            <ItemGroup><_Ref Include="..\New\New.csproj" /><ProjectReference Include="@(_Ref)" /></ItemGroup>
            """);
        Assert.That(app.References, Is.EquivalentTo(new[] { "src/Old/Old.csproj", "src/New/New.csproj" }));
    }
}
