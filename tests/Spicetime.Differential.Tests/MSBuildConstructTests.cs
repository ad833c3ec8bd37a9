namespace Spicetime.Differential.Tests;

/// <summary>
/// Each MSBuild construct real repositories use to tie a project to a file (seen on real commits): a fixture repository
/// that uses it, a commit that changes the file, and the harness comparing `spicetime affected` with full MSBuild
/// evaluation. Every test asserts that nothing MSBuild counts is missed, and the exact set Spicetime reports, so an
/// over-trigger fails too.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class MSBuildConstructTests
{
    /// <summary>A repository in the shape of real ones: properties for the root, an engineering folder, central versions.</summary>
    private static FixtureRepository Base()
    {
        var repo = new FixtureRepository()
            .Write("Directory.Build.props", """
                <Project>
                  <PropertyGroup>
                    <SourceRoot>$(MSBuildThisFileDirectory)</SourceRoot>
                    <RepositoryRoot>$([MSBuild]::NormalizeDirectory('$(MSBuildThisFileDirectory)'))</RepositoryRoot>
                    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <Import Project="$(SourceRoot)eng/Versions.props" />
                </Project>
                """)
            .Write("eng/Versions.props", "<Project><PropertyGroup><ProductVersion>1.0.0</ProductVersion></PropertyGroup></Project>")
            .Write("Directory.Build.targets", """
                <Project>
                  <Import Project="$(RepositoryRoot)eng/Common.targets" />
                </Project>
                """)
            .Write("eng/Common.targets", "<Project><PropertyGroup><Deterministic>true</Deterministic></PropertyGroup></Project>")
            .Write("Directory.Packages.props", """
                <Project>
                  <ItemGroup>
                    <PackageVersion Include="Newtonsoft.Json" Version="13.0.1" />
                    <PackageVersion Include="Serilog" Version="3.1.1" Condition="'$(TargetFramework)' == 'net8.0'" />
                    <PackageVersion Include="Serilog" Version="4.0.0" Condition="'$(TargetFramework)' == 'net10.0'" />
                  </ItemGroup>
                </Project>
                """)
            .Project("src/Lib/Lib.csproj")
            .Project("src/App/App.csproj", """  <ItemGroup><ProjectReference Include="$(SourceRoot)src/Lib/Lib.csproj" /></ItemGroup>""")
            .Project("src/Other/Other.csproj")
            .Write("src/Lib/Code.cs", "class Code {}")
            .Write("src/Other/Code.cs", "class Other {}");
        repo.Commit("base");
        return repo;
    }

    private static void AssertAffected(CommitComparison result, params string[] expected)
    {
        Assert.That(result.Missed, Is.Empty, "missed what MSBuild counts: " + string.Join("; ", result.Missed));
        Assert.That(result.Unevaluable, Is.Empty);
        Assert.That(result.Extra, Is.Empty, "over-triggered: " + string.Join("; ", result.Extra));
        Assert.That(result.Truth, Is.EqualTo(expected.Order(StringComparer.Ordinal)), "what MSBuild says");
    }

    [Test]
    public void A_ProjectReference_built_from_a_property_of_Directory_Build_props()
    {
        using var repo = Base();
        repo.Write("src/Lib/Code.cs", "class Code { int x; }");
        AssertAffected(repo.CommitAndCompare("edit Lib"), "src/Lib/Lib.csproj", "src/App/App.csproj");
    }

    [Test]
    public void A_ProjectReference_from_MSBuildThisFileDirectory_and_a_property_defined_in_an_imported_file()
    {
        using var repo = Base();
        repo.Write("eng/Paths.props", "<Project><PropertyGroup><LibProject>$(MSBuildThisFileDirectory)..\\src\\Lib\\Lib.csproj</LibProject></PropertyGroup></Project>")
            .Write("src/Tool/Tool.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <Import Project="..\..\eng\Paths.props" />
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                  <ItemGroup><ProjectReference Include="$(LibProject)" /></ItemGroup>
                </Project>
                """);
        repo.Commit("tool");
        repo.Write("src/Lib/Code.cs", "class Code { int y; }");
        AssertAffected(repo.CommitAndCompare("edit Lib"), "src/Lib/Lib.csproj", "src/App/App.csproj", "src/Tool/Tool.csproj");
    }

    [Test]
    public void A_file_imported_from_Directory_Build_targets_affects_every_project_that_imports_it()
    {
        using var repo = Base();
        repo.Write("eng/Common.targets", "<Project><PropertyGroup><Deterministic>false</Deterministic></PropertyGroup></Project>");
        var result = repo.CommitAndCompare("edit eng/Common.targets");
        AssertAffected(result, "src/Lib/Lib.csproj", "src/App/App.csproj", "src/Other/Other.csproj");
    }

    [Test]
    public void An_import_named_by_a_property_of_the_project()
    {
        using var repo = Base();
        repo.Write("eng/Library.targets", "<Project />").Write("eng/Tool.targets", "<Project />")
            .Write("src/Other/Other.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ProjectType>Tool</ProjectType></PropertyGroup>
                  <Import Project="$(SourceRoot)eng/$(ProjectType).targets" />
                </Project>
                """);
        repo.Commit("typed import");
        repo.Write("eng/Tool.targets", "<Project><PropertyGroup><X>1</X></PropertyGroup></Project>");
        AssertAffected(repo.CommitAndCompare("edit the tool targets"), "src/Other/Other.csproj");
    }

    [Test]
    public void A_linked_Compile_item_outside_the_project_folder()
    {
        using var repo = Base();
        repo.Write("shared/Linked.cs", "class Linked {}")
            .Project("src/Other/Other.csproj", """  <ItemGroup><Compile Include="..\..\shared\Linked.cs" Link="Linked.cs" /></ItemGroup>""");
        repo.Commit("link");
        repo.Write("shared/Linked.cs", "class Linked { int z; }");
        AssertAffected(repo.CommitAndCompare("edit the linked file"), "src/Other/Other.csproj");
    }

    [Test]
    public void A_shared_file_copied_to_output_by_an_item_in_Directory_Build_props()
    {
        using var repo = Base();
        repo.Write("test/testconfig.json", "{}")
            .Write("test/Directory.Build.props", """
                <Project>
                  <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" />
                  <ItemGroup><None Include="$(MSBuildThisFileDirectory)testconfig.json" CopyToOutputDirectory="PreserveNewest" /></ItemGroup>
                </Project>
                """)
            .Project("test/A.Tests/A.Tests.csproj")
            .Project("test/B.Tests/B.Tests.csproj");
        repo.Commit("tests");
        repo.Write("test/testconfig.json", "{\"timeout\": 5}");
        AssertAffected(repo.CommitAndCompare("edit the shared test config"), "test/A.Tests/A.Tests.csproj", "test/B.Tests/B.Tests.csproj");
    }

    [Test]
    public void Embedded_resources_additional_files_and_a_packed_readme()
    {
        using var repo = Base();
        repo.Write("assets/logo.txt", "logo").Write("README.md", "# readme").Write("rules/banned.txt", "T:X")
            .Project("src/Other/Other.csproj", """
                  <PropertyGroup><PackageReadmeFile>README.md</PackageReadmeFile></PropertyGroup>
                  <ItemGroup>
                    <EmbeddedResource Include="$(SourceRoot)assets/logo.txt" />
                    <None Include="$(SourceRoot)README.md" Pack="true" PackagePath="/" />
                  </ItemGroup>
                """)
            .Project("src/Lib/Lib.csproj", """  <ItemGroup><AdditionalFiles Include="$(SourceRoot)rules/banned.txt" /></ItemGroup>""");
        repo.Commit("resources");
        repo.Write("assets/logo.txt", "new logo").Write("README.md", "# new readme");
        AssertAffected(repo.CommitAndCompare("edit resources"), "src/Other/Other.csproj");
        repo.Write("rules/banned.txt", "T:Y");
        AssertAffected(repo.CommitAndCompare("edit analyzer input"), "src/Lib/Lib.csproj", "src/App/App.csproj");
    }

    [Test]
    public void An_editorconfig_or_globalconfig_affects_the_projects_below_it()
    {
        using var repo = Base();
        repo.Write("src/Other/.editorconfig", "root = false\n[*.cs]\nindent_size = 4\n").Write(".globalconfig", "is_global = true\n");
        repo.Commit("configs");
        repo.Write("src/Other/.editorconfig", "[*.cs]\nindent_size = 2\n");
        AssertAffected(repo.CommitAndCompare("edit a nested editorconfig"), "src/Other/Other.csproj");
        repo.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.CA1000.severity = none\n");
        AssertAffected(repo.CommitAndCompare("edit the global config"), "src/Lib/Lib.csproj", "src/App/App.csproj", "src/Other/Other.csproj");
    }

    [Test]
    public void Central_versions_under_conditions_are_compared_one_by_one_and_count_packages_from_imported_files()
    {
        using var repo = Base();
        repo.Project("src/Lib/Lib.csproj", """  <ItemGroup><PackageReference Include="Serilog" /></ItemGroup>""")
            .Write("eng/Common.targets", """<Project><ItemGroup Condition="'$(MSBuildProjectName)' == 'Other'"><PackageReference Include="Newtonsoft.Json" /></ItemGroup></Project>""");
        repo.Commit("packages");

        // Only the net10.0 entry of Serilog moves: Lib (net10.0) and App through its reference.
        repo.Edit("Directory.Packages.props", "4.0.0", "4.1.0");
        AssertAffected(repo.CommitAndCompare("bump Serilog for net10.0"), "src/Lib/Lib.csproj", "src/App/App.csproj");

        // Newtonsoft.Json is referenced only through eng/Common.targets, by Other.
        repo.Edit("Directory.Packages.props", "13.0.1", "13.0.3");
        AssertAffected(repo.CommitAndCompare("bump Newtonsoft.Json"), "src/Other/Other.csproj");
    }

    [Test]
    public void A_nested_Directory_Build_props_shadows_the_root_one_unless_it_imports_it()
    {
        using var repo = Base();
        repo.Write("island/Directory.Build.props", "<Project><PropertyGroup><Island>true</Island></PropertyGroup></Project>")
            .Write("island/Directory.Build.targets", "<Project />")
            .Write("island/Directory.Packages.props", "<Project />")
            .Project("island/Alone/Alone.csproj");
        repo.Commit("island");
        repo.Edit("Directory.Build.props", "<SourceRoot>", "<Company>Spicetime</Company><SourceRoot>");
        AssertAffected(repo.CommitAndCompare("edit the root props"), "src/Lib/Lib.csproj", "src/App/App.csproj", "src/Other/Other.csproj");

        // Deleting the nested file puts the island under the root one again.
        repo.Delete("island/Directory.Build.props");
        AssertAffected(repo.CommitAndCompare("remove the nested props"), "island/Alone/Alone.csproj");
    }

    [Test]
    public void A_project_that_is_not_on_an_SDK_and_imports_nothing_is_not_affected_by_Directory_Build_props()
    {
        using var repo = Base();
        repo.Write("build/tool.proj", "<Project><Target Name=\"Run\" /></Project>").Write("build/versions.txt", "1");
        repo.Commit("tool");
        repo.Write("build/versions.txt", "2");
        AssertAffected(repo.CommitAndCompare("edit a file beside it: no default items take it"));
        repo.Edit("Directory.Build.props", "<SourceRoot>", "<Company>Spicetime</Company><SourceRoot>");
        AssertAffected(repo.CommitAndCompare("edit the root props"), "src/Lib/Lib.csproj", "src/App/App.csproj", "src/Other/Other.csproj");
    }

    [Test]
    public void A_property_that_names_a_file_and_a_condition_on_Exists()
    {
        using var repo = Base();
        repo.Write("key.snk", "key")
            .Project("src/Other/Other.csproj", """
                  <PropertyGroup><AssemblyOriginatorKeyFile>$(SourceRoot)key.snk</AssemblyOriginatorKeyFile></PropertyGroup>
                  <Import Project="$(SourceRoot)eng/Optional.props" Condition="Exists('$(SourceRoot)eng/Optional.props')" />
                """);
        repo.Commit("key");
        repo.Write("key.snk", "new key");
        AssertAffected(repo.CommitAndCompare("new key"), "src/Other/Other.csproj");
        repo.Write("eng/Optional.props", "<Project />");
        AssertAffected(repo.CommitAndCompare("add the optional import"), "src/Other/Other.csproj");
    }

    [Test]
    public void A_ProjectReference_and_a_linked_file_built_from_item_lists_and_transforms()
    {
        // Issue 20: each of these references was dropped without a word (constructs found on public repositories).
        using var repo = Base();
        repo.Write("shared/Linked.cs", "class Linked {}")
            .Project("src/Trim/Trim.csproj", """
                  <ItemGroup>
                    <TrimmerRootAssembly Include="Lib" />
                    <TrimmerRootAssembly Update="@(TrimmerRootAssembly)" Path="$(SourceRoot)/src/%(Identity)/%(Identity).csproj" />
                    <ProjectReference Include="@(TrimmerRootAssembly->'%(Path)')" />
                  </ItemGroup>
                """)
            .Project("src/Listed/Listed.csproj", """  <ItemGroup><_Ref Include="..\Lib\Lib.csproj" /><_Ref Include="..\Other\Other.csproj" /><_Ref Remove="..\Other\Other.csproj" /><ProjectReference Include="@(_Ref)" /></ItemGroup>""")
            .Project("src/Roots/Roots.csproj", """
                  <ItemGroup>
                    <Root Include="Lib;Other" />
                    <ProjectReference Include="@(Root->'..\%(Identity)\%(Identity).csproj')" />
                    <SharedSource Include="..\..\shared\*.cs" />
                    <Compile Include="@(SharedSource)" Link="%(Filename)%(Extension)" />
                  </ItemGroup>
                """);
        repo.Commit("item lists");
        repo.Write("src/Lib/Code.cs", "class Code { int v; }");
        AssertAffected(repo.CommitAndCompare("edit Lib"), "src/Lib/Lib.csproj", "src/App/App.csproj", "src/Trim/Trim.csproj", "src/Listed/Listed.csproj", "src/Roots/Roots.csproj");
        repo.Write("src/Other/Code.cs", "class Other { int v; }");
        AssertAffected(repo.CommitAndCompare("edit Other"), "src/Other/Other.csproj", "src/Roots/Roots.csproj");
        repo.Write("shared/Linked.cs", "class Linked { int v; }");
        AssertAffected(repo.CommitAndCompare("edit the linked file"), "src/Roots/Roots.csproj");
    }

    [Test]
    public void A_property_only_the_SDK_or_the_command_line_defines_is_counted_conservatively_with_a_warning()
    {
        using var repo = Base();
        repo.Project("src/Other/Other.csproj", """  <ItemGroup><ProjectReference Include="$(SolutionDir)src/Lib/Lib.csproj" Condition="'$(SolutionDir)' != ''" /></ItemGroup>""");
        repo.Commit("solution-relative reference");
        repo.Write("src/Lib/Code.cs", "class Code { int w; }");
        var result = repo.CommitAndCompare("edit Lib");
        Assert.That(result.Missed, Is.Empty);
        Assert.That(result.Extra.Select(e => e.Project), Is.EqualTo(new[] { "src/Other/Other.csproj" }), "conservative: SolutionDir may name the repository root");

        var projects = Spicetime.Tree.Projects.ProjectScanner.Discover(repo.Root);
        var warning = projects.Single(p => p.RelativePath == "src/Other/Other.csproj").Imprecisions.Single();
        Assert.That(warning.Format(), Does.Contain("Other.csproj(3,14): warning SPT0403: spicetime affected cannot evaluate $(SolutionDir) in ProjectReference"));
    }

    [Test]
    public void Files_in_dot_folders_of_a_project_are_no_items_and_a_nested_project_folder_belongs_to_both()
    {
        using var repo = Base();
        repo.Write("src/Other/.template.config/template.json", "{}").Project("src/Other/Inner/Inner.csproj").Write("src/Other/Inner/Code.cs", "class Inner {}");
        repo.Commit("template and nested project");
        repo.Write("src/Other/.template.config/template.json", "{\"a\": 1}");
        AssertAffected(repo.CommitAndCompare("edit the template config"));
        repo.Write("src/Other/Inner/Code.cs", "class Inner { int q; }");
        AssertAffected(repo.CommitAndCompare("edit the nested project's code"), "src/Other/Inner/Inner.csproj", "src/Other/Other.csproj");
        repo.Project("src/Other/Inner/Inner.csproj", "  <PropertyGroup><Nullable>enable</Nullable></PropertyGroup>").Write("src/Other/Other.sln", "");
        AssertAffected(repo.CommitAndCompare("edit the nested project file, add a solution"), "src/Other/Inner/Inner.csproj");
    }

    [Test]
    public void A_shared_file_added_only_to_test_projects_by_a_condition_on_a_string_function()
    {
        using var repo = Base();
        repo.Write("test/testconfig.json", "{}")
            .Write("Directory.Build.targets", """
                <Project>
                  <Import Project="$(RepositoryRoot)eng/Common.targets" />
                  <PropertyGroup><IsTestApp Condition="$(MSBuildProjectName.EndsWith('Tests'))">true</IsTestApp></PropertyGroup>
                  <ItemGroup Condition="'$(IsTestApp)' == 'true'">
                    <None Include="$(MSBuildThisFileDirectory)test\testconfig.json" Link="testconfig.json" CopyToOutputDirectory="PreserveNewest" />
                  </ItemGroup>
                </Project>
                """)
            .Project("test/A.Tests/A.Tests.csproj")
            .Project("test/Helpers/Helpers.csproj");
        repo.Commit("tests");
        repo.Write("test/testconfig.json", "{\"timeout\": 5}");
        AssertAffected(repo.CommitAndCompare("edit the shared test config"), "test/A.Tests/A.Tests.csproj");
    }

    [Test]
    public void A_file_the_SDK_imports_because_a_property_names_it()
    {
        // NuGet.Client's way: Directory.Build.props names build/common.targets in CustomBeforeMicrosoftCSharpTargets,
        // and that imports test.targets, whose property names the test run settings.
        using var repo = Base();
        repo.Edit("Directory.Build.props", "</ManagePackageVersionsCentrally>",
                "</ManagePackageVersionsCentrally><CustomBeforeMicrosoftCSharpTargets>$(CustomBeforeMicrosoftCSharpTargets);$(MSBuildThisFileDirectory)build\\common.targets</CustomBeforeMicrosoftCSharpTargets>")
            .Write("build/common.targets", """<Project><ImportGroup Condition="'$(TestProject)' == 'true'"><Import Project="test.targets" /></ImportGroup></Project>""")
            .Write("build/test.targets", """<Project><PropertyGroup><RunSettingsFilePath>$(MSBuildThisFileDirectory)xunit.runsettings</RunSettingsFilePath></PropertyGroup></Project>""")
            .Write("build/xunit.runsettings", "<RunSettings />")
            .Project("test/A.Tests/A.Tests.csproj", "  <PropertyGroup><TestProject>true</TestProject></PropertyGroup>");
        repo.Commit("hooks");
        repo.Write("build/xunit.runsettings", "<RunSettings><RunConfiguration /></RunSettings>");
        AssertAffected(repo.CommitAndCompare("edit the run settings"), "test/A.Tests/A.Tests.csproj");
        repo.Write("build/common.targets", """<Project><PropertyGroup><X>1</X></PropertyGroup><ImportGroup Condition="'$(TestProject)' == 'true'"><Import Project="test.targets" /></ImportGroup></Project>""");
        AssertAffected(repo.CommitAndCompare("edit the hooked targets"), "src/Lib/Lib.csproj", "src/App/App.csproj", "src/Other/Other.csproj", "test/A.Tests/A.Tests.csproj");
    }
}
