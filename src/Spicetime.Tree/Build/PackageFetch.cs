using System.Diagnostics;
using System.Security;
using System.Text;

namespace Spicetime.Tree.Build;

/// <summary>A package the central pin check needs to read and the global packages folder does not hold yet.</summary>
public sealed record PendingPackage(string Id, string Version)
{
    public override string ToString() => $"{Id} {Version}";
}

/// <summary>
/// Brings packages into the global packages folder with NuGet's own restore, so that the central pin check (SPT0305)
/// can read what a fork's override depends on before the project's restore fails on it. A small project of
/// <c>PackageDownload</c> items is restored in a child <c>dotnet restore</c> whose output is kept, not logged: the
/// project's own restore reports a package that cannot be fetched, once. The child sees the same NuGet settings as the
/// project (its folder decides NuGet.Config; its restore properties are passed on) and nothing of the repository's
/// Directory.Build.* or central versions, so Spicetime never runs inside it.
/// </summary>
public static class PackageFetch
{
    public sealed record Outcome(bool Succeeded, string ProjectFile, string Output);

    /// <summary>Where the fetch's restore records what it did (among it, the global packages folder it used).</summary>
    public static string AssetsFile(string folder) => Path.Combine(folder, "obj", "project.assets.json");

    /// <summary>The project NuGet restores: one PackageDownload per package, no framework references to fetch.</summary>
    public static string ProjectText(IReadOnlyList<PendingPackage> packages, string targetFramework)
    {
        var text = new StringBuilder();
        text.Append("<!-- Written by Spicetime: the packages the central pin check reads (docs/errors.md#spt0305). -->\n");
        text.Append("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n");
        text.Append("    <TargetFramework>").Append(SecurityElement.Escape(targetFramework)).Append("</TargetFramework>\n");
        text.Append("    <DisableImplicitFrameworkReferences>true</DisableImplicitFrameworkReferences>\n");
        text.Append("    <NuGetAudit>false</NuGetAudit>\n  </PropertyGroup>\n  <ItemGroup>\n");
        foreach (var package in packages)
        {
            text.Append("    <PackageDownload Include=\"").Append(SecurityElement.Escape(package.Id))
                .Append("\" Version=\"[").Append(SecurityElement.Escape(package.Version)).Append("]\" />\n");
        }

        text.Append("  </ItemGroup>\n</Project>\n");
        return text.ToString();
    }

    /// <summary>The properties given to the child restore: the project's own NuGet settings, nothing of the repository's imports.</summary>
    public static IReadOnlyList<string> Arguments(string projectFile, string settingsDirectory, IReadOnlyDictionary<string, string> restoreProperties)
    {
        var arguments = new List<string>
        {
            "restore", projectFile, "-nologo", "-v:q", "-nr:false", "--disable-build-servers",
            "-p:ImportDirectoryBuildProps=false", "-p:ImportDirectoryBuildTargets=false",
            "-p:ImportDirectoryPackagesProps=false", "-p:ManagePackageVersionsCentrally=false",
            "-p:SpicetimeEnabled=false", "-p:UseArtifactsOutput=false",
            $"-p:RestoreRootConfigDirectory={settingsDirectory}",
        };
        foreach (var property in restoreProperties.Where(p => !string.IsNullOrWhiteSpace(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // A semicolon separates values in -p; %3B keeps a list (RestoreSources) one property.
            arguments.Add($"-p:{property.Key}={property.Value.Replace(";", "%3B")}");
        }

        return arguments;
    }

    /// <summary>
    /// Writes the project under <paramref name="folder"/> and restores it with <paramref name="dotnetHost"/> (the
    /// running SDK's dotnet). Never throws: a fetch that fails leaves the check pending and NuGet's restore says why.
    /// </summary>
    public static Outcome Run(string dotnetHost, string folder, string settingsDirectory, IReadOnlyList<PendingPackage> packages,
        string targetFramework, IReadOnlyDictionary<string, string> restoreProperties, TimeSpan timeout)
    {
        // Not *.csproj: a traversal that globs **/*.csproj (obj/ included) must never take it for a project of the repository.
        var projectFile = Path.Combine(folder, "spicetime-fetch.msbuild");
        try
        {
            Directory.CreateDirectory(folder);
            GeneratedFile.WriteIfChanged(projectFile, ProjectText(packages, targetFramework));
            var start = new ProcessStartInfo(dotnetHost)
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in Arguments(projectFile, settingsDirectory, restoreProperties))
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["MSBUILDTERMINALLOGGER"] = "off";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                    // It ended meanwhile.
                }

                return new Outcome(false, projectFile, $"no answer within {timeout.TotalSeconds:0} s");
            }

            process.WaitForExit();
            return new Outcome(process.ExitCode == 0, projectFile, (output.Result + error.Result).Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new Outcome(false, projectFile, e.Message);
        }
    }
}
