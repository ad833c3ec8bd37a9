namespace Spicetime.Sdk.Tests;

/// <summary>Errors in tree.json surface in the build, positioned on tree.json.</summary>
public class DiagnosticsInBuildTests
{
    [Test]
    public void Tree_errors_fail_the_build_positioned_on_tree_json()
    {
        var repo = ForkTree.Create("tree-error");
        var broken = ForkTree.TreeJson.Replace("\"inherits\": [\"infra\"]", "\"inherits\": [\"infrastructure\"]");
        repo.Write("tree.json", broken);
        var build = repo.Dotnet("build", ForkTree.Web);
        Assert.That(build.ExitCode, Is.Not.EqualTo(0));
        var lines = broken.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("\"infrastructure\"")) + 1;
        var column = lines[line - 1].IndexOf("\"infrastructure\"", StringComparison.Ordinal) + 1;
        Assert.That(build.Output, Does.Contain($"{repo.PathOf("tree.json")}({line},{column}): error SPT0102: feature-B inherits 'infrastructure', which release does not have"));
        Assert.That(build.Output, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void A_key_slip_that_changes_meaning_fails_the_build_instead_of_inheriting_everything()
    {
        var repo = ForkTree.Create("key-slip");
        var slipped = ForkTree.TreeJson.Replace("\"inherits\": [\"infra\"]", "\"inherit\": []");
        Assert.That(slipped, Is.Not.EqualTo(ForkTree.TreeJson));
        repo.Write("tree.json", slipped);
        var build = repo.Dotnet("build", ForkTree.Api);
        Assert.That(build.ExitCode, Is.Not.EqualTo(0), build.ToString());
        var lines = slipped.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("\"inherit\"")) + 1;
        Assert.That(build.Output, Does.Contain($"{repo.PathOf("tree.json")}({line},").And.Contain("error SPT0122").And.Contain("inherits"));
        Assert.That(File.Exists(repo.PathOf("forks/feature-b/Api/obj/spicetime.Api.csproj.g.props")), Is.False, "nothing generated from a tree that failed");
    }

    [Test]
    public void Malformed_tree_json_is_SPT0100_in_the_build()
    {
        var repo = ForkTree.Create("tree-malformed");
        repo.Write("tree.json", "{ \"root\": { \"branch\": \"release\" ");
        var build = repo.Dotnet("build", ForkTree.Web);
        Assert.That(build.ExitCode, Is.Not.EqualTo(0));
        Assert.That(build.Output, Does.Match(@"tree\.json\(1,\d+\): error SPT0100: Malformed JSON"));
    }

    [Test]
    public void Warnings_of_the_seed_manifest_are_reported_once_and_the_build_succeeds()
    {
        var repo = new ConsumerRepo("seed");
        repo.Write("tree.json", File.ReadAllText(Path.Combine(SdkPackage.RepositoryRoot, "samples", "seed", "tree.json")));
        repo.Project("App/App.csproj", code: "namespace App; public static class A { }");
        repo.Project("Lib/Lib.csproj", code: "namespace Lib; public static class L { }");
        repo.Dotnet("new", "sln", "-n", "Seed", "--format", "sln").ShouldSucceed();
        repo.Dotnet("sln", "Seed.sln", "add", "App/App.csproj", "Lib/Lib.csproj").ShouldSucceed();
        var build = repo.Dotnet("build", "Seed.sln", "-m:1", "-clp:NoSummary").ShouldSucceed();
        var log = build.Output[..build.Output.IndexOf("Build succeeded", StringComparison.Ordinal)];
        Assert.That(log.Split('\n').Count(l => l.Contains("warning SPT0108: Scope 'core' of release")), Is.EqualTo(1), build.Output);
        Assert.That(build.Output, Does.Contain("5 Warning(s)"), "the seed's five undefined scopes, once each for two projects");
        var app = repo.Evaluate("App/App.csproj", new[] { "SpicetimeBranch", "SpicetimeScopes" }, Array.Empty<string>());
        Assert.That(app.Property("SpicetimeBranch"), Is.EqualTo("release"));
        Assert.That(app.Property("SpicetimeScopes"), Is.EqualTo("core;infra"));
    }
}

/// <summary>A scope that sets what shapes restore (TargetFramework) takes effect at the next restore, and says so.</summary>
public class RestoreShapingPropertyTests
{
    [Test]
    public void A_scope_TargetFramework_warns_SPT0301_on_the_first_restore_and_applies_from_the_next()
    {
        var tree = """
            {"scopes": {"core": {"properties": {"TargetFramework": "net10.0", "Nullable": "enable"}}},
             "root": {"branch": "release", "scopes": ["core"]}}
            """;
        var repo = new ConsumerRepo("tfm").Write("tree.json", tree);
        repo.Write("App/App.csproj", """<Project Sdk="Spicetime.Sdk" />""");
        repo.Write("App/Code.cs", "namespace App; public static class A { public static string? N => null; }");
        var first = repo.Dotnet("restore", "App/App.csproj");
        var line = tree.Split('\n').TakeWhile(l => !l.Contains("\"net10.0\"")).Count() + 1;
        var column = tree.Split('\n')[line - 1].IndexOf("\"net10.0\"", StringComparison.Ordinal) + 1;
        Assert.That(first.Output, Does.Contain($"tree.json({line},{column}): warning SPT0301: TargetFramework of App.csproj is now 'net10.0' (release/core)"));
        repo.Dotnet("build", "App/App.csproj").ShouldSucceed();
        var app = repo.Evaluate("App/App.csproj", new[] { "TargetFramework" }, Array.Empty<string>());
        Assert.That(app.Property("TargetFramework"), Is.EqualTo("net10.0"));
        var again = repo.Dotnet("build", "App/App.csproj").ShouldSucceed();
        Assert.That(again.Output, Does.Not.Contain("SPT0301"), "steady once restored with it");
    }

    [Test]
    public void No_SPT0301_when_the_project_sets_the_property_itself()
    {
        var repo = new ConsumerRepo("tfm-own").Write("tree.json", """
            {"scopes": {"core": {"properties": {"TargetFramework": "net9.0"}}}, "root": {"branch": "release", "scopes": ["core"]}}
            """);
        repo.Project("App/App.csproj", code: "namespace App; public static class A { }");
        var build = repo.Dotnet("build", "App/App.csproj").ShouldSucceed();
        Assert.That(build.Output, Does.Not.Contain("SPT0301"));
    }
}
