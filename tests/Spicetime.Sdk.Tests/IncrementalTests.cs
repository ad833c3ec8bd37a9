namespace Spicetime.Sdk.Tests;

/// <summary>Incremental and safe: no work when nothing changed, nothing rewritten for a node a change does not touch.</summary>
public class IncrementalTests
{
    private static DateTime Stamp(ConsumerRepo repo, string relative) => File.GetLastWriteTimeUtc(repo.PathOf(relative));

    [Test]
    public void A_no_op_rebuild_runs_no_Spicetime_work_beyond_the_up_to_date_check()
    {
        var repo = ForkTree.Create("noop");
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        var second = repo.Dotnet("build", ForkTree.Web, "-v:d").ShouldSucceed();
        Assert.That(second.Output, Does.Contain("Skipping target \"SpicetimeGenerate\" because all output files are up-to-date"));
        Assert.That(second.Output, Does.Not.Contain("Task \"GenerateSpicetimeProps\""));
        Assert.That(second.Output, Does.Contain("Skipping target \"CoreCompile\" because all output files are up-to-date"));
    }

    [Test]
    public void A_first_restore_writes_one_file_a_project_and_it_is_the_up_to_date_marker_until_a_stamp_is_needed()
    {
        var repo = ForkTree.Create("marker");
        repo.Dotnet("restore", ForkTree.Web).ShouldSucceed();
        var obj = repo.PathOf("forks/feature-a/Web/obj");
        var ours = Directory.GetFileSystemEntries(obj, "spicetime*").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.That(ours, Is.EqualTo(new[] { "spicetime.Web.csproj.g.props" }),
            "a fresh clone's restore creates one generated file, in obj/ itself: no folder, no stamp");

        var build = repo.Dotnet("build", ForkTree.Web, "-v:d").ShouldSucceed();
        Assert.That(build.Output, Does.Contain("Skipping target \"SpicetimeGenerate\" because all output files are up-to-date"));
        Assert.That(build.Output, Does.Not.Contain("Task \"GenerateSpicetimeProps\""));

        // An edit that leaves Web's node as it was: the file stays as it was (older than tree.json), so a stamp now says
        // the generation is up to date, and the next build skips it again.
        Thread.Sleep(1100);
        repo.Write("tree.json", ForkTree.TreeJson.Replace("\"Polly\": \"8.4.2\"", "\"Polly\": \"8.4.2\", \"Polly.Extensions\": \"8.4.2\""));
        var edited = repo.Dotnet("build", ForkTree.Web, "-v:n").ShouldSucceed();
        Assert.That(edited.Output, Does.Contain("generated props unchanged"));
        Assert.That(File.Exists(Path.Combine(obj, "spicetime.Web.csproj.stamp")), Is.True);
        var again = repo.Dotnet("build", ForkTree.Web, "-v:d").ShouldSucceed();
        Assert.That(again.Output, Does.Contain("Skipping target \"SpicetimeGenerate\" because all output files are up-to-date"));
        Assert.That(again.Output, Does.Not.Contain("Task \"GenerateSpicetimeProps\""));
    }

    [Test]
    public void A_restore_runs_the_packed_tasks_precompiled_and_JIT_compiles_none_of_their_own_methods()
    {
        // The .NET runtime names every method it JIT-compiles (DOTNET_JitStdOutFile, one in-process node: -m:1). The
        // package's net10.0 tasks are ReadyToRun: a method of Spicetime.Sdk.Tasks or Spicetime.Tree compiled here means
        // crossgen2 left it out (as it once did the whole task assembly, lacking MSBuild's reference assemblies), and
        // every MSBuild node pays for it on its first call. Nor may a framework generic over Spicetime's own types (a List
        // of a Spicetime struct, a Dictionary keyed by a Spicetime enum): those are outside ReadyToRun's version bubble, so
        // the first call's path holds classes and arrays instead. Nor System.IO.Hashing's vectorised XXH3, which
        // ReadyToRun leaves to the JIT (the content id is XXH64).
        var repo = ForkTree.Create("readytorun");
        var log = repo.PathOf("jit.txt");
        repo.Dotnet(new Dictionary<string, string> { ["DOTNET_JitStdOutFile"] = log, ["DOTNET_JitDisasmSummary"] = "1" },
            "restore", ForkTree.Web, "-m:1").ShouldSucceed();
        var compiled = File.ReadAllLines(log).Select(l => l.Split("JIT compiled ", 2).Last()).ToList();
        Assert.That(compiled, Is.Not.Empty, "the log names the methods this process compiled");
        Assert.That(repo.Generated("forks/feature-a/Web/obj/spicetime.Web.csproj.g.props"), Does.Contain("Newtonsoft.Json"), "the generation ran");
        Assert.That(compiled.Where(m => m.StartsWith("Spicetime.", StringComparison.Ordinal)), Is.Empty);
        Assert.That(compiled.Where(m => !m.StartsWith("(dynamicClass)", StringComparison.Ordinal) && m.Contains("Spicetime.", StringComparison.Ordinal)), Is.Empty,
            "framework generics instantiated over Spicetime's types");
        Assert.That(compiled.Where(m => m.StartsWith("System.IO.Hashing.", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void The_build_after_a_fresh_clones_first_build_restores_and_compiles_nothing()
    {
        // A fork whose scopes set no property that shapes restore (a Company, a package): the first restore, before any
        // generated props, already asks NuGet for what every later one asks (the node's packages injected by the target,
        // the version restore sees being the line's), so the next build has nothing to do; CI's `dotnet build` then
        // `dotnet test` compiles once.
        var repo = new ConsumerRepo("fresh-steady").Write("tree.json", """
            { "scopes": { "brand": { "properties": { "Company": "Shop EU" }, "packages": { "Newtonsoft.Json": "13.0.3" } } },
              "root": { "branch": "main", "version": "2.1.0", "scopes": ["brand"],
                "children": [ { "branch": "eu", "path": "forks/eu", "inherits": ["brand"] } ] } }
            """);
        repo.Project("forks/eu/Api/Api.csproj", code: "namespace Api;\npublic static class Json\n{\n    public static string Of(int value) => Newtonsoft.Json.JsonConvert.SerializeObject(value);\n}\n");
        repo.InitGit().Commit("a fresh clone");
        repo.Dotnet("build", "forks/eu/Api/Api.csproj").ShouldSucceed();
        const string Assets = "forks/eu/Api/obj/project.assets.json", Compiled = "forks/eu/Api/obj/Debug/net10.0/Api.dll";
        var restored = Stamp(repo, Assets);
        var compiled = Stamp(repo, Compiled);
        Assert.That(System.Diagnostics.FileVersionInfo.GetVersionInfo(repo.PathOf("forks/eu/Api/bin/Debug/net10.0/Api.dll")).CompanyName, Is.EqualTo("Shop EU"));

        var again = repo.Dotnet("build", "forks/eu/Api/Api.csproj", "-v:n").ShouldSucceed();
        Assert.That(Stamp(repo, Assets), Is.EqualTo(restored), "no second restore");
        Assert.That(Stamp(repo, Compiled), Is.EqualTo(compiled), again.Output);
        Assert.That(again.Output, Does.Contain("Skipping target \"CoreCompile\""));
    }

    [Test]
    public void Editing_a_scope_a_fork_does_not_have_leaves_its_projects_up_to_date()
    {
        var repo = ForkTree.Create("unrelated");
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        // The first restore ran before the generated props existed, without the scope's restore-relevant properties
        // (TreatWarningsAsErrors from infra); the next build restores once more with them. From then on it is steady.
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        var assets = Stamp(repo, "forks/feature-a/Web/obj/project.assets.json");
        var props = Stamp(repo, "forks/feature-a/Web/obj/spicetime.Web.csproj.g.props");
        var dll = Stamp(repo, "forks/feature-a/Web/obj/Debug/net10.0/Web.dll");
        Thread.Sleep(1100);

        // backend belongs to feature-B only.
        repo.Write("tree.json", ForkTree.TreeJson.Replace("\"Polly\": \"8.4.2\"", "\"Polly\": \"8.4.2\", \"Polly.Extensions\": \"8.4.2\""));
        var build = repo.Dotnet("build", ForkTree.Web, "-v:n").ShouldSucceed();
        Assert.That(build.Output, Does.Contain("Spicetime: Web.csproj belongs to node 'feature-A'").And.Contain("generated props unchanged"), "the tree changed, so the check runs");
        Assert.That(build.Output, Does.Contain("Skipping target \"CoreCompile\""));
        Assert.That(Stamp(repo, "forks/feature-a/Web/obj/project.assets.json"), Is.EqualTo(assets), "no restore rewrite");
        Assert.That(Stamp(repo, "forks/feature-a/Web/obj/spicetime.Web.csproj.g.props"), Is.EqualTo(props));
        Assert.That(Stamp(repo, "forks/feature-a/Web/obj/Debug/net10.0/Web.dll"), Is.EqualTo(dll));
    }

    [Test]
    public void Editing_a_scope_a_fork_has_updates_it_and_compiles_again()
    {
        var repo = ForkTree.Create("related");
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        repo.Write("tree.json", ForkTree.TreeJson.Replace("\"Serilog\": \"4.0.0\"", "\"Serilog\": \"4.2.0\""));
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        Assert.That(repo.RestoredPackages(ForkTree.Web)["Serilog"], Is.EqualTo("4.2.0"));
        Assert.That(repo.Generated("forks/feature-a/Web/obj/spicetime.Web.csproj.g.props"), Does.Contain("Include=\"Serilog\" Version=\"4.2.0\""));
    }

    [Test]
    public void A_build_without_restore_after_a_tree_change_is_SPT0300()
    {
        var repo = ForkTree.Create("norestore");
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        repo.Write("tree.json", ForkTree.TreeJson.Replace("\"Serilog\": \"4.0.0\"", "\"Serilog\": \"4.2.0\""));
        var build = repo.Dotnet("build", ForkTree.Web, "--no-restore");
        Assert.That(build.ExitCode, Is.Not.EqualTo(0));
        Assert.That(build.Output, Does.Contain("error SPT0300: What Web.csproj gets from node 'feature-A' changed since it was last restored"));
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
    }

    [Test]
    public void Switching_branch_with_a_global_property_regenerates()
    {
        var repo = ForkTree.Create("switch");
        repo.Dotnet("build", ForkTree.Core).ShouldSucceed();
        repo.Dotnet("restore", ForkTree.Core, "-p:SpicetimeBranch=feature-B").ShouldSucceed();
        Assert.That(repo.Generated("shared/Core/obj/spicetime.Core.csproj.g.props"), Does.Contain("<_SpicetimeResolvedBranch>feature-B<"));
        repo.Dotnet("restore", ForkTree.Core).ShouldSucceed();
        Assert.That(repo.Generated("shared/Core/obj/spicetime.Core.csproj.g.props"), Does.Contain("<_SpicetimeResolvedBranch>release<"));
    }

    [Test]
    public void A_parallel_build_of_many_projects_parses_the_tree_once_per_process_and_never_races()
    {
        var repo = ForkTree.Create("parallel");
        var projects = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var fork = i % 2 == 0 ? "feature-a" : "feature-b";
            var project = $"forks/{fork}/P{i}/P{i}.csproj";
            repo.Project(project, code: $"namespace P{i}; public static class C {{ public static void Log() => Serilog.Log.Information(\"{i}\"); }}");
            projects.Add(project);
        }

        repo.Dotnet("new", "sln", "-n", "All", "--format", "sln").ShouldSucceed();
        repo.Dotnet(new[] { "sln", "All.sln", "add" }.Concat(projects).ToArray()).ShouldSucceed();
        var build = repo.Dotnet("build", "All.sln", "-m:2", "-v:n").ShouldSucceed();
        var parsed = build.Output.Split('\n').Count(l => l.Contains("Spicetime: parsed and resolved"));
        Assert.That(parsed, Is.InRange(1, 2 * 2), "once per build process (restore and build, at most two nodes each), not once per project");
        foreach (var project in projects)
        {
            var fork = project.Contains("feature-a") ? "feature-A" : "feature-B";
            Assert.That(repo.Generated(Path.Combine(Path.GetDirectoryName(project)!, "obj", "spicetime." + Path.GetFileName(project) + ".g.props")),
                Does.Contain($"<_SpicetimeResolvedBranch>{fork}<"));
        }

    }

    [Test]
    public void Concurrent_restores_of_projects_sharing_a_tree_and_a_scope_project_leave_valid_generated_files()
    {
        var repo = ForkTree.Create("concurrent");
        // Web and Api both reference the shared Core: both restores generate Core's props at the same time.
        var restores = new[] { ForkTree.Web, ForkTree.Api, ForkTree.Core }
            .Select(project => Task.Run(() => repo.Dotnet("restore", project)))
            .ToArray();
        Task.WaitAll(restores);
        foreach (var restore in restores)
        {
            restore.Result.ShouldSucceed();
        }

        foreach (var props in Directory.EnumerateFiles(repo.Root, "*.g.props", SearchOption.AllDirectories))
        {
            Assert.That(System.Xml.Linq.XDocument.Load(props).Root!.Name.LocalName, Is.EqualTo("Project"), props);
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(props)!, "*.tmp*"), Is.Empty, "no temporary file left behind");
        }

        repo.Dotnet("build", ForkTree.Web, "--no-restore").ShouldSucceed();
        repo.Dotnet("build", ForkTree.Api, "--no-restore").ShouldSucceed();
    }

    [Test]
    public void A_build_killed_mid_way_is_followed_by_a_correct_build()
    {
        var repo = ForkTree.Create("killed");
        repo.Write("tree.json", ForkTree.TreeJson.Replace("\"Serilog\": \"4.0.0\"", "\"Serilog\": \"4.2.0\""));

        // Killed while restoring, generating or compiling (wherever it is after 2.5 s): nothing it left half-written
        // may break the next build.
        repo.DotnetKilledAfter(TimeSpan.FromSeconds(2.5), "build", ForkTree.Web);
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        Assert.That(repo.RestoredPackages(ForkTree.Web)["Serilog"], Is.EqualTo("4.2.0"));
        Assert.That(repo.Generated("forks/feature-a/Web/obj/spicetime.Web.csproj.g.props"), Does.Contain("Include=\"Serilog\" Version=\"4.2.0\""));
    }
}
