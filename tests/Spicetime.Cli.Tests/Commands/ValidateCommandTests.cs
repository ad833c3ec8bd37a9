using System.Text.Json;

namespace Spicetime.Cli.Tests.Commands;

/// <summary>spicetime validate.</summary>
public class ValidateCommandTests
{
    [Test]
    public void Validate_reports_a_valid_tree_and_its_warnings()
    {
        using var folder = new TreeFolder(Trees.Full);
        var run = folder.Run("validate");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("tree.json is valid: 3 node(s), 3 scope definition(s)"));
        Assert.That(run.Error, Does.Contain("warning SPT0108: Scope 'frontend' of feature-A"));
    }

    [Test]
    public void Validate_prints_every_error_in_canonical_form_and_exits_1()
    {
        using var folder = new TreeFolder(Trees.Broken);
        var run = folder.Run("validate");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("tree.json(7,21): error SPT0102: feature-B inherits 'core', which release does not have"));
        Assert.That(run.Error, Does.Contain("tree.json(7,30): warning SPT0105: Unknown key 'versoin'").And.Contain("did you mean 'version'?"));
        Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
    }
}
