using System.Reflection;

namespace Spicetime.Sdk.Tests;

/// <summary>
/// Packs Spicetime.Sdk once per test run into a temporary feed, with a version unique to the run (so that no
/// NuGet cache serves an older build), and gives the consumer repositories of the run their own NUGET_PACKAGES folder.
/// </summary>
[SetUpFixture]
public sealed class SdkPackage
{
    public static string RepositoryRoot { get; } = typeof(SdkPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SpicetimeRepoRoot").Value!;

    public static string WorkRoot { get; } = Path.Combine(Path.GetTempPath(), "spicetime-sdk-tests", DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "-" + Environment.ProcessId);

    public static string Feed { get; } = Path.Combine(WorkRoot, "feed");

    public static string PackagesFolder { get; } = Path.Combine(WorkRoot, "nuget-packages");

    public static string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    [OneTimeSetUp]
    public void Pack()
    {
        Directory.CreateDirectory(Feed);
        // The pack restores into the packages folder the solution's own build used (the caller's NUGET_PACKAGES, else
        // NuGet's default; an empty value is no value to NuGet), not the run's: there project.assets.json and
        // nuget.g.props stay as that build wrote them, so the pack packs what it compiled instead of compiling
        // Spicetime.Sdk and Spicetime.Tree again, and leaves no obj/ naming a folder the run deletes.
        DotnetRun.Run("dotnet", RepositoryRoot, new[]
        {
            "pack", Path.Combine("src", "Spicetime.Sdk", "Spicetime.Sdk.csproj"), "-c", "Release", "-o", Feed,
            $"-p:PackageVersion={Version}", "-nodeReuse:false",
        }, new Dictionary<string, string> { ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? "" }).ShouldSucceed();
        Assert.That(File.Exists(Path.Combine(Feed, $"Spicetime.Sdk.{Version}.nupkg")), Is.True);
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        // The C# compiler server the run's builds started (DotnetRun) ends with the run instead of idling on.
        DotnetRun.Run("dotnet", RepositoryRoot, new[] { "build-server", "shutdown", "--vbcscompiler" });
        if (Environment.GetEnvironmentVariable("SPICETIME_KEEP_TEST_REPOS") == "1")
        {
            TestContext.Progress.WriteLine($"Kept the test repositories in {WorkRoot} (SPICETIME_KEEP_TEST_REPOS=1)");
            return;
        }

        try
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned by the system later.
        }
    }
}
