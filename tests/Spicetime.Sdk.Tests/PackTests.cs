using System.Diagnostics;
using System.Security.Cryptography;
using System.Xml.Linq;

namespace Spicetime.Sdk.Tests;

/// <summary>
/// `dotnet pack` of forks in a real git repository: versions derived from the parent's line with git heights, the
/// node's resolved packages and in-tree project references as dependencies, lineage in the metadata, byte-identical
/// packs, $(SpicetimeBuildNumber), a project's own Version, a commit built without restore, and a shallow clone.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class PackTests
{
    /// <summary>The seed's fork tree in git: tree.json committed, then two more commits (feature-A's height is 3).</summary>
    private static (ConsumerRepo Repo, string Head) ForkTreeInGit(string name)
    {
        var repo = ForkTree.Create(name).InitGit();
        repo.Commit("the tree");
        repo.Write("notes.txt", "one").Commit("work");
        var head = repo.Write("notes.txt", "two").Commit("more work");
        return (repo, head);
    }

    private static XElement Metadata(XDocument nuspec) => nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

    private static XElement Element(XDocument nuspec, string name) => Metadata(nuspec).Elements().Single(e => e.Name.LocalName == name);

    private static Dictionary<string, string> Dependencies(XDocument nuspec) =>
        Metadata(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);

    [Test]
    public void A_fork_packs_as_its_parents_line_its_label_and_its_git_height_with_the_forks_dependencies_and_lineage()
    {
        var (repo, head) = ForkTreeInGit("pack-fork");
        repo.Dotnet("pack", ForkTree.Web, "-o", "out").ShouldSucceed();
        repo.Dotnet("pack", ForkTree.Core, "-o", "out").ShouldSucceed();

        Assert.That(File.Exists(repo.PathOf("out/Web.1.4.0-feature-a.3.nupkg")), Is.True, string.Join(", ", Directory.GetFiles(repo.PathOf("out"))));
        Assert.That(File.Exists(repo.PathOf("out/Core.1.4.0.nupkg")), Is.True, "the root packs as the tree's version");

        var web = repo.Nuspec("out/Web.1.4.0-feature-a.3.nupkg");
        Assert.That(Element(web, "version").Value, Is.EqualTo("1.4.0-feature-a.3"));
        Assert.That(Dependencies(web), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["Core"] = "1.4.0",              // the scope's project reference: the version Core packs as
            ["Newtonsoft.Json"] = "13.0.3",  // feature-A's override of core's 13.0.1
            ["Serilog"] = "4.0.0",           // infra
        }));
        var repository = Element(web, "repository");
        Assert.That(repository.Attribute("type")!.Value, Is.EqualTo("git"));
        Assert.That(repository.Attribute("branch")!.Value, Is.EqualTo("feature-A"));
        Assert.That(repository.Attribute("commit")!.Value, Is.EqualTo(head));
        Assert.That(Element(web, "tags").Value, Does.Contain("spicetime-lineage:release/feature-a"));

        // dotnet build agrees with dotnet pack: the evaluated properties and the assembly's version resources.
        var evaluation = repo.Evaluate(ForkTree.Web, new[] { "Version", "PackageVersion", "FileVersion", "SpicetimeCommit", "SpicetimeLineage" }, Array.Empty<string>());
        Assert.That(evaluation.Property("Version"), Is.EqualTo("1.4.0-feature-a.3"));
        Assert.That(evaluation.Property("PackageVersion"), Is.EqualTo("1.4.0-feature-a.3"));
        Assert.That(evaluation.Property("FileVersion"), Is.EqualTo("1.4.0.3"));
        Assert.That(evaluation.Property("SpicetimeLineage"), Is.EqualTo("release;feature-A"));
        var dll = FileVersionInfo.GetVersionInfo(repo.PathOf("forks/feature-a/Web/bin/Release/net10.0/Web.dll"));
        Assert.That(dll.FileVersion, Is.EqualTo("1.4.0.3"));
        Assert.That(dll.ProductVersion, Is.EqualTo($"1.4.0-feature-a.3+{head}"), "InformationalVersion carries the commit");
    }

    [Test]
    public void A_reference_to_a_project_of_a_fork_packs_as_a_dependency_on_the_forks_version_not_the_one_restore_saw()
    {
        // Restore's evaluations see the version a project has without Spicetime (1.0.0 here), so the assets file names
        // Lib at 1.0.0; the package must depend on the version Lib packs as.
        var (repo, _) = ForkTreeInGit("pack-fork-reference");
        repo.Project("forks/feature-a/Lib/Lib.csproj", code: "namespace Lib;\npublic static class L { public static int V => 1; }\n");
        repo.Project("forks/feature-a/Client/Client.csproj", "<ItemGroup><ProjectReference Include=\"../Lib/Lib.csproj\" /></ItemGroup>",
            "namespace Client;\npublic static class C { public static int V => Lib.L.V; }\n");
        repo.Commit("a library of feature-A and a client of it");
        repo.Dotnet("pack", "forks/feature-a/Client/Client.csproj", "-o", "out").ShouldSucceed();
        Assert.That(repo.Read("forks/feature-a/Client/obj/project.assets.json"), Does.Contain("\"Lib/1.0.0\""), "restore saw Lib without its node's version");
        var client = repo.Nuspec("out/Client.1.4.0-feature-a.4.nupkg");
        Assert.That(Dependencies(client)["Lib"], Is.EqualTo("1.4.0-feature-a.4"));
    }

    [Test]
    public void Labels_of_every_kind_of_branch_name_and_grandchildren_pack_as_valid_versions_in_one_solution_pack()
    {
        const string longBranch = "users/ana/an-experiment-with-a-branch-name-far-too-long-for-any-package-version";
        var repo = new ConsumerRepo("pack-labels").InitGit();
        repo.Write("tree.json", $$$"""
            {"root": {"branch": "release", "version": "2.0.0", "children": [
              {"branch": "Feature/New_UI", "path": "forks/ui", "children": [{"branch": "Hot_Fix", "path": "forks/ui/hotfix"}]},
              {"branch": "2024", "path": "forks/year"},
              {"branch": "users/ÜBER_x", "path": "forks/unicode"},
              {"branch": "{{{longBranch}}}", "path": "forks/long"}]}}
            """);
        var projects = new[] { "forks/ui/Ui/Ui.csproj", "forks/ui/hotfix/Fix/Fix.csproj", "forks/year/Year/Year.csproj", "forks/unicode/Uni/Uni.csproj", "forks/long/Long/Long.csproj" };
        foreach (var project in projects)
        {
            repo.Project(project);
        }

        repo.Write("All.slnx", "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"{p}\" />\n")) + "</Solution>\n");
        repo.Commit("tree");
        repo.Commit("second");
        var pack = repo.Dotnet("pack", "All.slnx", "-o", "out").ShouldSucceed();

        string VersionOf(string id) => Element(repo.Nuspec(Directory.GetFiles(repo.PathOf("out"), $"{id}.*.nupkg").Single()[(repo.Root.Length + 1)..]), "version").Value;
        Assert.That(VersionOf("Ui"), Is.EqualTo("2.0.0-feature-new-ui.2"), "slash and underscore become '-', upper case is lowered");
        Assert.That(VersionOf("Fix"), Is.EqualTo("2.0.0-feature-new-ui.2.hot-fix.2"), "a grandchild continues its parent's line");
        Assert.That(VersionOf("Year"), Is.EqualTo("2.0.0-b2024.2"), "an all-digit label gets a 'b' so it is not read as a number");
        Assert.That(VersionOf("Uni"), Is.EqualTo("2.0.0-users--ber-x.2"), "non-ASCII letters become '-'");
        var longVersion = VersionOf("Long");
        Assert.That(longVersion.Length, Is.LessThanOrEqualTo(64));
        Assert.That(longVersion, Does.Match(@"^2\.0\.0-users-ana-an-experiment-[0-9a-z-]*-[0-9a-f]{7}\.2$"));
        Assert.That(pack.Output, Does.Contain("warning SPT0501").And.Contain(longBranch));
    }

    [Test]
    public void Without_a_root_version_the_builds_Version_is_the_line_and_the_root_keeps_it()
    {
        var repo = new ConsumerRepo("pack-rootless").InitGit();
        repo.Write("Directory.Build.props", "<Project><PropertyGroup><Version>3.2.0</Version></PropertyGroup></Project>");
        repo.Write("tree.json", """{"root": {"branch": "main", "children": [{"branch": "widgets", "path": "forks/widgets"}]}}""");
        repo.Project("forks/widgets/Widgets/Widgets.csproj").Project("src/Base/Base.csproj");
        repo.Commit("tree");
        repo.Dotnet("pack", "forks/widgets/Widgets/Widgets.csproj", "-o", "out").ShouldSucceed();
        repo.Dotnet("pack", "src/Base/Base.csproj", "-o", "out").ShouldSucceed();
        Assert.That(Directory.GetFiles(repo.PathOf("out")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "Widgets.3.2.0-widgets.1.nupkg", "Base.3.2.0.nupkg" }));
        repo.Dotnet("pack", "forks/widgets/Widgets/Widgets.csproj", "-o", "out2", "-p:Version=4.0").ShouldSucceed();
        Assert.That(Directory.GetFiles(repo.PathOf("out2"), "*.nupkg").Select(Path.GetFileName), Is.EqualTo(new[] { "Widgets.4.0.0.nupkg" }),
            "a Version on the command line is a global property: it wins, as it does for every property");
        var bad = repo.Dotnet("pack", "forks/widgets/Widgets/Widgets.csproj", "-o", "out3", "-p:SpicetimeBuildNumber=seven");
        Assert.That(bad.ExitCode, Is.Not.EqualTo(0));
        Assert.That(bad.Output, Does.Contain("error SPT0503: $(SpicetimeBuildNumber) is 'seven'"));
    }

    [Test]
    public void A_VersionPrefix_in_Directory_Build_props_is_the_line_without_a_root_version()
    {
        // As serilog/serilog-aspnetcore names its version (benchmarks/adoption): forks continue 10.0.1, not 1.0.0.
        var repo = new ConsumerRepo("pack-prefix").InitGit();
        repo.Write("Directory.Build.props", "<Project><PropertyGroup><VersionPrefix>10.0.1</VersionPrefix></PropertyGroup></Project>");
        repo.Write("tree.json", """{"root": {"branch": "main", "children": [{"branch": "widgets", "path": "forks/widgets"}]}}""");
        repo.Project("forks/widgets/Widgets/Widgets.csproj").Project("src/Base/Base.csproj");
        repo.Commit("tree");
        repo.Dotnet("pack", "forks/widgets/Widgets/Widgets.csproj", "-o", "out").ShouldSucceed();
        repo.Dotnet("pack", "src/Base/Base.csproj", "-o", "out").ShouldSucceed();
        repo.Dotnet("pack", "forks/widgets/Widgets/Widgets.csproj", "-o", "out2", "-p:VersionSuffix=rc.2").ShouldSucceed();
        Assert.That(Directory.GetFiles(repo.PathOf("out")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "Widgets.10.0.1-widgets.1.nupkg", "Base.10.0.1.nupkg" }));
        Assert.That(Directory.GetFiles(repo.PathOf("out2")).Select(Path.GetFileName), Is.EqualTo(new[] { "Widgets.10.0.1-rc.2.widgets.1.nupkg" }),
            "VersionPrefix-VersionSuffix is the line, as the SDK makes Version from them");
    }

    [Test]
    public void Packing_twice_gives_byte_identical_packages_stamped_with_the_commit_time()
    {
        var (repo, _) = ForkTreeInGit("pack-twice");
        repo.Dotnet("pack", ForkTree.Web, "-o", "out1").ShouldSucceed();
        Thread.Sleep(2100); // zip times have a two-second grain: a clock-stamped pack would differ now
        repo.Git("clean", "-q", "-fdx", "-e", "out1"); // from scratch: restore, compile, pack
        repo.Dotnet("pack", ForkTree.Web, "-o", "out2").ShouldSucceed();

        var first = File.ReadAllBytes(repo.PathOf("out1/Web.1.4.0-feature-a.3.nupkg"));
        var second = File.ReadAllBytes(repo.PathOf("out2/Web.1.4.0-feature-a.3.nupkg"));
        Assert.That(Convert.ToHexString(SHA256.HashData(second)), Is.EqualTo(Convert.ToHexString(SHA256.HashData(first))));
        using var zip = System.IO.Compression.ZipFile.OpenRead(repo.PathOf("out1/Web.1.4.0-feature-a.3.nupkg"));
        var commitTime = DateTimeOffset.FromUnixTimeSeconds(long.Parse(repo.Git("log", "-1", "--format=%ct").Output.Trim()));
        // Zip entries hold a wall-clock time with a two-second grain; NuGet writes the timestamp's UTC clock.
        var offsets = zip.Entries.Select(e => Math.Abs((e.LastWriteTime.DateTime - commitTime.UtcDateTime).TotalSeconds)).ToList();
        Assert.That(offsets, Has.All.LessThanOrEqualTo(2), "every entry is stamped with the commit's time, not the clock's");
    }

    [Test]
    public void SpicetimeBuildNumber_replaces_the_height_and_a_project_that_sets_Version_keeps_it()
    {
        var (repo, _) = ForkTreeInGit("pack-number");
        repo.Dotnet("pack", ForkTree.Web, "-o", "out", "-p:SpicetimeBuildNumber=42").ShouldSucceed();
        Assert.That(File.Exists(repo.PathOf("out/Web.1.4.0-feature-a.42.nupkg")), Is.True, string.Join(", ", Directory.GetFiles(repo.PathOf("out"))));

        repo.Write(ForkTree.Api, repo.Read(ForkTree.Api).Replace("<TargetFramework>", "<Version>9.9.9</Version><TargetFramework>", StringComparison.Ordinal));
        repo.Dotnet("pack", ForkTree.Api, "-o", "out").ShouldSucceed();
        Assert.That(File.Exists(repo.PathOf("out/Api.9.9.9.nupkg")), Is.True, "the project is the most specific level");
    }

    [Test]
    public void A_new_commit_built_without_restore_gets_the_new_version_without_asking_for_a_restore()
    {
        var (repo, _) = ForkTreeInGit("pack-norestore");
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        var head = repo.Write("notes.txt", "three").Commit("a fourth commit");
        var build = repo.Dotnet("build", ForkTree.Web, "--no-restore").ShouldSucceed();
        Assert.That(build.Output, Does.Not.Contain("SPT0300"));
        var dll = FileVersionInfo.GetVersionInfo(repo.PathOf("forks/feature-a/Web/bin/Debug/net10.0/Web.dll"));
        Assert.That(dll.ProductVersion, Is.EqualTo($"1.4.0-feature-a.4+{head}"));
        Assert.That(dll.FileVersion, Is.EqualTo("1.4.0.4"));
        repo.Dotnet("pack", ForkTree.Web, "--no-build", "-c", "Debug", "-o", "out").ShouldSucceed();
        Assert.That(File.Exists(repo.PathOf("out/Web.1.4.0-feature-a.4.nupkg")), Is.True, string.Join(", ", Directory.GetFiles(repo.PathOf("out"))));
    }

    [Test]
    public void A_new_commit_changes_the_version_without_a_new_restore_or_a_second_compile()
    {
        var (repo, _) = ForkTreeInGit("pack-commit-restore");
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        // The first restore ran before the generated props existed, without the scope's restore-shaping properties
        // (TreatWarningsAsErrors from infra); the next build restores once more with them (IncrementalTests).
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        const string Assets = "forks/feature-a/Web/obj/project.assets.json", Compiled = "forks/feature-a/Web/obj/Debug/net10.0/Web.dll";
        var restored = File.GetLastWriteTimeUtc(repo.PathOf(Assets));
        var inputs = repo.Read("forks/feature-a/Web/obj/Web.csproj.nuget.dgspec.json");

        var head = repo.Write("notes.txt", "four").Commit("a fourth commit");
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        var dll = FileVersionInfo.GetVersionInfo(repo.PathOf("forks/feature-a/Web/bin/Debug/net10.0/Web.dll"));
        Assert.That(dll.ProductVersion, Is.EqualTo($"1.4.0-feature-a.4+{head}"));
        var compiled = File.GetLastWriteTimeUtc(repo.PathOf(Compiled));

        // The build after it: the version NuGet sees is the same in every restore, so nothing is restored or compiled.
        var again = repo.Dotnet("build", ForkTree.Web, "-v:n").ShouldSucceed();
        Assert.That(repo.Read("forks/feature-a/Web/obj/Web.csproj.nuget.dgspec.json"), Is.EqualTo(inputs), "restore's inputs as before the commit");
        Assert.That(File.GetLastWriteTimeUtc(repo.PathOf(Assets)), Is.EqualTo(restored), "no restore wrote the assets file");
        Assert.That(File.GetLastWriteTimeUtc(repo.PathOf(Compiled)), Is.EqualTo(compiled), again.Output);
        Assert.That(again.Output, Does.Contain("Skipping target \"CoreCompile\""));
        Assert.That(FileVersionInfo.GetVersionInfo(repo.PathOf("forks/feature-a/Web/bin/Debug/net10.0/Web.dll")).ProductVersion,
            Is.EqualTo($"1.4.0-feature-a.4+{head}"));
    }

    [Test]
    public void A_commit_after_git_packed_the_refs_still_gives_a_new_version()
    {
        var (repo, _) = ForkTreeInGit("pack-packedrefs");
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        repo.Git("pack-refs", "--all");
        Assert.That(File.Exists(repo.PathOf(".git/refs/heads/main")), Is.False, "the ref is packed");
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        var head = repo.Write("notes.txt", "after packing").Commit("a commit that creates the loose ref again");
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        var dll = FileVersionInfo.GetVersionInfo(repo.PathOf("forks/feature-a/Web/bin/Debug/net10.0/Web.dll"));
        Assert.That(dll.ProductVersion, Is.EqualTo($"1.4.0-feature-a.4+{head}"));
    }

    [Test]
    public void A_shallow_clone_that_lacks_the_line_fails_with_SPT0500_saying_how_deep_to_fetch()
    {
        var (origin, _) = ForkTreeInGit("pack-origin");
        var clone = new ConsumerRepo("pack-shallow");
        Directory.Delete(clone.Root, true);
        DotnetRun.Run("git", origin.Root, new[] { "clone", "-q", "--depth", "1", "file://" + origin.Root, clone.Root }).ShouldSucceed();
        var build = clone.Dotnet("build", ForkTree.Web);
        Assert.That(build.ExitCode, Is.Not.EqualTo(0));
        Assert.That(build.Output, Does.Contain("error SPT0500").And.Contain("git fetch --unshallow").And.Contain("fetch-depth: 0"));
        clone.Dotnet("build", ForkTree.Core).ShouldSucceed(); // the root has its own version: no history needed
    }
}
