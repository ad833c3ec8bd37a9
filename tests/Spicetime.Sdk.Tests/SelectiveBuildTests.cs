using System.Text.Json;
using System.Text.RegularExpressions;
using Spicetime.Cli;

namespace Spicetime.Sdk.Tests;

/// <summary>
/// Selective builds in real repositories: <c>-p:SpicetimeAffectedSince</c> on a solution, and the traversal project and
/// solution filter that `spicetime affected` writes, each built by the real dotnet.
/// </summary>
public class SelectiveBuildTests
{
    private static ConsumerRepo Committed(string name)
    {
        var repo = ForkTree.Create(name);
        repo.Write("ForkTree.slnx", $"""
            <Solution>
              <Project Path="{ForkTree.Core}" />
              <Project Path="{ForkTree.Web}" />
              <Project Path="{ForkTree.Api}" />
            </Solution>
            """);
        repo.Write(".gitignore", "bin/\nobj/\n*.nupkg\n");
        repo.Git("init", "-q", "-b", "release");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "fork tree");
        return repo;
    }

    private static void Change(ConsumerRepo repo, string project)
    {
        var code = Path.Combine(Path.GetDirectoryName(project)!, "Code.cs");
        repo.Write(code, repo.Read(code) + "\n// changed\n");
        repo.Git("commit", "-q", "-am", $"change {project}");
    }

    private static (int Exit, string Output) Cli(ConsumerRepo repo, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = SpicetimeCli.Run(args, output, error, repo.Root);
        Assert.That(exit, Is.EqualTo(0), error.ToString());
        return (exit, output.ToString());
    }

    private static string Dll(ConsumerRepo repo, string project) =>
        repo.PathOf(Path.Combine(Path.GetDirectoryName(project)!, "bin", "Debug", "net10.0", Path.GetFileNameWithoutExtension(project) + ".dll"));

    [Test]
    public void SpicetimeAffectedSince_builds_the_affected_projects_and_what_they_need_and_skips_the_rest()
    {
        var repo = Committed("affected-since");
        Change(repo, ForkTree.Web);

        var build = repo.Dotnet("build", "ForkTree.slnx", "-p:SpicetimeAffectedSince=HEAD~1", "-tl:off").ShouldSucceed();
        Assert.That(build.Output, Does.Contain("Spicetime: forks/feature-a/Web/Web.csproj is affected by the changes since HEAD~1 (merge base "));
        Assert.That(build.Output, Does.Contain("forks/feature-a/Web/Code.cs: in the folder of forks/feature-a/Web/Web.csproj"));
        Assert.That(build.Output, Does.Contain("Spicetime: shared/Core/Core.csproj is not affected since HEAD~1").And.Contain("but builds because it is referenced by forks/feature-a/Web/Web.csproj"));
        Assert.That(Regex.Matches(build.Output, "Spicetime: skipped forks/feature-b/Api/Api.csproj: not affected by the changes since HEAD~1"), Has.Count.EqualTo(1), build.Output);
        Assert.That(File.Exists(Dll(repo, ForkTree.Web)), Is.True);
        Assert.That(File.Exists(Dll(repo, ForkTree.Core)), Is.True, "Web needs Core");
        Assert.That(File.Exists(Dll(repo, ForkTree.Api)), Is.False, "Api is skipped");

        // The same answer as the CLI gives (the same code computes both).
        var (_, json) = Cli(repo, "affected", "--base", "HEAD~1", "--format", "json");
        Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("path").GetString()),
            Is.EqualTo(new[] { ForkTree.Web }));

        // Pack makes packages of the affected projects only.
        repo.Dotnet("pack", "ForkTree.slnx", "-p:SpicetimeAffectedSince=HEAD~1", "-o", repo.PathOf("packages"), "-tl:off").ShouldSucceed();
        var packages = Directory.GetFiles(repo.PathOf("packages"), "*.nupkg").Select(Path.GetFileName).ToList();
        Assert.That(packages, Has.Count.EqualTo(1));
        Assert.That(packages[0], Does.StartWith("Web."));

        // A tree change to feature-B's own scope affects Api; with -p:SpicetimeBranch=feature-A every project is in
        // feature-A, whose state did not change, so nothing is (the query maps projects as the build does).
        repo.Write("tree.json", repo.Read("tree.json").Replace("\"Polly\": \"8.4.2\"", "\"Polly\": \"8.5.2\""));
        repo.Git("commit", "-q", "-am", "backend takes Polly 8.5.2");
        var own = repo.Dotnet("build", "ForkTree.slnx", "-p:SpicetimeAffectedSince=HEAD~1", "-tl:off").ShouldSucceed();
        Assert.That(own.Output, Does.Contain("Spicetime: forks/feature-b/Api/Api.csproj is affected by the changes since HEAD~1").And.Contain("packages.Polly 8.4.2 -> 8.5.2 (feature-B/backend) -> node feature-B"));
        var forced = repo.Dotnet("build", "ForkTree.slnx", "-p:SpicetimeAffectedSince=HEAD~1", "-p:SpicetimeBranch=feature-A", "-tl:off").ShouldSucceed();
        Assert.That(forced.Output, Does.Contain("Spicetime: skipped forks/feature-b/Api/Api.csproj").And.Not.Contain("Api.csproj is affected"));

        // A bad base is one clear error, not a build of everything.
        var bad = repo.Dotnet("build", "ForkTree.slnx", "-p:SpicetimeAffectedSince=no-such-ref", "-tl:off");
        Assert.That(bad.ExitCode, Is.Not.EqualTo(0));
        Assert.That(bad.Output, Does.Contain("error SPT0400: git cannot compare no-such-ref with HEAD"));
    }

    [Test]
    public void The_traversal_project_and_the_solution_filter_build_exactly_the_affected_projects()
    {
        var repo = Committed("traversal");
        Change(repo, ForkTree.Core); // Core, and Web through the reference the core scope injects; not Api.

        repo.Write("affected.proj", Cli(repo, "affected", "--base", "HEAD~1", "--format", "traversal").Output);
        var traversal = repo.Dotnet("build", "affected.proj", "-tl:off").ShouldSucceed();
        Assert.That(traversal.Output, Does.Contain("Restored " + repo.PathOf(ForkTree.Core)).And.Contain("Restored " + repo.PathOf(ForkTree.Web)));
        Assert.That(traversal.Output, Does.Not.Contain("Restored " + repo.PathOf(ForkTree.Api)));
        Assert.That(File.Exists(Dll(repo, ForkTree.Core)), Is.True, repo.Read("affected.proj") + traversal.Output);
        Assert.That(File.Exists(Dll(repo, ForkTree.Web)), Is.True);
        Assert.That(File.Exists(Dll(repo, ForkTree.Api)), Is.False);
        repo.Dotnet("clean", "affected.proj", "-tl:off").ShouldSucceed();
        Assert.That(File.Exists(Dll(repo, ForkTree.Core)), Is.False);
        Assert.That(File.Exists(Dll(repo, ForkTree.Web)), Is.False);

        repo.Write("affected.slnf", Cli(repo, "affected", "--base", "HEAD~1", "--format", "slnf").Output);
        repo.Dotnet("build", "affected.slnf", "-tl:off").ShouldSucceed();
        Assert.That(File.Exists(Dll(repo, ForkTree.Core)), Is.True);
        Assert.That(File.Exists(Dll(repo, ForkTree.Web)), Is.True);
        Assert.That(File.Exists(Dll(repo, ForkTree.Api)), Is.False);
    }

    [Test]
    public void A_workspace_filter_builds_the_forks_projects_and_what_they_reference()
    {
        var repo = Committed("workspace");
        var (_, written) = Cli(repo, "workspace", "--branch", "feature-A");
        Assert.That(written, Does.StartWith("Wrote feature-a.slnf: 2 project(s) of feature-A"));
        repo.Dotnet("build", "feature-a.slnf", "-tl:off").ShouldSucceed();
        Assert.That(File.Exists(Dll(repo, ForkTree.Web)), Is.True);
        Assert.That(File.Exists(Dll(repo, ForkTree.Core)), Is.True);
        Assert.That(File.Exists(Dll(repo, ForkTree.Api)), Is.False);
    }

    /// <summary>
    /// The fork tree with a test project in each fork (Tests.slnx) in git, then one commit that changes feature-B's
    /// tests only. <paramref name="webOutcome"/> is what feature-A's test does when it runs; <paramref name="testRunner"/>,
    /// when given, goes into global.json ("test": {"runner": ...}).
    /// </summary>
    private static ConsumerRepo WithTestProjects(string name, string testProjectBody, string webOutcome, string? testRunner = null)
    {
        var repo = ForkTree.Create(name);
        if (testRunner is not null)
        {
            repo.Write("global.json", repo.Read("global.json").TrimEnd().TrimEnd('}') + $$""", "test": { "runner": "{{testRunner}}" } }""");
        }

        repo.Project("forks/feature-a/Web.Tests/Web.Tests.csproj", testProjectBody, $$"""
            public class WebTests { [NUnit.Framework.Test] public void Ran() => NUnit.Framework.Assert.{{webOutcome}}("feature-A's tests ran"); }
            """);
        repo.Project("forks/feature-b/Api.Tests/Api.Tests.csproj", testProjectBody, """
            public class ApiTests { [NUnit.Framework.Test] public void Ran() => NUnit.Framework.Assert.Pass(); }
            """);
        repo.Write("Tests.slnx", """
            <Solution>
              <Project Path="forks/feature-a/Web.Tests/Web.Tests.csproj" />
              <Project Path="forks/feature-b/Api.Tests/Api.Tests.csproj" />
            </Solution>
            """);
        repo.Write(".gitignore", "bin/\nobj/\n*.slnf\n");
        repo.Git("init", "-q", "-b", "release");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "tests");
        repo.Write("forks/feature-b/Api.Tests/Code.cs", repo.Read("forks/feature-b/Api.Tests/Code.cs") + "\n// changed\n");
        repo.Git("commit", "-q", "-am", "change feature-B's tests");
        return repo;
    }

    [Test]
    public void Dotnet_test_with_SpicetimeAffectedSince_runs_only_the_affected_test_projects()
    {
        // feature-A's test fails if it ever runs: a change in feature-B must not run it.
        var repo = WithTestProjects("affected-test", """
              <ItemGroup>
                <PackageReference Include="NUnit" Version="4.4.0" />
                <PackageReference Include="NUnit3TestAdapter" Version="6.3.1" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />
              </ItemGroup>
            """, "Fail");

        var test = repo.Dotnet("test", "Tests.slnx", "-p:SpicetimeAffectedSince=HEAD~1", "-tl:off").ShouldSucceed();
        Assert.That(test.Output, Does.Contain("Spicetime: skipped forks/feature-a/Web.Tests/Web.Tests.csproj: not affected"));
        Assert.That(test.Output, Does.Contain("Passed!").And.Contain("Api.Tests.dll"));
        Assert.That(test.Output, Does.Not.Contain("Web.Tests.dll").And.Not.Contain("feature-A's tests ran"));

        // The same selection written by the CLI: dotnet test of the traversal project and of the solution filter.
        foreach (var (format, file) in new[] { ("traversal", "affected.proj"), ("slnf", "affected.slnf") })
        {
            repo.Git("clean", "-xdfq", "-e", "*.slnf", "-e", "*.proj");
            repo.Write(file, Cli(repo, "affected", "--base", "HEAD~1", "--format", format, "--solution", "Tests.slnx").Output);
            var run = repo.Dotnet("test", file, "-tl:off").ShouldSucceed();
            Assert.That(run.Output, Does.Contain("Passed!").And.Contain("Api.Tests.dll"), format);
            Assert.That(run.Output, Does.Not.Contain("Web.Tests.dll").And.Not.Contain("feature-A's tests ran"), format);
        }
    }

    [Test]
    public void Dotnet_test_on_Microsoft_Testing_Platform_tests_the_affected_applications_of_a_solution_filter()
    {
        // feature-A's test passes: under SpicetimeAffectedSince the platform runs it anyway (SPT0402).
        var repo = WithTestProjects("affected-mtp", """
              <PropertyGroup><OutputType>Exe</OutputType><EnableNUnitRunner>true</EnableNUnitRunner></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="NUnit" Version="4.4.0" />
                <PackageReference Include="NUnit3TestAdapter" Version="6.3.1" />
              </ItemGroup>
            """, "Pass", testRunner: "Microsoft.Testing.Platform");

        // The solution filter: only the affected test application is built and run.
        repo.Write("affected.slnf", Cli(repo, "affected", "--base", "HEAD~1", "--format", "slnf", "--solution", "Tests.slnx").Output);
        var filtered = repo.Dotnet("test", "--solution", "affected.slnf").ShouldSucceed();
        Assert.That(filtered.Output, Does.Contain("Api.Tests.dll").And.Contain("Passed!"));
        Assert.That(filtered.Output, Does.Not.Contain("Web.Tests.dll"));

        // In the solution with SpicetimeAffectedSince, dotnet test runs every test application it finds by evaluation,
        // so an unaffected one still builds (rather than failing the run), and the build says how to select instead.
        repo.Git("clean", "-xdfq");
        var since = repo.Dotnet("test", "--solution", "Tests.slnx", "-p:SpicetimeAffectedSince=HEAD~1").ShouldSucceed();
        Assert.That(since.Output, Does.Contain("warning SPT0402: forks/feature-a/Web.Tests/Web.Tests.csproj is not affected since HEAD~1"));
        Assert.That(since.Output, Does.Contain("spicetime affected --base HEAD~1 --format slnf > affected.slnf"));
        Assert.That(since.Output, Does.Not.Contain("Api.Tests.csproj is not affected"));

        // dotnet build still skips an unaffected test application: only dotnet test on the platform needs it built.
        repo.Git("clean", "-xdfq");
        var build = repo.Dotnet("build", "Tests.slnx", "-p:SpicetimeAffectedSince=HEAD~1", "-tl:off").ShouldSucceed();
        Assert.That(build.Output, Does.Contain("Spicetime: skipped forks/feature-a/Web.Tests/Web.Tests.csproj").And.Not.Contain("SPT0402"));
    }
}
