using System.Diagnostics;

namespace Spicetime.Sdk.Tests;

/// <summary>The result of running a process: exit code and everything it printed.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Output)
{
    public ProcessResult ShouldSucceed()
    {
        Assert.That(ExitCode, Is.EqualTo(0), ToString);
        return this;
    }

    public override string ToString() => $"$ {Command}\nexit {ExitCode}\n{Output}";
}

/// <summary>Runs dotnet and git as a user would, with an environment that makes MSBuild and NuGet behave in tests.</summary>
public static class DotnetRun
{
    /// <summary>CI branch variables are removed so that node mapping in tests depends only on what the test sets.</summary>
    private static readonly string[] ClearedVariables =
    {
        "SPICETIME_GIT_BRANCH", "GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_REF_NAME",
        "BUILD_SOURCEBRANCH", "BITBUCKET_BRANCH", "CIRCLE_BRANCH", "BUILDKITE_BRANCH", "TRAVIS_BRANCH", "BRANCH_NAME", "GIT_BRANCH",
        "SpicetimeBranch", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath",
        "SPICETIME_CACHE", "SPICETIME_CACHE_WRITE", "SPICETIME_CACHE_TOKEN", "SPICETIME_CACHE_TEAM", "SPICETIME_CACHE_SIGNATURE_KEY",
        "TURBO_TOKEN", "TURBO_TEAM", "TURBO_REMOTE_CACHE_SIGNATURE_KEY",
    };

    /// <param name="killAfter">Kill the process (and its children) after this long, as a user pressing Ctrl+C or a CI timeout would.</param>
    public static ProcessResult Run(string fileName, string workingDirectory, IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? killAfter = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in ClearedVariables)
        {
            start.Environment.Remove(name);
        }

        // Compiles go to the C# compiler server, as dotnet's builds do by default: one warm compiler for the run instead
        // of a cold csc process for every project a test compiles (a machine may turn it off with UseSharedCompilation=false,
        // as CI's does). The compiler's command line is logged either way; SdkPackage shuts the server down after the run.
        start.Environment.Remove("UseSharedCompilation");
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["NUGET_PACKAGES"] = SdkPackage.PackagesFolder;
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Spicetime Tests";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "tests@spicetime.invalid";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (killAfter is { } after && !process.WaitForExit(after))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessResult($"{fileName} {string.Join(' ', args)} (killed after {after.TotalSeconds:F1} s)", -1, output.ToString());
        }

        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} {string.Join(' ', args)} did not finish in 5 minutes\n{output}");
        }

        process.WaitForExit();
        return new ProcessResult($"{fileName} {string.Join(' ', args)}", process.ExitCode, output.ToString());
    }
}
