using Microsoft.Build.Framework;
using Spicetime.Tree.Diagnostics;
using Task = Microsoft.Build.Utilities.Task;

namespace Spicetime.Sdk.Tasks;

/// <summary>
/// Reports a diagnostic the targets decide on (e.g. SPT0300 in Spicetime.Sdk.targets), so that its code, severity and
/// help link come from <see cref="DiagnosticCodes"/> like every other one, not from text in a .targets file.
/// </summary>
public sealed class ReportSpicetimeDiagnostic : Task
{
    /// <summary>The descriptor's name in <see cref="DiagnosticCodes"/>, e.g. RestoreOutOfDate.</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    [Required]
    public string Message { get; set; } = string.Empty;

    public string? File { get; set; }

    public override bool Execute()
    {
        var descriptor = DiagnosticCodes.Find(Name) ?? throw new ArgumentException($"No Spicetime diagnostic is named {Name}", nameof(Name));
        MSBuildDiagnostics.Log(Log, descriptor, File, SourcePosition.None, Message);
        return descriptor.Severity != DiagnosticSeverity.Error;
    }
}
