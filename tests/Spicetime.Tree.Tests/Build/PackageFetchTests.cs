using System.IO.Compression;
using Spicetime.Tree.Build;

namespace Spicetime.Tree.Tests.Build;

/// <summary>
/// The fetch that lets the central pin check read an override's package on the first restore: NuGet's own restore of a
/// PackageDownload project in a child dotnet, with the project's NuGet settings, against a real (folder) feed.
/// </summary>
public class PackageFetchTests : BuildFolderTests
{
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private void Feed(string id, string version)
    {
        var feed = Path.Combine(_root, "feed");
        Directory.CreateDirectory(feed);
        using var zip = ZipFile.Open(Path.Combine(feed, $"{id}.{version}.nupkg"), ZipArchiveMode.Create);
        using var writer = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open());
        writer.Write($"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>{id}</id><version>{version}</version><authors>t</authors><description>t</description>
                <dependencies><group targetFramework="net8.0"><dependency id="Pinned" version="2.0.0" /></group></dependencies></metadata>
            </package>
            """);
    }

    private Dictionary<string, string> Settings()
    {
        // NuGet.Config in the folder the project's restore reads it from; only the local feed.
        Write("settings/NuGet.Config", $"""
            <configuration><packageSources><clear /><add key="local" value="{Path.Combine(_root, "feed")}" /></packageSources></configuration>
            """);
        return new Dictionary<string, string> { ["RestorePackagesPath"] = Path.Combine(_root, "packages") };
    }

    [Test]
    public void The_packages_land_in_the_global_packages_folder_with_their_nuspec()
    {
        Feed("Fork.Logging", "10.0.0");
        var outcome = PackageFetch.Run(DotnetHost, Path.Combine(_root, "obj", "fetch"), Path.Combine(_root, "settings"),
            new[] { new PendingPackage("Fork.Logging", "10.0.0") }, "net10.0", Settings(), TimeSpan.FromMinutes(3));

        Assert.That(outcome.Succeeded, Is.True, outcome.Output);
        var nuspec = CentralPinCheck.NuspecPath(Path.Combine(_root, "packages"), "Fork.Logging", NuGet.Versioning.NuGetVersion.Parse("10.0.0"));
        Assert.That(File.Exists(nuspec), Is.True, "the pin check reads it from there");
        Assert.That(CentralPinCheck.Dependencies(nuspec, new[] { NuGet.Frameworks.NuGetFramework.Parse("net10.0") }).Single().Id, Is.EqualTo("Pinned"));
        Assert.That(GlobalPackagesFolder.FromAssetsFile(PackageFetch.AssetsFile(Path.Combine(_root, "obj", "fetch")))?.TrimEnd('/', '\\'),
            Is.EqualTo(Path.Combine(_root, "packages")), "the restore recorded the folder it used");
    }

    [Test]
    public void The_global_packages_folder_is_chosen_in_NuGets_order()
    {
        var assets = Write("obj/project.assets.json", """{"version": 3, "packageFolders": {"/from/config/": {}, "/fallback/": {}}}""");
        Assert.That(GlobalPackagesFolder.Resolve("/property", "/environment", new[] { assets }), Is.EqualTo("/property"));
        Assert.That(GlobalPackagesFolder.Resolve("", "/environment", new[] { assets }), Is.EqualTo("/environment"));
        Assert.That(GlobalPackagesFolder.Resolve(null, null, new[] { Path.Combine(_root, "none.json"), assets }), Is.EqualTo("/from/config/"));
        Assert.That(GlobalPackagesFolder.Resolve(null, null, new[] { Write("broken.json", "{") }),
            Is.EqualTo(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")));
    }

    [Test]
    public void A_package_no_source_has_is_a_failed_outcome_with_NuGets_reason_not_an_exception()
    {
        Feed("Fork.Logging", "10.0.0");
        var outcome = PackageFetch.Run(DotnetHost, Path.Combine(_root, "obj", "fetch"), Path.Combine(_root, "settings"),
            new[] { new PendingPackage("Fork.Logging", "11.0.0") }, "net10.0", Settings(), TimeSpan.FromMinutes(3));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(outcome.Output, Does.Contain("NU1102").Or.Contain("NU1101"));
    }

    [Test]
    public void The_project_escapes_what_it_writes_and_the_child_never_imports_the_repository()
    {
        var text = PackageFetch.ProjectText(new[] { new PendingPackage("A&B", "1.0.0") }, "net10.0");
        Assert.That(text, Does.Contain("<PackageDownload Include=\"A&amp;B\" Version=\"[1.0.0]\" />"));
        System.Xml.Linq.XDocument.Parse(text);

        var arguments = PackageFetch.Arguments("p.csproj", "/repo/src/App", new Dictionary<string, string> { ["RestoreSources"] = "a;b", ["RestoreConfigFile"] = "" });
        Assert.That(arguments, Does.Contain("-p:ImportDirectoryBuildProps=false").And.Contain("-p:ImportDirectoryPackagesProps=false")
            .And.Contain("-p:SpicetimeEnabled=false").And.Contain("-p:RestoreRootConfigDirectory=/repo/src/App")
            .And.Contain("-p:RestoreSources=a%3Bb"));
        Assert.That(arguments.Any(a => a.StartsWith("-p:RestoreConfigFile", StringComparison.Ordinal)), Is.False, "an empty setting stays NuGet's default");
    }
}
