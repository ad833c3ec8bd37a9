using static Spicetime.Sdk.Tests.ProjectKinds;

namespace Spicetime.Sdk.Tests;

/// <summary>
/// Every kind of project gets what the plain form gives (packages, properties, the fork's version in the assembly and the
/// package) beside its own SDK and with no project edits, with no SDK imported twice and nothing another SDK builds dropped.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class ProjectKindsTests
{
    [TestCase(Form.BesideItsSdk)]
    [TestCase(Form.NoProjectEdits)]
    public void Every_kind_of_project_gets_its_fork_and_its_version(Form form)
    {
        var repo = Create($"kinds-{form}", form);
        var build = repo.Dotnet("build", "Kinds.slnx").ShouldSucceed();
        Assert.That(build.Output, Does.Not.Contain("MSB4011"), "no SDK is imported twice");
        Assert.That(build.Output, Does.Not.Contain("SPT0"));

        var evaluations = repo.Evaluate(All.Select(k => k.Path).ToList(), new[] { "SpicetimeBranch", "SpicetimeKindMarker", "Version", "UsingSpicetimeSdk" }, new[] { "PackageReference" });
        foreach (var kind in All)
        {
            var evaluation = evaluations[kind.Path];
            Assert.That(evaluation.Property("SpicetimeBranch"), Is.EqualTo("feature-b"), kind.Sdk);
            Assert.That(evaluation.Property("SpicetimeKindMarker"), Is.EqualTo("core"), kind.Sdk);
            var humanizer = evaluation.Item("PackageReference", "Humanizer.Core");
            Assert.That(humanizer?["Version"], Is.EqualTo("2.14.1"), kind.Sdk);
            Assert.That(humanizer?["SpicetimeNode"], Is.EqualTo("release"), kind.Sdk);
            var version = evaluation.Property("Version");
            Assert.That(version, Does.Match(@"^3\.1\.0-feature-b\.\d+$"), $"{kind.Sdk}: the fork's version");
            if (kind.BuildsAssembly)
            {
                var (informational, _) = ReadAssembly(repo.PathOf(kind.Assembly));
                Assert.That(informational, Does.StartWith(version + "+"), $"{kind.Sdk}: the fork's version in the assembly");
            }
        }

        Assert.That(ReadAssembly(repo.PathOf(Razor.Assembly)).Types, Does.Contain("Ui.Hello"), "the Razor component is compiled");
        Assert.That(File.ReadAllText(repo.PathOf("forks/b/Ui/obj/Debug/net10.0/staticwebassets.build.json")), Does.Contain("ui.css"), "the static web assets are kept");
        Assert.That(ReadAssembly(repo.PathOf(Wasm.Assembly)).Types, Does.Contain("Wasm.App"), "the WebAssembly app's component is compiled");

        var webVersion = evaluations[Web.Path].Property("Version");
        repo.Dotnet("pack", Web.Path, "-o", repo.PathOf("out")).ShouldSucceed();
        Assert.That(File.Exists(repo.PathOf($"out/Web.{webVersion}.nupkg")), Is.True, "the Web app packs as the fork's version");

        var test = repo.Dotnet("test", "--project", MSTest.Path).ShouldSucceed();
        Assert.That(test.Output, Does.Match(@"total:\s*1\b").And.Match(@"succeeded:\s*1\b"), "MSTest.Sdk's test ran, and passed with the fork's package");
    }

    [Test]
    public void The_wrapping_form_on_a_Razor_project_is_an_error_naming_the_form_to_use()
    {
        var repo = new ConsumerRepo("razor-wrapped").Write("tree.json", TreeJson);
        repo.Project("forks/b/Ui/Ui.csproj", """<ItemGroup><FrameworkReference Include="Microsoft.AspNetCore.App" /></ItemGroup>""");
        repo.Write("forks/b/Ui/Hello.razor", "<h1>Hello</h1>\n");
        var build = repo.Dotnet("build", "forks/b/Ui/Ui.csproj");
        Assert.That(build.ExitCode, Is.Not.EqualTo(0), build.ToString());
        Assert.That(build.Output, Does.Contain("error SPT0302").And.Contain("Hello.razor").And.Contain("Sdk=\"Microsoft.NET.Sdk.Razor\""));

        var web = new ConsumerRepo("web-wrapped").Write("tree.json", TreeJson);
        web.Project("src/Site/Site.csproj");
        web.Write("src/Site/wwwroot/site.css", "body { }\n");
        var webBuild = web.Dotnet("build", "src/Site/Site.csproj");
        Assert.That(webBuild.Output, Does.Contain("error SPT0302").And.Contain("wwwroot").And.Contain("Microsoft.NET.Sdk.Web"), webBuild.ToString());
    }

    [Test]
    public void A_replaced_version_hook_is_an_error_not_a_lost_version()
    {
        var repo = new ConsumerRepo("hook-replaced").Write("tree.json", TreeJson);
        repo.Project("forks/b/Lib/Lib.csproj", "<PropertyGroup><BeforeMicrosoftNETSdkTargets>$(MSBuildProjectDirectory)/mine.targets</BeforeMicrosoftNETSdkTargets></PropertyGroup>");
        repo.Write("forks/b/Lib/mine.targets", "<Project />");
        var build = repo.Dotnet("build", "forks/b/Lib/Lib.csproj");
        Assert.That(build.ExitCode, Is.Not.EqualTo(0), build.ToString());
        Assert.That(build.Output, Does.Contain("error SPT0304").And.Contain("BeforeMicrosoftNETSdkTargets"));
    }
}
