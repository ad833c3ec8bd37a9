using System.Diagnostics;

namespace Spicetime.Tree.Cache.Status;

/// <summary>
/// Asks the build for every project's compile key and cache answer without compiling (<c>spicetime cache status</c> and
/// <c>explain</c>): one child <c>dotnet msbuild -restore -t:SpicetimeCacheStatus</c> of a project or solution, with
/// referenced projects not built (their reference assemblies' hashes come from their own answers), each project writing
/// its <see cref="CacheStatusResult"/> to a temporary folder that is read back and removed.
/// </summary>
public static class CacheStatusRun
{
    public sealed record Outcome(bool Succeeded, IReadOnlyList<CacheStatusResult> Results, string Output);

    /// <summary>The child's arguments (for a test to read, and for messages).</summary>
    public static IReadOnlyList<string> Arguments(string entry, string statusFolder, string? cacheLocation, string? configuration)
    {
        var arguments = new List<string>
        {
            "msbuild", entry, "-restore", "-t:SpicetimeCacheStatus", "-nologo", "-v:q", "-nodeReuse:false",
            "-p:_SpicetimeCacheKeyOnly=true", "-p:BuildProjectReferences=false", $"-p:_SpicetimeCacheStatusFolder={statusFolder}",
            // A key does not depend on where the cache is; without one the keys are computed and nothing is asked.
            cacheLocation is null ? "-p:SpicetimeCache=(none)" : $"-p:SpicetimeCache={cacheLocation}",
        };
        if (cacheLocation is null)
        {
            arguments.Add("-p:_SpicetimeCacheLookup=false");
        }

        if (configuration is not null)
        {
            arguments.Add($"-p:Configuration={configuration}");
        }

        return arguments;
    }

    /// <param name="dotnetHost">The dotnet executable (DOTNET_HOST_PATH when a dotnet command runs this, else dotnet on PATH).</param>
    /// <param name="entry">A project or solution file.</param>
    public static Outcome Run(string dotnetHost, string workingDirectory, string entry, string? cacheLocation, string? configuration,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "spicetime-cache-status-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            var start = new ProcessStartInfo(dotnetHost)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in Arguments(entry, folder, cacheLocation, configuration))
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var results = Directory.EnumerateFiles(folder, "*.json")
                .Select(f => CacheStatusResult.FromJson(File.ReadAllText(f)))
                .OfType<CacheStatusResult>()
                .OrderBy(r => r.Project, StringComparer.Ordinal)
                .ThenBy(r => r.TargetFramework, StringComparer.Ordinal)
                .ToList();
            return new Outcome(process.ExitCode == 0, results, output + error.Result);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is the system's to clean.
            }
        }
    }
}
