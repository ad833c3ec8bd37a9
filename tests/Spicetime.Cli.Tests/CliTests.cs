using System.Text.Json;

namespace Spicetime.Cli.Tests;

/// <summary>What every command shares: finding tree.json, usage errors, help, unknown branches, a malformed tree.</summary>
public class CliTests
{
    [Test]
    public void The_tree_is_found_by_walking_up_or_named_with_tree()
    {
        using var folder = new TreeFolder(Trees.Full);
        var nested = Directory.CreateDirectory(Path.Combine(folder.Path, "forks", "feature-a", "Web")).FullName;
        Assert.That(CliRun.In(nested, "validate").ExitCode, Is.EqualTo(0));
        var elsewhere = Directory.CreateTempSubdirectory("spicetime-cli-other-").FullName;
        try
        {
            var notFound = CliRun.In(elsewhere, "validate");
            Assert.That(notFound.ExitCode, Is.EqualTo(1));
            Assert.That(notFound.Error, Does.Contain("error SPT0001"));
            var named = CliRun.In(elsewhere, "validate", "--tree", Path.Combine(folder.Path, "tree.json"));
            Assert.That(named.ExitCode, Is.EqualTo(0), named.ToString());
        }
        finally
        {
            Directory.Delete(elsewhere, true);
        }
    }

    [Test]
    public void Unknown_branch_is_SPT0200_with_the_known_branches()
    {
        using var folder = new TreeFolder(Trees.Full);
        var run = folder.Run("show", "--branch", "feature-a2");
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain("error SPT0200: --branch is 'feature-a2', which is no node of the tree (known branches: release, feature-A, feature-B); did you mean 'feature-A'?"));
    }

    [TestCase("show", "--format", "xml")]
    [TestCase("frobnicate")]
    [TestCase("why", "Polly")]
    [TestCase("show", "--branch")]
    public void Usage_errors_exit_2(params string[] args)
    {
        using var folder = new TreeFolder(Trees.Full);
        var run = folder.Run(args);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("spicetime: error:"));
    }

    [Test]
    public void Help_lists_the_commands()
    {
        using var folder = new TreeFolder(Trees.Full);
        var run = folder.Run("--help");
        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Output, Does.Contain("validate").And.Contain("show").And.Contain("why").And.Contain("graph"));
    }

    [Test]
    public void Malformed_tree_json_fails_every_command_with_a_positioned_error()
    {
        using var folder = new TreeFolder("{\n  \"root\": {\n    \"branch\": \"r\",\n  }\n  oops\n}");
        foreach (var command in new[] { "validate", "show", "graph" })
        {
            var run = folder.Run(command);
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Error, Does.Match(@"tree\.json\(5,3\): error SPT0100: Malformed JSON"));
        }
    }
}
