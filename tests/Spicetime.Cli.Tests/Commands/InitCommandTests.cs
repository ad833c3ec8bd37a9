using Spicetime.Tree.Adoption;

namespace Spicetime.Cli.Tests.Commands;

/// <summary>`spicetime init` in a real git repository that already has a Directory.Build.props and a global.json.</summary>
public class InitCommandTests
{
    private const string Props = """
        <Project>
          <PropertyGroup>
            <LangVersion>latest</LangVersion>
          </PropertyGroup>
        </Project>

        """;

    private const string GlobalJson = """
        {
          "sdk": {
            "version": "10.0.100",
            "rollForward": "latestFeature"
          }
        }

        """;

    private GitWorkspace _repo = null!;

    [SetUp]
    public void CreateRepository()
    {
        _repo = new GitWorkspace()
            .Write("Directory.Build.props", Props)
            .Write("global.json", GlobalJson)
            .Write("src/App/App.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""")
            .Write("forks/feature-a/Web/Web.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web" />""");
        _repo.Commit("a repository before Spicetime");
    }

    [TearDown]
    public void RemoveRepository() => _repo.Dispose();

    private string Read(string name) => File.ReadAllText(Path.Combine(_repo.Root, name)).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Version => typeof(SpicetimeCli).Assembly.GetName().Version!.ToString(3);

    [Test]
    public void Init_adopts_the_repository_and_a_second_run_changes_nothing()
    {
        var run = CliRun.In(Path.Combine(_repo.Root, "src", "App"), "init", "--fork", "../../forks/feature-a");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("created tree.json: a root node on branch main and 1 fork: feature-a (forks/feature-a)")
            .And.Contain("changed global.json").And.Contain("changed Directory.Build.props").And.Contain("created Directory.Build.targets")
            .And.Contain("Next: dotnet build"));

        Assert.That(Read("tree.json"), Is.EqualTo("""
            {
              "root": {
                "branch": "main",
                "children": [
                  { "branch": "feature-a", "path": "forks/feature-a" }
                ]
              }
            }

            """));
        Assert.That(Read("global.json"), Is.EqualTo($$"""
            {
              "sdk": {
                "version": "10.0.100",
                "rollForward": "latestFeature"
              },
              "msbuild-sdks": {
                "Spicetime.Sdk": "{{Version}}"
              }
            }

            """));
        Assert.That(Read("Directory.Build.props"), Is.EqualTo($"""
            <Project>
              {AdoptionImports.PropsLine}
              <PropertyGroup>
                <LangVersion>latest</LangVersion>
              </PropertyGroup>
            </Project>

            """));
        Assert.That(Read("Directory.Build.targets"), Is.EqualTo($"<Project>\n  {AdoptionImports.TargetsLine}\n</Project>\n"));

        // What it wrote is a valid tree, and the project in the fork's folder maps to the fork.
        var validate = CliRun.In(_repo.Root, "validate");
        Assert.That(validate.ExitCode, Is.EqualTo(0), validate.ToString());

        var files = Directory.GetFiles(_repo.Root).ToDictionary(f => f, File.ReadAllText);
        var again = CliRun.In(_repo.Root, "init", "--branch", "other");
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(again.Output, Does.Contain("Nothing to change").And.Contain("kept tree.json: exists; init never overwrites it"));
        Assert.That(Directory.GetFiles(_repo.Root).ToDictionary(f => f, File.ReadAllText), Is.EqualTo(files));
    }

    [Test]
    public void Dry_run_prints_each_file_and_its_lines_and_writes_nothing()
    {
        var run = CliRun.In(_repo.Root, "init", "--dry-run", "--fork", "forks/feature-a=feature-A");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("would create tree.json").And.Contain("  +       { \"branch\": \"feature-A\", \"path\": \"forks/feature-a\" }")
            .And.Contain("would change global.json").And.Contain($"  +     \"Spicetime.Sdk\": \"{Version}\"")
            .And.Contain("would change Directory.Build.props").And.Contain($"  +   {AdoptionImports.PropsLine}")
            .And.Contain("would create Directory.Build.targets").And.Contain($"  +   {AdoptionImports.TargetsLine}"));
        Assert.That(_repo.Git("status", "--porcelain"), Is.Empty, "nothing written");
    }

    [Test]
    public void A_malformed_global_json_is_a_positioned_error_and_nothing_is_written()
    {
        _repo.Write("global.json", "{\n  \"sdk\": { \"version\": \"10.0.100\" \n}\n");
        _repo.Commit("a broken global.json");
        var run = CliRun.In(_repo.Root, "init");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Match(@"global\.json\(4,1\): error SPT0800: global\.json is not valid JSON \(.+\); fix it"));
        Assert.That(run.Error, Does.Contain("spicetime init wrote nothing.").And.Not.Contain("   at "));
        Assert.That(_repo.Git("status", "--porcelain"), Is.Empty);
    }

    [Test]
    public void A_malformed_Directory_Build_props_is_a_positioned_error_and_nothing_is_written()
    {
        _repo.Write("Directory.Build.props", "<Project>\n  <PropertyGroup>\n</Project>\n");
        _repo.Commit("a broken Directory.Build.props");
        var run = CliRun.In(_repo.Root, "init", "--dry-run");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Match(@"Directory\.Build\.props\(3,3\): error SPT0800: Directory\.Build\.props is not valid XML"));
        Assert.That(run.Output, Is.Empty);
        run = CliRun.In(_repo.Root, "init");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(_repo.Git("status", "--porcelain"), Is.Empty);
    }

    [Test]
    public void A_missing_fork_folder_is_a_usage_error()
    {
        var run = CliRun.In(_repo.Root, "init", "--fork", "forks/nope");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("error SPT0801: --fork forks/nope: no such folder"));
        Assert.That(_repo.Git("status", "--porcelain"), Is.Empty);
    }
}
