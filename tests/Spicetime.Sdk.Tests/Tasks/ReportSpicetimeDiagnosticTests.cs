using Spicetime.Sdk.Tasks;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Sdk.Tests.Tasks;

/// <summary>Diagnostics reach MSBuild with the code, severity and help link of their descriptor.</summary>
public class ReportSpicetimeDiagnosticTests
{
    [Test]
    public void An_error_the_targets_decide_on_carries_its_descriptor_s_code_and_help_link()
    {
        var engine = new RecordingBuildEngine();
        var task = new ReportSpicetimeDiagnostic { BuildEngine = engine, Name = "RestoreOutOfDate", File = "tree.json", Message = "restore again" };
        Assert.That(task.Execute(), Is.False, "an error fails the task");
        var error = engine.Errors.Single();
        Assert.That(error.Code, Is.EqualTo("SPT0300"));
        Assert.That(error.HelpLink, Is.EqualTo("https://github.com/spicetime/spicetime/blob/main/docs/errors.md#spt0300"));
        Assert.That((error.File, error.Message), Is.EqualTo(("tree.json", "restore again")));
    }

    [Test]
    public void A_warning_keeps_its_severity_and_an_unknown_name_is_a_programming_error()
    {
        var engine = new RecordingBuildEngine();
        Assert.That(new ReportSpicetimeDiagnostic { BuildEngine = engine, Name = nameof(DiagnosticCodes.TestApplicationNotSkipped), Message = "m" }.Execute(), Is.True);
        Assert.That(engine.Warnings.Single() is { Code: "SPT0402", HelpLink: var link } && link.EndsWith("#spt0402", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new ReportSpicetimeDiagnostic { BuildEngine = engine, Name = "NoSuchThing", Message = "m" }.Execute());
    }
}
