namespace Spicetime.Cli.Tests;

/// <summary>Unknown commands and options: exit 2, and the closest known name.</summary>
public class UsageErrorTests
{
    private static (int ExitCode, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = SpicetimeCli.Run(args, output, error, Path.GetTempPath());
        return (exit, error.ToString());
    }

    [TestCase(new[] { "shwo" }, "'shwo' is not a spicetime command. Did you mean 'show'?")]
    [TestCase(new[] { "valdiate" }, "'valdiate' is not a spicetime command. Did you mean 'validate'?")]
    [TestCase(new[] { "afected", "--base", "main" }, "'afected' is not a spicetime command. Did you mean 'affected'?")]
    [TestCase(new[] { "contracts", "dif", "--branch", "b" }, "'dif' is not a spicetime contracts command. Did you mean 'diff'?")]
    public void An_unknown_command_names_the_closest_one(string[] args, string expected)
    {
        var (exitCode, error) = Run(args);
        Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.StartWith($"spicetime: error: {expected}{Environment.NewLine}"));
        Assert.That(error, Does.Not.Contain("Required command was not provided").And.Not.Contain("Unrecognized command"));
    }

    [Test]
    public void An_unknown_command_far_from_every_command_is_named_without_a_guess()
    {
        var (exitCode, error) = Run("frobnicate");
        Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("spicetime: error: 'frobnicate' is not a spicetime command.").And.Not.Contain("Did you mean"));
    }

    [TestCase(new[] { "show", "--fromat", "json" }, "'--fromat' is not an option of 'spicetime show'. Did you mean '--format'?")]
    [TestCase(new[] { "affected", "--bsae", "main" }, "'--bsae' is not an option of 'spicetime affected'. Did you mean '--base'?")]
    [TestCase(new[] { "show", "--tre", "x/tree.json" }, "'--tre' is not an option of 'spicetime show'. Did you mean '--tree'?")]
    [TestCase(new[] { "sync", "--chek" }, "'--chek' is not an option of 'spicetime sync'. Did you mean '--check'?")]
    public void An_unknown_option_names_the_closest_option_of_its_command(string[] args, string expected)
    {
        var (exitCode, error) = Run(args);
        Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.StartWith($"spicetime: error: {expected}{Environment.NewLine}"));
        Assert.That(error, Does.Not.Contain("Unrecognized command"), "the option's value is not a second mistake");
    }

    [Test]
    public void A_node_given_as_an_argument_where_the_command_takes_it_as_an_option_gets_the_command_line_it_needs()
    {
        var (exitCode, error) = Run("why", "eu", "Newtonsoft.Json");
        Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.StartWith(
            $"spicetime: error: 'spicetime why' takes one name and --branch. Did you mean 'spicetime why Newtonsoft.Json --branch eu'?{Environment.NewLine}"));
        Assert.That(error, Does.Not.Contain("Unrecognized command").And.Not.Contain("is required"), "one message for one mistake");
    }

    [Test]
    public void Other_usage_errors_keep_their_message()
    {
        var (exitCode, error) = Run("show", "--format", "xml");
        Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("spicetime: error:").And.Contain("'xml'"));
    }

    [Test]
    public void The_real_command_says_it_on_stderr_and_exits_2()
    {
        using var folder = new TreeFolder(Trees.Full);
        var run = folder.Run("shwo");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("spicetime: error: 'shwo' is not a spicetime command. Did you mean 'show'?"));
        Assert.That(run.Output, Is.Empty);
    }
}
