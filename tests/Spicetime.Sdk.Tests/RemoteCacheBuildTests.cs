using System.Text;
using System.Text.RegularExpressions;
using Spicetime.Tree.Cache;
using Spicetime.Tree.Cache.Keys;

namespace Spicetime.Sdk.Tests;

/// <summary>
/// Real builds against the real turborepo-remote-cache server (npm, on loopback; tests/Fixtures/TurborepoCacheServer.cs),
/// signed, as CI runners share one: a clone at another path gets every project and the passing test run from what
/// another clone stored, byte-identical, over the connections its build opened first; a wrong token, a server that stops
/// mid-build or is down, and an artifact that fails its signature are each SPT0900 and a build that compiles; a read-only
/// build sends nothing; two builds writing the same keys at once both succeed and leave whole artifacts; builds in reused
/// MSBuild nodes get the same hits, and a server one build found down is asked again by the next. The origin fills the
/// server once (a library, an app and tests that reference both: one dotnet test compiles all three); each test builds
/// clones of it.
/// </summary>
public class RemoteCacheBuildTests
{
    private const string Token = "ci-token";
    private const string Team = "spicetime-ci";
    private const string SigningKey = "ci-signing-key";
    private const string Hit = "compiled outputs from the cache";

    private TurborepoCacheServer _server = null!;
    private ConsumerRepo _origin = null!;

    [OneTimeSetUp]
    public void FillTheServer()
    {
        _server = TurborepoCacheServer.Start(Token);
        _origin = new ConsumerRepo("remote-origin").Write("tree.json", """{ "root": { "branch": "main", "version": "1.0.0" } }""");
        _origin.Project("src/Lib/Lib.csproj", "<PropertyGroup><GenerateDocumentationFile>true</GenerateDocumentationFile></PropertyGroup>",
            "namespace Lib;\n/// <summary>Greets.</summary>\npublic static class Greeter\n{\n    /// <summary>Hello.</summary>\n    public static string Hello() => Text();\n    private static string Text() => \"hello\";\n}\n");
        _origin.Project("src/App/App.csproj", "<PropertyGroup><OutputType>Exe</OutputType></PropertyGroup><ItemGroup><ProjectReference Include=\"../Lib/Lib.csproj\" /></ItemGroup>",
            "System.Console.WriteLine(Lib.Greeter.Hello() + \" \" + typeof(Program).Assembly.GetName().Version);");
        _origin.Project("tests/Lib.Tests/Lib.Tests.csproj", ConsumerRepo.NUnitTestProjectBody("../../src/Lib/Lib.csproj", "../../src/App/App.csproj"), "using NUnit.Framework;\npublic class GreeterTests\n{\n    [Test] public void Says_hello() => Assert.That(Lib.Greeter.Hello(), Is.EqualTo(\"hello\"));\n}\n");
        _origin.InitGit();
        _origin.Commit("a library, an app, their tests");

        var filled = Test(_origin.Root, Cache(_server.Address)).ShouldSucceed();
        Assert.That(Lines(filled, "stored key"), Has.Length.EqualTo(3), filled.ToString());
        Assert.That(filled.Output, Does.Contain("Test run for ").And.Contain("recorded a passing run (1 passed, 0 skipped)"));
        Assert.That(Spt0900(filled), Is.Empty);
    }

    [OneTimeTearDown]
    public void StopTheServer() => _server?.Dispose();

    private static Dictionary<string, string> Cache(Uri server, string token = Token) => new()
    {
        ["SPICETIME_CACHE"] = server.ToString(),
        ["SPICETIME_CACHE_TOKEN"] = token,
        ["SPICETIME_CACHE_TEAM"] = Team,
        ["SPICETIME_CACHE_SIGNATURE_KEY"] = SigningKey,
    };

    private static readonly string[] BuildArguments = { "build", "src/App/App.csproj", "-v:n", "-m:2", "-tl:off", "-clp:NoSummary" };

    private static ProcessResult Build(string root, IDictionary<string, string> environment, params string[] extra) =>
        DotnetRun.Run("dotnet", root, BuildArguments.Append("-nodeReuse:false").Concat(extra), environment);

    private static ProcessResult Test(string root, IDictionary<string, string> environment) =>
        DotnetRun.Run("dotnet", root, new[] { "test", "tests/Lib.Tests/Lib.Tests.csproj", "-v:n", "-m:2", "-tl:off", "-clp:NoSummary", "-nodeReuse:false" }, environment);

    /// <summary>A clone of the origin at another path: another CI runner.</summary>
    private string Clone(string name)
    {
        var path = Path.Combine(SdkPackage.WorkRoot, "clones", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        DotnetRun.Run("git", _origin.Root, new[] { "clone", "-q", _origin.Root, path }).ShouldSucceed();
        return path;
    }

    private static string[] Lines(ProcessResult run, string containing) =>
        run.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains(containing, StringComparison.Ordinal)).Distinct().ToArray();

    /// <summary>The projects (of Lib, App, Lib.Tests) a line of the run names with <paramref name="what"/>: "Lib: compiled outputs…", "Lib.csproj: stored key…".</summary>
    private static string[] Projects(ProcessResult run, string what) =>
        new[] { "Lib", "App", "Lib.Tests" }.Where(p => Lines(run, $"{p}: {what}").Length + Lines(run, $"{p}.csproj: {what}").Length > 0).ToArray();

    /// <summary>Each SPT0900 warning's message (MSBuild's file before it and project after it left out), once.</summary>
    private static string[] Spt0900(ProcessResult run) =>
        Lines(run, "warning SPT0900: ").Select(l => Regex.Replace(l[(l.IndexOf("warning SPT0900: ", StringComparison.Ordinal) + 17)..], @" \[[^\]]*\]$", "")).Distinct().ToArray();

    /// <summary>The compile key a build recorded for a project of <paramref name="root"/>.</summary>
    private static string KeyOf(string root, string project, string configuration = "Debug") =>
        KeyExplanation.Read(File.ReadAllText(Path.Combine(root, "src", project, "obj", configuration, "net10.0", KeyExplanation.FileName)))!.Value.Key;

    /// <summary>Every dll, pdb and xml of the projects' bin folders, by path.</summary>
    private static IReadOnlyDictionary<string, byte[]> Outputs(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && (f.EndsWith(".dll") || f.EndsWith(".pdb") || f.EndsWith(".xml")))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes);

    /// <summary>Lib's and App's assemblies in <paramref name="root"/> are byte for byte what the origin compiled.</summary>
    private void AssertCompiledAsTheOrigin(string root)
    {
        foreach (var file in new[] { "src/Lib/bin/Debug/net10.0/Lib.dll", "src/App/bin/Debug/net10.0/App.dll", "src/App/bin/Debug/net10.0/Lib.dll" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(root, file)), Is.EqualTo(File.ReadAllBytes(_origin.PathOf(file))), file);
        }
    }

    private static TurborepoRemoteStore Store(Uri server, HttpClient http, string signingKey = SigningKey) =>
        new(server, Token, Team, new ArtifactSignature(signingKey, Team), write: true, http);

    [Test]
    public void A_clone_elsewhere_gets_every_project_and_the_test_run_from_the_server_byte_identical_over_the_connections_it_opened()
    {
        var clone = Clone("remote-second");
        var before = _server.SettledRequests().Count;
        var run = Test(clone, Cache(_server.Address)).ShouldSucceed();

        Assert.That(Projects(run, Hit), Is.EquivalentTo(new[] { "Lib", "App", "Lib.Tests" }), run.ToString());
        Assert.That(Lines(run, Hit), Has.Length.EqualTo(3));
        Assert.That(run.Output, Does.Not.Contain("miss for key").And.Not.Contain("stored key").And.Not.Contain("warning SPT"));
        Assert.That(run.Output, Does.Not.Contain("Test run for "), "the recorded run is printed, no test process started");
        Assert.That(run.Output, Does.Match(@"Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1, Duration: .* - Lib\.Tests\.dll \(net10\.0\) \[from the Spicetime cache"));

        var requests = _server.SettledRequests().Skip(before).ToList();
        Assert.That(requests.Select(r => (r.Method, r.Status)), Is.EqualTo(Enumerable.Repeat(("GET", 200), 4)), "a read for each project and one for the test run");
        // One connection a node (-m:2) unless the server closed an idle one (its keep-alive is 72 s); a task call each
        // would open four.
        Assert.That(requests.Select(r => r.ClientPort).Distinct().Count(), Is.LessThan(requests.Count), "a build's requests share its connections");

        var expected = Outputs(_origin.Root);
        var actual = Outputs(clone);
        Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys));
        Assert.That(expected.Keys.Count(k => k.EndsWith("/Lib.dll", StringComparison.Ordinal)), Is.EqualTo(3));
        foreach (var (file, bytes) in expected)
        {
            Assert.That(actual[file], Is.EqualTo(bytes), $"{file} differs from the one the origin compiled");
        }
    }

    [Test]
    public void A_wrong_token_is_SPT0900_naming_SPICETIME_CACHE_TOKEN_and_the_build_compiles()
    {
        var clone = Clone("remote-token");
        var build = Build(clone, Cache(_server.Address, token: "expired-token")).ShouldSucceed();
        const string advice = "check SPICETIME_CACHE_TOKEN and SPICETIME_CACHE_TEAM";
        Assert.That(Spt0900(build), Is.EquivalentTo(new[]
        {
            $"{_server.Address} refused to read (401 Unauthorized): {advice}; Lib.csproj builds without it",
            $"{_server.Address} refused to read (401 Unauthorized): {advice}; App.csproj builds without it",
            $"{_server.Address} refused to write (401 Unauthorized): {advice}; Lib.csproj's outputs are not stored",
            $"{_server.Address} refused to write (401 Unauthorized): {advice}; App.csproj's outputs are not stored",
        }), build.ToString());
        Assert.That(Projects(build, "miss for key"), Is.EquivalentTo(new[] { "Lib", "App" }));
        Assert.That(build.Output, Does.Not.Contain(Hit));
        AssertCompiledAsTheOrigin(clone);
    }

    [Test]
    public void A_server_that_stops_mid_build_is_SPT0900_for_the_projects_after_it_and_the_build_succeeds()
    {
        using var server = TurborepoCacheServer.Start(Token);
        var clone = Clone("remote-stops");
        // After Lib stored its outputs, Lib's build kills the server (App, which needs Lib, comes after).
        var kill = OperatingSystem.IsWindows() ? $"taskkill /F /PID {server.ProcessId}" : $"kill -9 {server.ProcessId} &amp;&amp; sleep 0.5";
        File.WriteAllText(Path.Combine(clone, "Directory.Build.targets"), $"""
            <Project>
              <Target Name="StopTheCacheServer" AfterTargets="_SpicetimeCacheStore" Condition="'$(MSBuildProjectName)' == 'Lib'">
                <Exec Command="{kill}" />
              </Target>
            </Project>
            """);

        var build = Build(clone, Cache(server.Address)).ShouldSucceed();
        Assert.That(Projects(build, "stored key"), Is.EqualTo(new[] { "Lib" }), build.ToString());
        var warnings = Spt0900(build);
        Assert.That(warnings, Has.Length.EqualTo(2));
        Assert.That(warnings, Has.All.StartWith($"{server.Address} is unreachable ("));
        Assert.That(warnings.Count(w => w.EndsWith("; App.csproj builds without it", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(warnings.Count(w => w.EndsWith("; App.csproj's outputs are not stored", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(Projects(build, "miss for key"), Is.EquivalentTo(new[] { "Lib", "App" }));
        AssertCompiledAsTheOrigin(clone);
        Assert.That(File.Exists(server.ArtifactFile(Team, KeyOf(clone, "Lib"))), Is.True, "Lib's, stored before the server stopped");
        Assert.That(File.Exists(server.ArtifactFile(Team, KeyOf(clone, "App"))), Is.False);
    }

    [Test]
    public void An_artifact_that_fails_its_signature_is_never_used_and_the_compile_replaces_it()
    {
        using var server = TurborepoCacheServer.Start(Token);
        var lib = KeyOf(_origin.Root, "Lib");
        var app = KeyOf(_origin.Root, "App");
        using var http = new HttpClient();

        // Lib: a well-formed artifact whose assembly says "HACKD", tagged with a key other than the CI's (written through the API).
        var genuine = Store(_server.Address, http).Get(lib).Artifact!;
        var forged = Forge(genuine, "Lib.dll", "hello", "HACKD");
        Assert.That(CompileArtifactNames(forged), Is.EqualTo(CompileArtifactNames(genuine)), "the forgery holds the outputs a hit would restore");
        Assert.That(Store(server.Address, http, signingKey: "someone-else's-key").Put(lib, forged, TimeSpan.FromSeconds(1)).Stored, Is.True);
        // App: the genuine artifact, correctly tagged, then changed on the server's disk.
        Assert.That(Store(server.Address, http).Put(app, Store(_server.Address, http).Get(app).Artifact!, TimeSpan.FromSeconds(1)).Stored, Is.True);
        var stored = File.ReadAllBytes(server.ArtifactFile(Team, app));
        stored[stored.Length / 2] ^= 0x5A;
        File.WriteAllBytes(server.ArtifactFile(Team, app), stored);

        var clone = Clone("remote-tampered");
        var build = Build(clone, Cache(server.Address)).ShouldSucceed();
        Assert.That(Spt0900(build), Is.EquivalentTo(new[]
        {
            $"the artifact {server.Address} holds for {lib} fails its signature (x-artifact-tag); not used; Lib.csproj builds without it",
            $"the artifact {server.Address} holds for {app} fails its signature (x-artifact-tag); not used; App.csproj builds without it",
        }), build.ToString());
        Assert.That(build.Output, Does.Not.Contain(Hit));
        Assert.That(Projects(build, "stored key"), Is.EquivalentTo(new[] { "Lib", "App" }));
        AssertCompiledAsTheOrigin(clone);
        Assert.That(DotnetRun.Run("dotnet", clone, new[] { "src/App/bin/Debug/net10.0/App.dll" }).ShouldSucceed().Output.Trim(), Is.EqualTo("hello 1.0.0.0"));

        // The compile stored the genuine artifacts over them.
        Assert.That(Store(server.Address, http).Get(lib).Artifact, Is.EqualTo(genuine));
        Assert.That(Store(server.Address, http).Get(app).Hit, Is.True);
    }

    /// <summary>The artifact with <paramref name="entry"/>'s UTF-16 text <paramref name="from"/> replaced by <paramref name="to"/> (same length), packed again.</summary>
    private static byte[] Forge(byte[] artifact, string entry, string from, string to)
    {
        var folder = Directory.CreateTempSubdirectory("spicetime-forged-").FullName;
        Assert.That(ArtifactArchive.Unpack(artifact, folder, 1L << 30, out var problem), Is.True, problem);
        var file = Path.Combine(folder, entry);
        var bytes = File.ReadAllBytes(file);
        var (search, replacement) = (Encoding.Unicode.GetBytes(from), Encoding.Unicode.GetBytes(to));
        var at = bytes.AsSpan().IndexOf(search);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"{entry} holds \"{from}\"");
        replacement.CopyTo(bytes, at);
        File.WriteAllBytes(file, bytes);
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => (Path.GetRelativePath(folder, f).Replace('\\', '/'), f));
        return ArtifactArchive.Pack(files);
    }

    private static IEnumerable<string> CompileArtifactNames(byte[] artifact) =>
        ArtifactArchive.List(artifact, 1L << 30, out _)!.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal);

    [Test]
    public void A_read_only_build_sends_the_server_nothing_but_its_reads()
    {
        var clone = Clone("remote-read-only");
        var stored = _server.StoredFiles();
        var before = _server.SettledRequests().Count;
        var environment = Cache(_server.Address);
        environment["SPICETIME_CACHE_WRITE"] = "false";
        // Release: keys the server does not hold, so each project misses and would store.
        var build = Build(clone, environment, "-c", "Release").ShouldSucceed();

        Assert.That(Projects(build, "miss for key"), Is.EquivalentTo(new[] { "Lib", "App" }), build.ToString());
        Assert.That(Projects(build, "the cache is read-only; key"), Is.EquivalentTo(new[] { "Lib", "App" }));
        Assert.That(Spt0900(build), Is.Empty);
        var requests = _server.SettledRequests().Skip(before).ToList();
        Assert.That(requests.Select(r => (r.Method, r.Status, r.Key)), Is.EquivalentTo(new[]
        {
            ("GET", 404, KeyOf(clone, "Lib", "Release")), ("GET", 404, KeyOf(clone, "App", "Release")),
        }), "each project's read; no write, and no read of the timings it would not record");
        Assert.That(_server.StoredFiles(), Is.EquivalentTo(stored));
    }

    [Test]
    public void Two_builds_writing_the_same_keys_at_once_both_succeed_and_leave_whole_artifacts()
    {
        var clones = new[] { Clone("remote-writer-a"), Clone("remote-writer-b") };
        using var http = new HttpClient();
        // Release with overflow checks: keys no other test builds, so both builds miss and store at the same time.
        var builds = clones.Select(c => Task.Run(() => Build(c, Cache(_server.Address), "-c", "Release", "-p:CheckForOverflowUnderflow=true"))).ToArray();
        Task.WaitAll(builds);

        var stored = new List<string>();
        foreach (var build in builds.Select(b => b.Result))
        {
            build.ShouldSucceed();
            foreach (var project in new[] { "Lib", "App" })
            {
                var outcomes = Projects(build, Hit).Count(p => p == project) + Projects(build, "stored key").Count(p => p == project);
                Assert.That(outcomes, Is.EqualTo(1), $"{project}: a hit or a compile that stored, once\n{build}");
            }

            stored.AddRange(Projects(build, "stored key"));
            // A read that meets a write half done fails its signature: a miss. Nothing else may go wrong.
            Assert.That(Spt0900(build).Where(w => !w.Contains("fails its signature", StringComparison.Ordinal)), Is.Empty, build.ToString());
        }

        Assert.That(stored, Does.Contain("Lib").And.Contain("App"));
        foreach (var project in new[] { "Lib", "App" })
        {
            var key = KeyOf(clones[0], project, "Release");
            Assert.That(KeyOf(clones[1], project, "Release"), Is.EqualTo(key), "the same key at both paths");
            var artifact = Store(_server.Address, http).Get(key);
            Assert.That(artifact.Hit, Is.True, artifact.Warning);
            var intermediate = Path.Combine(clones[0], "src", project, "obj", "Release", "net10.0");
            foreach (var (name, size) in ArtifactArchive.List(artifact.Artifact!, 1L << 30, out _)!)
            {
                Assert.That(size, Is.EqualTo(new FileInfo(Path.Combine(intermediate, name)).Length), $"{project}: {name} whole");
            }
        }

        foreach (var file in new[] { "src/Lib/bin/Release/net10.0/Lib.dll", "src/App/bin/Release/net10.0/App.dll" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(clones[1], file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(clones[0], file))), file);
        }
    }

    [Test]
    public void Builds_in_reused_MSBuild_nodes_get_the_same_hits_and_a_server_one_build_found_down_is_asked_again_by_the_next()
    {
        // What is tested needs a node the first build leaves running. Should none outlive it while no Spicetime code was
        // on the node's way out (MSBuild's own trace of each node says why it stopped), the scenario runs once more; a
        // node stopped by an exception, or twice in a row, fails the test, with the traces.
        var gone = ReusedNodesScenario("remote-reuse");
        if (gone is not null)
        {
            Assert.That(gone, Does.Not.Contain(" at Spicetime."), "a node stopped with Spicetime's code on the stack");
            TestContext.Out.WriteLine($"No MSBuild node outlived the first build; running again. Its nodes' traces:\n{gone}");
            gone = ReusedNodesScenario("remote-reuse-again");
            Assert.That(gone, Is.Null, "MSBuild's nodes did not outlive the build, twice");
        }
    }

    /// <summary>The reused-node scenario in two new clones: null when it ran (its assertions passed), or, when no node
    /// outlived the first build, what MSBuild's trace of each node says of its end.</summary>
    private string? ReusedNodesScenario(string name)
    {
        var down = Clone(name + "-down");
        var up = Clone(name + "-up");
        using var nodes = new ReusedNodes(server: false);
        var environment = Cache(_server.Address);
        environment["MSBUILDNOINPROCNODE"] = "1"; // every project in the nodes that outlive the build
        var traces = Path.Combine(down, "msbuild-traces");
        environment["MSBUILDDEBUGCOMM"] = "1";
        environment["MSBUILDDEBUGPATH"] = traces;

        ProcessResult first;
        _server.Stop();
        try
        {
            first = nodes.Dotnet(down, environment, BuildArguments);
        }
        finally
        {
            _server.Restart();
        }

        first.ShouldSucceed();
        var warnings = Spt0900(first);
        Assert.That(warnings, Has.Length.EqualTo(4), first.ToString());
        Assert.That(warnings, Has.All.StartWith($"{_server.Address} is unreachable ("));
        Assert.That(warnings.Count(w => w.EndsWith(" builds without it", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(warnings.Count(w => w.EndsWith("'s outputs are not stored", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(first.Output, Does.Not.Contain(Hit));
        if (nodes.Running().Count == 0)
        {
            return NodeEnds(traces);
        }

        var second = nodes.Dotnet(up, environment, BuildArguments).ShouldSucceed();
        Assert.That(Projects(second, Hit), Is.EquivalentTo(new[] { "Lib", "App" }), second.ToString());
        Assert.That(second.Output, Does.Not.Contain("miss for key").And.Not.Contain("warning SPT"));
        AssertCompiledAsTheOrigin(up);
        AssertCompiledAsTheOrigin(down);
        return null;
    }

    /// <summary>Each MSBuild process's trace (MSBUILDDEBUGCOMM): its lines on shutdowns, lost links and exceptions (with their
    /// stacks), and its last lines.</summary>
    private static string NodeEnds(string traces)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.Exists(traces) ? Directory.GetFiles(traces).Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
        {
            var lines = File.ReadAllLines(file);
            text.AppendLine($"== {Path.GetFileName(file)} ({lines.Length} lines)");
            var telling = lines.Where(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) ||
                Regex.IsMatch(l, "Shutting down|Shut down|disconnected|Exception|timed out|[Ff]ailed"));
            foreach (var line in telling.Concat(lines.TakeLast(5)).Distinct())
            {
                text.AppendLine(line);
            }
        }

        return text.Length == 0 ? $"(no trace in {traces})" : text.ToString();
    }
}
