using Spicetime.Tree.Affected;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Tests.Affected;

/// <summary>
/// Transitive pinning set outside Directory.Packages.props (ardalis/CleanArchitecture sets it in Directory.Build.props):
/// a central version bump still pins what every project only gets transitively.
/// </summary>
public class CentralPinningTests : BuildFolderTests
{
    private const string Versions = """
        <Project>
          <ItemGroup>
            <PackageVersion Include="MailKit" Version="4.16.0" />
            <PackageVersion Include="Serilog" Version="4.0.0" />
          </ItemGroup>
        </Project>
        """;

    private AffectedResult BumpMailKit(string pinning)
    {
        Write("tree.json", """{"root": {"branch": "main"}}""");
        Write("Directory.Build.props", $"<Project><PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>{pinning}</PropertyGroup></Project>");
        Write("Directory.Packages.props", Versions.Replace("4.16.0", "4.17.0", StringComparison.Ordinal));
        Write("src/Mail/Mail.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="MailKit" /></ItemGroup></Project>""");
        Write("src/Logs/Logs.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Serilog" /></ItemGroup></Project>""");
        var tree = TreeFile.Load(Path.Combine(_root, "tree.json")).Tree!;
        var changes = new ChangeSet(new[] { "Directory.Packages.props" },
            f => f == "Directory.Packages.props" ? System.Text.Encoding.UTF8.GetBytes(Versions) : null,
            f => File.ReadAllBytes(Path.Combine(_root, f)));
        return AffectedAnalyzer.Analyze(tree, tree, changes, ProjectScanner.Discover(_root));
    }

    [Test]
    public void Pinning_set_in_Directory_Build_props_makes_a_bump_affect_projects_without_a_restore_to_read()
    {
        var pinned = BumpMailKit("<CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled>");
        Assert.That(pinned.Projects.Select(p => p.Name), Is.EqualTo(new[] { "src/Logs/Logs.csproj", "src/Mail/Mail.csproj" }));
        Assert.That(pinned.Projects[0].Reasons.Single().ToString(), Does.EndWith("(transitive pinning, and no obj/project.assets.json says what it restores)"));
    }

    [Test]
    public void Without_pinning_only_the_project_that_uses_the_package_is_affected()
    {
        Assert.That(BumpMailKit(string.Empty).Projects.Select(p => p.Name), Is.EqualTo(new[] { "src/Mail/Mail.csproj" }));
        Assert.That(BumpMailKit("<CentralPackageTransitivePinningEnabled>$(SomethingUnknown)</CentralPackageTransitivePinningEnabled>").Projects, Has.Count.EqualTo(1),
            "an empty property is not true");
    }
}
