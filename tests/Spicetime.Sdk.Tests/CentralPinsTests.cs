namespace Spicetime.Sdk.Tests;

/// <summary>
/// Central Package Management with transitive pinning and a fork's override that needs newer transitive packages than
/// the central file pins: SPT0305 at the override, naming the pin and what to add, instead of NuGet's bare NU1109; the
/// parent keeps its pins.
/// </summary>
public class CentralPinsTests
{
    private const string Tree = """
        {
          "scopes": { "logging": { "packages": { "Microsoft.Extensions.Logging": "8.0.0" } } },
          "root": {
            "branch": "release", "scopes": ["logging"],
            "children": [
              { "branch": "feature-b", "path": "forks/b",
                "overrides": [ { "packages": { "Microsoft.Extensions.Logging": "10.0.0" }, "breaking": true } ] }
            ]
          }
        }
        """;

    [Test]
    public void An_override_that_needs_newer_pinned_packages_is_SPT0305_and_the_advice_fixes_it_without_moving_the_pins()
    {
        var repo = new ConsumerRepo("central-pins").Write("tree.json", Tree);
        repo.Write("Directory.Packages.props", """
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                <CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled>
              </PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="Microsoft.Extensions.Logging.Abstractions" Version="8.0.0" />
              </ItemGroup>
            </Project>
            """);
        repo.Project("src/App/App.csproj", code: "namespace App; public static class Log { public static object F() => new Microsoft.Extensions.Logging.LoggerFactory(); }");
        repo.Project("forks/b/App/App.csproj", code: "namespace App; public static class Log { public static object F() => new Microsoft.Extensions.Logging.LoggerFactory(); }");

        // A global packages folder of its own, named by NuGet.config (as many repositories do; no NUGET_PACKAGES): the
        // override's package is not there yet, as on the day a fork overrides.
        repo.Write("NuGet.config", repo.Read("NuGet.config").Replace("</configuration>",
            "  <config><add key=\"globalPackagesFolder\" value=\"packages\" /></config>\n</configuration>", StringComparison.Ordinal));
        var packages = new Dictionary<string, string> { ["NUGET_PACKAGES"] = "" };
        var first = repo.Dotnet(packages, "build", "forks/b/App/App.csproj", "-v:n");
        Assert.That(first.ExitCode, Is.Not.EqualTo(0), first.ToString());
        var line = System.Text.RegularExpressions.Regex.Replace(first.Output.Split('\n').First(l => l.Contains("error SPT0305", StringComparison.Ordinal)), @"^\s*\d+>", "");
        Assert.That(line, Does.StartWith($"{repo.PathOf("tree.json")}(7,"), "at the override in tree.json");
        Assert.That(line, Does.Contain("Microsoft.Extensions.Logging 10.0.0 (feature-b inline override")
            .And.Contain("needs Microsoft.Extensions.Logging.Abstractions (>= 10.0.0)")
            .And.Contain("Directory.Packages.props(7,6) pins Microsoft.Extensions.Logging.Abstractions 8.0.0")
            .And.Contain("Add \"Microsoft.Extensions.Logging.Abstractions\": \"10.0.0\""));
        Assert.That(first.Output, Does.Contain("Spicetime: fetched Microsoft.Extensions.Logging 10.0.0 to check it against the central pins"),
            "the first restore fetched the override to read it");
        Assert.That(first.Output, Does.Not.Contain("error NU1109"), "stopped before NuGet restored");
        Assert.That(File.Exists(repo.PathOf("packages/microsoft.extensions.logging/10.0.0/microsoft.extensions.logging.nuspec")), Is.True,
            "fetched into the folder NuGet.config names");
        Assert.That(first.Output.Split('\n').Count(l => l.Contains("error ", StringComparison.Ordinal) && !l.Contains("SPT0305", StringComparison.Ordinal)), Is.EqualTo(0), first.Output);

        repo.Write("tree.json", Tree.Replace("""{ "Microsoft.Extensions.Logging": "10.0.0" }""",
            """{ "Microsoft.Extensions.Logging": "10.0.0", "Microsoft.Extensions.Logging.Abstractions": "10.0.0" }""", StringComparison.Ordinal));
        repo.Dotnet(packages, "build", "forks/b/App/App.csproj").ShouldSucceed();
        repo.Dotnet(packages, "build", "src/App/App.csproj").ShouldSucceed();
        Assert.That(repo.RestoredPackages("forks/b/App/App.csproj")["Microsoft.Extensions.Logging.Abstractions"], Is.EqualTo("10.0.0"));
        Assert.That(repo.RestoredPackages("src/App/App.csproj")["Microsoft.Extensions.Logging.Abstractions"], Is.EqualTo("8.0.0"), "the parent keeps its pin");
        Assert.That(repo.Read("Directory.Packages.props"), Does.Contain("Abstractions\" Version=\"8.0.0\""));
    }
}
