using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace Spicetime.Cli.Tests;

/// <summary>
/// The release form of the tool (.NET 10 RID-specific tool packages, <c>-p:SpicetimeNativeTool=true</c>;
/// docs/packaging.md), packed as the release packs it and installed as a user installs it: the pointer package
/// <c>Spicetime.Cli</c> (<c>dotnet pack</c>, no <c>-r</c>) and <c>Spicetime.Cli.any</c> (<c>-r any</c>), packed once in
/// a copy of the CLI's sources committed to a fresh git repository, then <c>dotnet tool install</c> from that folder
/// (<c>--add-source</c>, nothing else as a source) into a tool path and a NuGet cache of the test's own, and the installed
/// command run: it prints the version just packed, with the copy's commit, and validates a tree.
/// The pointer names a RID that is not this machine's beside <c>any</c>, so the install takes the SDK's fallback to
/// <c>any</c>: what a user gets on a platform with no native build. The native package (<c>-r linux-x64</c>) is not packed
/// here: its Native AOT compile takes two to three minutes on two cores, more than this suite should add to CI.
/// benchmarks/cli-start/run.sh packs all three with the machine's RID, installs the pointer and checks that the install
/// is the native one.
/// </summary>
[TestFixture]
public sealed class NativeToolPackageTests
{
    /// <summary>What the CLI's pack needs, copied with the working tree's changes (tracked and untracked, not ignored).</summary>
    private static readonly string[] CliSources =
    {
        "src/Spicetime.Cli/", "src/Spicetime.Tree/", "docs/packages/", "Directory.Build.props", "Directory.Packages.props",
        "NuGet.config", "global.json", "CHANGELOG.md", ".gitignore",
    };

    /// <summary>Variables the dotnet that runs the tests sets for its own MSBuild; a pack of its own must find its own.</summary>
    private static readonly string[] ClearedVariables = { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath" };

    /// <summary>A RID the pointer names that this machine does not match (no package is made for it).</summary>
    private static readonly string OtherRid = OperatingSystem.IsWindows() ? "osx-arm64" : "win-arm64";

    private static readonly string Version = $"0.1.0-tool.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    private GitWorkspace _copy = null!;
    private string _commit = "";
    private string _work = "";

    private string Feed => Path.Combine(_work, "feed");

    [OneTimeSetUp]
    public void PackThePointerAndTheAnyPackageInACopy()
    {
        _copy = new GitWorkspace();
        var listed = Run("git", FixtureFiles.RepositoryRoot, "ls-files", "-co", "--exclude-standard").ShouldSucceed().Output;
        foreach (var file in listed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var source = Path.Combine(FixtureFiles.RepositoryRoot, file);
            if (CliSources.Any(s => file.StartsWith(s, StringComparison.Ordinal) || file == s) && File.Exists(source))
            {
                var target = Path.Combine(_copy.Root, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
            }
        }

        _commit = _copy.Commit("the CLI's sources");

        // The feed and the installs outside the copy, under a NuGet.config with no source: --add-source is the only one.
        _work = Directory.CreateTempSubdirectory("spicetime-tool-").FullName;
        File.WriteAllText(Path.Combine(_work, "NuGet.config"), "<configuration><packageSources><clear /></packageSources></configuration>");
        var clock = Stopwatch.StartNew();
        foreach (var rid in new[] { null, "any" })
        {
            var args = new List<string>
            {
                "pack", "src/Spicetime.Cli/Spicetime.Cli.csproj", "-c", "Release", "-o", Feed, "-nodeReuse:false",
                "-p:SpicetimeNativeTool=true", $"-p:SpicetimeNativeToolRuntimeIdentifiers={OtherRid}%3Bany", $"-p:Version={Version}",
            };
            if (rid is not null)
            {
                args.AddRange(new[] { "-r", rid });
            }

            Run("dotnet", _copy.Root, args.ToArray()).ShouldSucceed();
            TestContext.Progress.WriteLine($"NativeToolPackageTests: packed {(rid is null ? "the pointer package" : "Spicetime.Cli." + rid)} at {clock.Elapsed.TotalSeconds:F0} s");
        }
    }

    [OneTimeTearDown]
    public void RemoveTheCopyAndTheFeed()
    {
        _copy?.Dispose();
        if (_work.Length > 0 && Environment.GetEnvironmentVariable("SPICETIME_KEEP_TEST_REPOS") != "1")
        {
            try
            {
                Directory.Delete(_work, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open: the folder is in the temporary directory.
            }
        }
    }

    [Test]
    public void The_pointer_package_installs_the_any_package_where_no_native_one_matches_and_it_runs()
    {
        var tools = Install("Spicetime.Cli", "pointer");

        var store = Path.Combine(tools, ".store", "spicetime.cli", Version);
        Assert.That(Directory.GetDirectories(store).Select(Path.GetFileName), Is.EquivalentTo(new[] { "spicetime.cli", "spicetime.cli.any" }),
            $"the pointer and the package it chose for this machine ({RuntimeInformation.RuntimeIdentifier}): any, not {OtherRid}");
        Assert.That(Directory.GetFiles(store, "spicetime.dll", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(store, f)),
            Is.EqualTo(new[] { Path.Combine("spicetime.cli.any", Version, "tools", "net10.0", "any", "spicetime.dll") }));

        RunsAndPrintsItsVersion(tools);
    }

    [Test]
    public void The_any_package_installs_by_its_own_id_and_runs()
    {
        // dotnet tool install has no --runtime: asking for the portable build is asking for its package.
        RunsAndPrintsItsVersion(Install("Spicetime.Cli.any", "any"));
    }

    [Test]
    public void The_pointer_names_the_RID_packages_and_only_the_any_package_has_symbols()
    {
        Assert.That(Directory.GetFiles(Feed).Select(Path.GetFileName), Is.EquivalentTo(new[]
        {
            $"Spicetime.Cli.{Version}.nupkg", $"Spicetime.Cli.any.{Version}.nupkg", $"Spicetime.Cli.any.{Version}.snupkg",
        }), "no .snupkg for the pointer: it has no pdb, and an empty symbols package fails the pack (NU5017)");

        using var pointer = ZipFile.OpenRead(Path.Combine(Feed, $"Spicetime.Cli.{Version}.nupkg"));
        Assert.That(PackageTypes(pointer, "Spicetime.Cli"), Is.EqualTo(new[] { "DotnetTool" }));
        Assert.That(pointer.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal)).Select(e => e.FullName),
            Is.EqualTo(new[] { "tools/any/any/DotnetToolSettings.xml" }), "a pointer: settings only, no implementation");
        var settings = XDocument.Load(pointer.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open());
        Assert.That(settings.Descendants("RuntimeIdentifierPackage").Select(p => $"{p.Attribute("RuntimeIdentifier")!.Value}={p.Attribute("Id")!.Value}"),
            Is.EqualTo(new[] { $"{OtherRid}=Spicetime.Cli.{OtherRid}", "any=Spicetime.Cli.any" }));
        Assert.That(settings.Descendants("Command").Single().Attribute("Name")!.Value, Is.EqualTo("spicetime"));

        using var any = ZipFile.OpenRead(Path.Combine(Feed, $"Spicetime.Cli.any.{Version}.nupkg"));
        Assert.That(PackageTypes(any, "Spicetime.Cli.any"), Is.EqualTo(new[] { "DotnetToolRidPackage" }));
        var command = XDocument.Load(any.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open()).Descendants("Command").Single();
        Assert.That((command.Attribute("EntryPoint")!.Value, command.Attribute("Runner")!.Value), Is.EqualTo(("spicetime.dll", "dotnet")),
            "framework-dependent: run by dotnet, no Native AOT");
        using var tree = new MemoryStream();
        using (var entry = any.GetEntry("tools/net10.0/any/Spicetime.Tree.dll")!.Open())
        {
            entry.CopyTo(tree);
        }

        tree.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(tree);
        Assert.That(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size, Is.GreaterThan(0), "ReadyToRun, as the plain portable package");
    }

    private static string[] PackageTypes(ZipArchive package, string id)
    {
        var nuspec = XDocument.Load(package.GetEntry($"{id}.nuspec")!.Open());
        return nuspec.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => e.Attribute("name")!.Value).ToArray();
    }

    /// <summary><c>dotnet tool install ID --tool-path</c> from the feed, with a NuGet cache of its own; the tool path.</summary>
    private string Install(string id, string name)
    {
        var tools = Path.Combine(_work, "tools-" + name);
        var install = Run("dotnet", _work, new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_work, "nuget-packages-" + name) },
            "tool", "install", id, "--version", Version, "--tool-path", tools, "--add-source", Feed).ShouldSucceed();
        Assert.That(install.Output, Does.Contain("was successfully installed"));
        return tools;
    }

    /// <summary>The installed command, as a user runs it from the tool path: --version, then validate on a tree.</summary>
    private void RunsAndPrintsItsVersion(string tools)
    {
        var spicetime = Path.Combine(tools, OperatingSystem.IsWindows() ? "spicetime.exe" : "spicetime");
        // The shim finds the runtime as a user's does; DOTNET_ROOT names the one running these tests, wherever it is.
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..")),
        };
        var version = Run(spicetime, _work, environment, "--version").ShouldSucceed();
        Assert.That(version.Output.Trim(), Is.EqualTo($"{Version}+{_commit}"), "the version just packed, from the copy's commit");

        using var tree = new TreeFolder(Trees.Full);
        var validate = Run(spicetime, tree.Path, environment, "validate").ShouldSucceed();
        Assert.That(validate.Output, Does.StartWith("tree.json is valid"));
    }

    private static ProcessResult Run(string fileName, string workingDirectory, params string[] args) =>
        Run(fileName, workingDirectory, new Dictionary<string, string>(), args);

    private static ProcessResult Run(string fileName, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
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

        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} {string.Join(' ', args)} did not finish in 5 minutes");
        }

        process.WaitForExit();
        return new ProcessResult($"{fileName} {string.Join(' ', args)}", process.ExitCode, output.Result + error.Result);
    }

    private sealed record ProcessResult(string Command, int ExitCode, string Output)
    {
        public ProcessResult ShouldSucceed()
        {
            Assert.That(ExitCode, Is.EqualTo(0), ToString);
            return this;
        }

        public override string ToString() => $"$ {Command}\nexit {ExitCode}\n{Output}";
    }
}
