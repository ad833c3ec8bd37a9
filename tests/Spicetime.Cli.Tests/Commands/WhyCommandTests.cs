using System.Text.Json;

namespace Spicetime.Cli.Tests.Commands;

/// <summary>spicetime why: the chain that set an entry.</summary>
public class WhyCommandTests
{
    [Test]
    public void Why_version_tells_how_the_line_and_build_numbers_make_a_grandchilds_version()
    {
        using var repo = new GitWorkspace();
        repo.Write("tree.json", """
            {"root": {"branch": "release", "version": "2.1.0", "children": [
              {"branch": "feature-A", "children": [{"branch": "hotfix"}]},
              {"branch": "pinned", "version": "3.0.0-rc.1"}]}}
            """).Commit("tree");
        repo.Commit("two");
        var run = CliRun.In(repo.Root, "why", "version", "--branch", "hotfix");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var head = repo.Git("rev-parse", "HEAD").Trim()[..12];
        Assert.That(run.Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0), Is.EqualTo(new[]
        {
            "hotfix: version 2.1.0-feature-a.{build}.hotfix.{build}",
            "  release sets version 2.1.0  (tree.json(1,43))",
            "  feature-A continues release's line: label 'feature-a', build number = its git height (commits since its line 2.1.0-feature-a.{build} began)  (tree.json(2,14))",
            "  hotfix continues feature-A's line: label 'hotfix', build number = its git height (commits since its line 2.1.0-feature-a.{build}.hotfix.{build} began)  (tree.json(2,51))",
            $"  hotfix packs as 2.1.0-feature-a.2.hotfix.2 at commit {head}",
        }));
        Assert.That(CliRun.In(repo.Root, "why", "version", "-b", "pinned").Output, Does.Contain("pinned starts its own line at version 3.0.0-rc.1").And.Contain("pinned packs as 3.0.0-rc.1"));
    }

    [Test]
    public void Why_tells_the_chain_for_a_package_and_a_property()
    {
        using var folder = new TreeFolder(Trees.Full);
        var run = folder.Run("why", "Newtonsoft.Json", "--branch", "feature-A");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0), Is.EqualTo(new[]
        {
            "feature-A: package Newtonsoft.Json = 13.0.1",
            "  release sets 13.0.3 in scope 'core'  (tree.json(3,49))",
            "  feature-A inherits scope 'core' from release",
            "  feature-A (inline override #2) sets 13.0.1, replacing 13.0.3  (tree.json(16,76))",
        }));
        var property = folder.Run("why", "ThemeName", "-b", "feature-A");
        Assert.That(property.Output, Does.Contain("feature-A: property ThemeName = dark").And.Contain("feature-A override 'frontend-theme' sets dark"));
    }

    [Test]
    public void Why_fails_for_an_entry_the_node_does_not_have()
    {
        using var folder = new TreeFolder(Trees.Full);
        var run = folder.Run("why", "Newtonsoft.Json", "--branch", "feature-B");
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain("feature-B has no package, property or contract named 'Newtonsoft.Json'"));
    }
}
