namespace Spicetime.Sdk.Tests;

/// <summary>After restore, each project's packages, properties and project references are evaluation-time items and properties.</summary>
public class InjectionTests
{
    [Test]
    public void Each_fork_gets_exactly_what_it_inherits()
    {
        var repo = ForkTree.Create("inject");
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        repo.Dotnet("build", ForkTree.Api).ShouldSucceed();

        var web = repo.Evaluate(ForkTree.Web,
            new[] { "SpicetimeBranch", "SpicetimeScopes", "SpicetimeTreeFile", "ThemeName", "Nullable", "TreatWarningsAsErrors", "UsingSpicetimeSdk" },
            new[] { "PackageReference", "ProjectReference" });
        Assert.That(web.Property("SpicetimeBranch"), Is.EqualTo("feature-A"));
        Assert.That(web.Property("SpicetimeScopes"), Is.EqualTo("core;infra;frontend"));
        Assert.That(web.Property("SpicetimeTreeFile"), Is.EqualTo(repo.PathOf("tree.json")));
        Assert.That(web.Property("ThemeName"), Is.EqualTo("dark"));
        Assert.That(web.Property("Nullable"), Is.EqualTo("enable"));
        Assert.That(web.Property("TreatWarningsAsErrors"), Is.EqualTo("true"));
        Assert.That(web.Property("UsingSpicetimeSdk"), Is.EqualTo("true"));

        var json = web.Item("PackageReference", "Newtonsoft.Json")!;
        Assert.That(json["Version"], Is.EqualTo("13.0.3"));
        Assert.That(json["SpicetimeScope"], Is.EqualTo("core"));
        Assert.That(json["SpicetimeNode"], Is.EqualTo("feature-A"), "set by feature-A's override");
        Assert.That(web.Item("PackageReference", "Serilog")!["SpicetimeNode"], Is.EqualTo("release"));
        Assert.That(web.Item("PackageReference", "Polly"), Is.Null);
        var core = web.Items("ProjectReference").Single();
        Assert.That(core["FullPath"], Is.EqualTo(repo.PathOf(ForkTree.Core)));
        Assert.That(core["SpicetimeScope"], Is.EqualTo("core"));

        var api = repo.Evaluate(ForkTree.Api, new[] { "SpicetimeBranch", "SpicetimeScopes", "Nullable" }, new[] { "PackageReference", "ProjectReference" });
        Assert.That(api.Property("SpicetimeScopes"), Is.EqualTo("infra;backend"));
        Assert.That(api.Property("Nullable"), Is.Empty, "feature-B does not inherit core");
        Assert.That(api.Items("PackageReference").Select(i => i["Identity"]), Is.EquivalentTo(new[] { "Serilog", "Polly" }));
        Assert.That(api.Items("ProjectReference"), Is.Empty);

        Assert.That(repo.RestoredPackages(ForkTree.Web)["Newtonsoft.Json"], Is.EqualTo("13.0.3"));
        Assert.That(repo.RestoredPackages(ForkTree.Api).ContainsKey("Newtonsoft.Json"), Is.False);
        Assert.That(repo.RestoredPackages(ForkTree.Api)["Polly"], Is.EqualTo("8.4.2"));
        Assert.That(repo.RestoredPackages(ForkTree.Core)["Newtonsoft.Json"], Is.EqualTo("13.0.1"), "Core belongs to the root");
    }

    [Test]
    public void The_project_file_wins_over_the_tree_without_NU1504()
    {
        var repo = ForkTree.Create("project-wins");
        repo.Project(ForkTree.Web, """
              <PropertyGroup><ThemeName>project</ThemeName></PropertyGroup>
              <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.3" NoWarn="NU1605" /></ItemGroup>
            """);
        repo.Write("forks/feature-a/Web/Code.cs", "namespace Web; public static class Page { }");
        var build = repo.Dotnet("build", ForkTree.Web, "-warnaserror").ShouldSucceed();
        Assert.That(build.Output, Does.Not.Contain("NU1504"));
        var web = repo.Evaluate(ForkTree.Web, new[] { "ThemeName" }, new[] { "PackageReference" });
        Assert.That(web.Property("ThemeName"), Is.EqualTo("project"));
        var json = web.Items("PackageReference").Where(i => i["Identity"] == "Newtonsoft.Json").ToList();
        Assert.That(json, Has.Count.EqualTo(1));
        Assert.That(json[0].ContainsKey("SpicetimeNode") ? json[0]["SpicetimeNode"] : "", Is.Empty, "the project's own item, not the injected one");
        Assert.That(json[0]["NoWarn"], Is.EqualTo("NU1605"));
    }

    [Test]
    public void Central_package_management_gets_versions_as_package_versions_and_respects_VersionOverride()
    {
        var repo = ForkTree.Create("cpm");
        repo.Write("Directory.Packages.props", """
            <Project>
              <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="Newtonsoft.Json" Version="12.0.3" />
                <PackageVersion Include="Serilog" Version="4.2.0" />
              </ItemGroup>
            </Project>
            """);
        repo.Project(ForkTree.Api, """<ItemGroup><PackageReference Include="Serilog" VersionOverride="4.2.0" /></ItemGroup>""");
        repo.Write("forks/feature-b/Api/Code.cs", "namespace Api; public static class Retry { }");
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        repo.Dotnet("build", ForkTree.Api).ShouldSucceed();

        var web = repo.Evaluate(ForkTree.Web, new[] { "ManagePackageVersionsCentrally" }, new[] { "PackageReference", "PackageVersion" });
        Assert.That(web.Item("PackageReference", "Newtonsoft.Json")!.GetValueOrDefault("Version", ""), Is.Empty, "CPM: no Version on PackageReference");
        Assert.That(web.Items("PackageVersion").Where(v => v["Identity"] == "Newtonsoft.Json").Select(v => v["Version"]), Is.EqualTo(new[] { "13.0.3" }));
        Assert.That(repo.RestoredPackages(ForkTree.Web)["Newtonsoft.Json"], Is.EqualTo("13.0.3"), "the fork's version wins over Directory.Packages.props");
        Assert.That(repo.RestoredPackages(ForkTree.Web)["Serilog"], Is.EqualTo("4.0.0"));
        Assert.That(repo.RestoredPackages(ForkTree.Api)["Serilog"], Is.EqualTo("4.2.0"), "VersionOverride wins");
    }

    [Test]
    public void A_scope_project_never_references_itself()
    {
        var repo = ForkTree.Create("self");
        repo.Dotnet("build", ForkTree.Core).ShouldSucceed();
        var core = repo.Evaluate(ForkTree.Core, new[] { "SpicetimeBranch" }, new[] { "ProjectReference", "PackageReference" });
        Assert.That(core.Property("SpicetimeBranch"), Is.EqualTo("release"));
        Assert.That(core.Items("ProjectReference"), Is.Empty);
        Assert.That(core.Item("PackageReference", "Newtonsoft.Json")!["Version"], Is.EqualTo("13.0.1"));
    }

    [Test]
    public void SpicetimeEnabled_false_turns_it_off()
    {
        var repo = ForkTree.Create("disabled");
        repo.Project(ForkTree.Api, "<PropertyGroup><SpicetimeEnabled>false</SpicetimeEnabled></PropertyGroup>", "namespace Api; public static class Retry { }");
        repo.Dotnet("build", ForkTree.Api).ShouldSucceed();
        var api = repo.Evaluate(ForkTree.Api, new[] { "SpicetimeScopes", "TreatWarningsAsErrors" }, new[] { "PackageReference" });
        Assert.That(api.Items("PackageReference"), Is.Empty);
        Assert.That(api.Property("SpicetimeScopes"), Is.Empty);
        Assert.That(api.Property("TreatWarningsAsErrors"), Is.Not.EqualTo("true"));
        Assert.That(File.Exists(repo.PathOf("forks/feature-b/Api/obj/spicetime.Api.csproj.g.props")), Is.False);
    }

    [Test]
    public void Dotnet_list_package_and_pack_see_the_injected_packages()
    {
        var repo = ForkTree.Create("pack");
        repo.Dotnet("build", ForkTree.Api).ShouldSucceed();
        var list = repo.Dotnet("list", ForkTree.Api, "package").ShouldSucceed();
        Assert.That(list.Output, Does.Match(@"> Polly\s+8\.4\.2").And.Match(@"> Serilog\s+4\.0\.0"));

        repo.Dotnet("pack", ForkTree.Api, "-o", repo.PathOf("out"), "-p:PackageVersion=2.0.0").ShouldSucceed();
        using var package = System.IO.Compression.ZipFile.OpenRead(repo.PathOf("out/Api.2.0.0.nupkg"));
        using var reader = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec")).Open());
        var nuspec = reader.ReadToEnd();
        Assert.That(nuspec, Does.Contain("id=\"Polly\" version=\"8.4.2\"").And.Contain("id=\"Serilog\" version=\"4.0.0\""));
        Assert.That(nuspec, Does.Not.Contain("Newtonsoft"));
    }
}
