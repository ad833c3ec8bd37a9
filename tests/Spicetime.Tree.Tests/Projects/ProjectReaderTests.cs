using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Tests.Projects;

/// <summary>ProjectReader evaluates project files as MSBuild does, on files written to disk (no git, no MSBuild).</summary>
public class ProjectReaderTests
{
    private string _root = null!;

    [SetUp]
    public void Create() => _root = Directory.CreateTempSubdirectory("spicetime-reader-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_root, true);

    private ProjectReaderTests Write(string path, string content)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    private ProjectInfo Read(string project, IReadOnlyDictionary<string, string>? environment = null)
    {
        var files = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Select(f => RepositoryPath.Relative(_root, f)).ToList();
        return new ProjectReader(_root, files.Where(f => f.EndsWith(".props") || f.EndsWith(".targets")).ToList(), environment ?? new Dictionary<string, string>()).Read(project)!;
    }

    [Test]
    public void Properties_are_evaluated_in_order_with_conditions_and_later_values_win()
    {
        Write("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <Root>$(MSBuildThisFileDirectory)</Root>
                <Flavor Condition="'$(Flavor)' == ''">plain</Flavor>
                <Flavor Condition="'$(Flavor)' == 'none'">never</Flavor>
              </PropertyGroup>
            </Project>
            """);
        Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><Flavor>$(Flavor)-spicy</Flavor></PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="$(Root)src/$(Flavor)/X.csproj" />
                <ProjectReference Include="..\Lib\Lib.csproj" Condition="'$(Flavor)' == 'plain-spicy'" />
                <ProjectReference Include="..\Never\Never.csproj" Condition="'$(Flavor)' != 'plain-spicy'" />
              </ItemGroup>
            </Project>
            """);
        var project = Read("src/App/App.csproj");
        Assert.That(project.References, Is.EqualTo(new[] { "src/plain-spicy/X.csproj", "src/Lib/Lib.csproj" }));
        Assert.That(project.Imprecisions, Is.Empty);
        Assert.That(project.Imports.Select(i => i.Path), Is.EqualTo(new[] { "Directory.Build.props" }));
    }

    [Test]
    public void A_condition_the_reader_cannot_decide_is_taken_both_ways()
    {
        Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFrameworks>net8.0;net10.0</TargetFrameworks></PropertyGroup>
              <PropertyGroup Condition="'$(TargetFramework)' == 'net8.0'"><Legacy>old</Legacy></PropertyGroup>
              <ItemGroup Condition="'$(TargetFramework)' == 'net8.0'"><ProjectReference Include="../Polyfill/Polyfill.csproj" /></ItemGroup>
              <ItemGroup><ProjectReference Include="../$(Legacy)Lib/Lib.csproj" /></ItemGroup>
            </Project>
            """);
        var project = Read("src/App/App.csproj");
        Assert.That(project.References, Is.EquivalentTo(new[] { "src/Polyfill/Polyfill.csproj", "src/oldLib/Lib.csproj", "src/Lib/Lib.csproj" }));
    }

    [Test]
    public void Choose_takes_the_first_true_When_else_Otherwise()
    {
        Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><Mode>b</Mode></PropertyGroup>
              <Choose>
                <When Condition="'$(Mode)' == 'a'"><ItemGroup><Compile Include="../A/a.cs" /></ItemGroup></When>
                <When Condition="'$(Mode)' == 'b'"><ItemGroup><Compile Include="../B/b.cs" /></ItemGroup></When>
                <Otherwise><ItemGroup><Compile Include="../C/c.cs" /></ItemGroup></Otherwise>
              </Choose>
            </Project>
            """);
        var project = Read("src/App/App.csproj");
        Assert.That(project.Items.Select(i => i.Files.ToString()), Is.EqualTo(new[] { "src/B/b.cs" }));
    }

    [Test]
    public void Imports_chain_upward_with_GetPathOfFileAbove_and_the_nearest_file_shadows_the_one_above()
    {
        Write("Directory.Build.props", "<Project><PropertyGroup><Top>yes</Top></PropertyGroup></Project>");
        Write("a/Directory.Build.props", """<Project><Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" /></Project>""");
        Write("b/Directory.Build.props", "<Project />");
        Write("a/P/P.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><None Include="$(Top).txt" /></ItemGroup></Project>""");
        Write("b/Q/Q.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><None Include="x$(Top).txt" /></ItemGroup></Project>""");
        var p = Read("a/P/P.csproj");
        Assert.That(p.Imports.Select(i => $"{i.Path} <- {i.ImportedBy}"), Is.EqualTo(new[] { "a/Directory.Build.props <- a/P/P.csproj", "Directory.Build.props <- a/Directory.Build.props" }));
        Assert.That(p.ImportChain("Directory.Build.props"), Is.EqualTo("imported by a/Directory.Build.props"));
        Assert.That(p.Items.Single().Files.Exact, Is.EqualTo("a/P/yes.txt"));
        var q = Read("b/Q/Q.csproj");
        Assert.That(q.Imports.Select(i => i.Path), Is.EqualTo(new[] { "b/Directory.Build.props" }));
        Assert.That(q.Items.Single().Files.Exact, Is.EqualTo("b/Q/x.txt"), "Top is not defined for Q: empty, as in MSBuild");
        Assert.That(q.Probes, Does.Contain("b/Q/Directory.Build.props").And.Contain("b/Directory.Build.targets").And.Contain("Directory.Build.targets"));
    }

    [Test]
    public void A_project_on_no_SDK_gets_no_implicit_imports_unless_it_imports_Microsoft_Common()
    {
        Write("Directory.Build.props", "<Project />");
        Write("Directory.Build.targets", "<Project />");
        Write("build/tool.proj", "<Project><Target Name=\"Run\" /></Project>");
        Write("legacy/Old.csproj", """
            <Project>
              <Import Project="$(MSBuildExtensionsPath)\$(MSBuildToolsVersion)\Microsoft.Common.props" />
              <Import Project="$(MSBuildToolsPath)\Microsoft.CSharp.targets" />
            </Project>
            """);
        Assert.That(Read("build/tool.proj").Imports, Is.Empty);
        var old = Read("legacy/Old.csproj");
        Assert.That(old.Imports.Select(i => i.Path), Is.EqualTo(new[] { "Directory.Build.props", "Directory.Build.targets" }));
        Assert.That(old.Imprecisions, Is.Empty, "the SDK's own folders are not reported");
    }

    [Test]
    public void Wildcard_imports_read_every_match_and_environment_variables_are_properties()
    {
        Write("eng/imports/a.props", "<Project><PropertyGroup><A>1</A></PropertyGroup></Project>");
        Write("eng/imports/b.props", "<Project><PropertyGroup><B>2</B></PropertyGroup></Project>");
        Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="../../eng/imports/*.props" />
              <ItemGroup><None Include="$(A)$(B)$(SHARED_DIR)/x.json" /></ItemGroup>
            </Project>
            """);
        var project = Read("src/App/App.csproj", new Dictionary<string, string> { ["SHARED_DIR"] = "/elsewhere" });
        Assert.That(project.Imports.Select(i => i.Path), Is.EqualTo(new[] { "eng/imports/a.props", "eng/imports/b.props" }));
        Assert.That(project.Items.Single().Files.Exact, Is.EqualTo("src/App/12/elsewhere/x.json"), "A and B from the imports, SHARED_DIR from the environment");
    }

    [Test]
    public void Property_functions_that_locate_files()
    {
        Write("global/marker.txt", "x");
        Write("global/sub/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <Marked>$([MSBuild]::GetDirectoryNameOfFileAbove($(MSBuildProjectDirectory), marker.txt))</Marked>
                <Combined>$([System.IO.Path]::Combine($(Marked), 'data', 'file.json'))</Combined>
                <Normal>$([MSBuild]::NormalizeDirectory($(Marked), 'lib'))</Normal>
              </PropertyGroup>
              <ItemGroup>
                <Content Include="$(Combined)" />
                <Content Include="$(Normal)x.cs" />
                <Content Include="$(Marked.Substring(1))/y.cs" />
              </ItemGroup>
            </Project>
            """);
        var project = Read("global/sub/App/App.csproj");
        Assert.That(project.Items.Take(2).Select(i => i.Files.Exact), Is.EqualTo(new[] { "global/data/file.json", "global/lib/x.cs" }));
        Assert.That(project.Items[2].Files.HasUnknown, Is.True);
        Assert.That(project.Imprecisions.Single().Message, Does.Contain("$(Marked.Substring(1))"));
    }

    [Test]
    public void Packages_come_from_the_project_and_its_imports_with_VersionOverride()
    {
        Write("Directory.Build.props", """<Project><ItemGroup><PackageReference Include="Serilog" /><GlobalPackageReference Include="Analyzers" /></ItemGroup></Project>""");
        Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Newtonsoft.Json"><VersionOverride>13.0.3</VersionOverride></PackageReference>
                <PackageReference Update="Serilog" VersionOverride="4.0.0" />
              </ItemGroup>
            </Project>
            """);
        var project = Read("src/App/App.csproj");
        Assert.That(project.Packages, Is.EquivalentTo(new[]
        {
            new PackageUse("Serilog", false), new PackageUse("Analyzers", false), new PackageUse("Newtonsoft.Json", true), new PackageUse("Serilog", true),
        }));
    }

    [Test]
    public void A_traversal_spicetime_wrote_and_an_empty_file_are_not_projects()
    {
        Write("affected.proj", $"<Project><PropertyGroup><{ProjectReader.TraversalMarker}>true</{ProjectReader.TraversalMarker}></PropertyGroup></Project>");
        Write("empty.csproj", string.Empty);
        var reader = new ProjectReader(_root, Array.Empty<string>(), new Dictionary<string, string>());
        Assert.That(reader.Read("affected.proj"), Is.Null);
        Assert.That(reader.Read("empty.csproj"), Is.Null);
        Assert.That(reader.Read("missing.csproj"), Is.Null);
    }

    [Test]
    public void Malformed_XML_gives_what_was_read_before_the_problem()
    {
        Write("src/App/App.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="../Lib/Lib.csproj" /></ItemGroup><Broken""");
        Assert.That(Read("src/App/App.csproj").References, Is.EqualTo(new[] { "src/Lib/Lib.csproj" }));
    }

    [Test]
    public void A_well_known_SDK_keeps_undefined_properties_empty_and_an_unknown_one_makes_them_unknown()
    {
        Write("Directory.Build.props", """
            <Project>
              <PropertyGroup Condition="'$(RepoRootSet)' != 'true'"><RepoRoot>$(MSBuildThisFileDirectory)</RepoRoot></PropertyGroup>
            </Project>
            """);
        Write("a/A.proj", """<Project Sdk="Microsoft.Build.NoTargets/3.7.0"><ItemGroup><None Include="$(RepoRoot)x.txt" /></ItemGroup></Project>""");
        Write("b/B.proj", """<Project Sdk="Some.Other.Sdk/1.0.0"><ItemGroup><None Include="$(RepoRoot)x.txt" /></ItemGroup></Project>""");
        Assert.That(Read("a/A.proj").Items.Single().Files.Exact, Is.EqualTo("x.txt"));
        var other = Read("b/B.proj");
        Assert.That(other.Items.Select(i => i.Files.HasUnknown), Is.EquivalentTo(new[] { false, true }), "RepoRoot may have been set by the SDK: both ways");
        Assert.That(other.Imprecisions.Single().Message, Does.Contain("$(RepoRoot)"));
    }

    [Test]
    public void Folder_functions_and_their_members_are_evaluated()
    {
        Write("src/Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <RepoRoot>$([System.IO.Directory]::GetParent($(MSBuildThisFileDirectory)).Parent.FullName)</RepoRoot>
                <SrcName>$([System.IO.Directory]::GetParent($(MSBuildThisFileDirectory)).Name)</SrcName>
                <Eng>$([MSBuild]::NormalizeDirectory($(RepoRoot), 'eng'))</Eng>
                <Shared>$([System.IO.Path]::GetFullPath($([System.IO.Path]::Combine($(MSBuildThisFileDirectory), '..', 'shared'))))</Shared>
              </PropertyGroup>
            </Project>
            """);
        Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <Compile Include="$(RepoRoot)/shared/a.cs" />
                <None Include="$(Eng)b.txt" />
                <None Include="$(RepoRoot)/$(SrcName)/c.txt" />
                <None Include="$(Shared)/d.txt" />
                <None Include="$([System.IO.Directory]::GetParent($(MSBuildProjectDirectory)).FullName.TrimEnd('/'))/e.txt" />
                <ProjectReference Include="$([System.IO.Directory]::GetParent($(MSBuildProjectDirectory)))/Lib/Lib.csproj" />
              </ItemGroup>
            </Project>
            """);
        var project = Read("src/App/App.csproj");
        Assert.That(project.Imprecisions.Select(d => d.Message), Is.Empty);
        Assert.That(project.Items.Select(i => i.Files.Exact), Is.EqualTo(new[] { "shared/a.cs", "eng/b.txt", "src/c.txt", "shared/d.txt", "src/e.txt" }));
        Assert.That(project.References, Is.EqualTo(new[] { "src/Lib/Lib.csproj" }));
    }

    [Test]
    public void A_property_defined_by_an_expression_the_reader_cannot_evaluate_is_reported_once_at_its_definition()
    {
        Write("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <RepoRoot>$([System.IO.File]::ReadAllText('root.txt').Trim())</RepoRoot>
                <Eng>$(RepoRoot)/eng</Eng>
              </PropertyGroup>
            </Project>
            """);
        Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="$(RepoRoot)/src/Lib/Lib.csproj" />
                <None Include="$(Eng)/shared.json" />
                <None Include="$(SolutionDir)/tools.json" />
              </ItemGroup>
            </Project>
            """);
        var project = Read("src/App/App.csproj");
        Assert.That(project.Imprecisions.Select(d => d.Format(RepositoryPath.Relative(_root, d.File!))), Is.EqualTo(new[]
        {
            "Directory.Build.props(3,5): warning SPT0403: spicetime affected cannot evaluate $([System.IO.File]::ReadAllText('root.txt').Trim()) in the definition of property RepoRoot (a property function the reader does not evaluate); every file, project or import a path built from $(RepoRoot) may name counts",
            "src/App/App.csproj(5,5): warning SPT0403: spicetime affected cannot evaluate $(SolutionDir) in None '$(SolutionDir)/tools.json' (the .NET SDK, MSBuild or the command line defines it; no file of the folder does); every file it may name counts as an input (pattern ^(?:.*/)?tools\\.json$)",
        }));
    }

    [Test]
    public void IsTestProject_is_empty_in_Directory_Build_props_and_set_from_the_project_body_on_by_the_project_or_Microsoft_NET_Test_Sdk()
    {
        Write("Directory.Build.props", """
            <Project>
              <PropertyGroup Condition="'$(IsTestProject)' == 'true'"><SeenInProps>yes</SeenInProps></PropertyGroup>
              <ItemGroup Condition="'$(IsTestProject)' == 'true'">
                <PackageReference Include="Microsoft.NET.Test.Sdk" />
                <None Include="$(MSBuildThisFileDirectory)test.runsettings" />
              </ItemGroup>
              <ItemGroup><None Include="props-$(SeenInProps).txt" /></ItemGroup>
            </Project>
            """);
        Write("src/Lib/Lib.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        Write("tests/Named/Named.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup></Project>""");
        Write("tests/Package/Package.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup Condition="'$(IsTestProject)' == 'true'"><Kind>test</Kind></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" />
                <None Include="$(Kind).json" />
              </ItemGroup>
            </Project>
            """);
        Write("tests/Sdk/Sdk.csproj", """<Project Sdk="MSTest.Sdk/3.6.0" />""");

        var lib = Read("src/Lib/Lib.csproj");
        Assert.That(lib.Packages, Is.Empty, "a plain project is no test project: IsTestProject is empty");
        Assert.That(lib.Items.Select(i => i.Files.Exact), Is.EqualTo(new[] { "src/Lib/props-.txt" }));
        Assert.That(lib.Imprecisions, Is.Empty);

        var named = Read("tests/Named/Named.csproj");
        Assert.That(named.Packages.Select(p => p.Id), Is.EqualTo(new[] { "Microsoft.NET.Test.Sdk" }));
        Assert.That(named.Items.Select(i => i.Files.Exact), Is.EqualTo(new[] { "test.runsettings", "tests/Named/props-.txt" }),
            "items take the final value; Directory.Build.props' own properties see it empty (the project body comes later)");

        var package = Read("tests/Package/Package.csproj");
        Assert.That(package.Items.Select(i => i.Files.Exact), Is.EqualTo(new[] { "test.runsettings", "tests/Package/props-.txt", "tests/Package/test.json" }),
            "Microsoft.NET.Test.Sdk's build props set it right after Directory.Build.props");

        var sdk = Read("tests/Sdk/Sdk.csproj");
        Assert.That(sdk.Items.Select(i => i.Files.Exact), Is.EqualTo(new[] { "test.runsettings", "tests/Sdk/props-.txt" }), "MSTest.Sdk may set it: both ways");
    }

    [Test]
    public void An_FSharp_project_takes_no_default_Compile_or_None_items()
    {
        Write("src/F/F.fsproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><Compile Include="Program.fs" /></ItemGroup></Project>""");
        Write("src/G/G.fsproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><EnableDefaultNoneItems>true</EnableDefaultNoneItems></PropertyGroup></Project>""");
        Write("src/W/W.fsproj", """<Project Sdk="Microsoft.NET.Sdk.Web" />""");
        Write("src/C/C.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        Assert.That(Read("src/F/F.fsproj").DefaultItemExtensions, Is.EqualTo(new[] { ".resx" }));
        Assert.That(Read("src/G/G.fsproj").DefaultItemExtensions, Is.Null, "None items turned back on take every file");
        Assert.That(Read("src/W/W.fsproj").DefaultItemExtensions, Is.Null, "the web SDK's Content items");
        Assert.That(Read("src/C/C.csproj").DefaultItemExtensions, Is.Null);
    }
}
