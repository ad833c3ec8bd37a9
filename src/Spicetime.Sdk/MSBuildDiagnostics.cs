using Microsoft.Build.Utilities;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Sdk.Tasks;

/// <summary>
/// Reports Spicetime diagnostics through MSBuild, positioned on their file, line and column, with the code's severity
/// and its help link (the code's section of docs/errors.md) from <see cref="DiagnosticCodes"/>.
/// </summary>
internal static class MSBuildDiagnostics
{
    /// <param name="oncePerBuild">
    /// For a tree's warnings, the same for every project that uses it: the build whose context reports each once (in each
    /// MSBuild node it runs in); null to report every one.
    /// </param>
    public static void Report(TaskLoggingHelper log, IReadOnlyList<Diagnostic> diagnostics, BuildContext? oncePerBuild)
    {
        foreach (var d in diagnostics)
        {
            if (!d.IsError && oncePerBuild is not null && !oncePerBuild.FirstReport(d))
            {
                continue;
            }

            Log(log, d);
        }
    }

    public static void Log(TaskLoggingHelper log, Diagnostic d)
    {
        // The message is passed as a format argument so that braces in it are printed as they are.
        if (d.IsError)
        {
            log.LogError(null, d.Code, null, d.HelpLink, d.File, d.Position.Line, d.Position.Column, 0, 0, "{0}", d.Message);
        }
        else
        {
            log.LogWarning(null, d.Code, null, d.HelpLink, d.File, d.Position.Line, d.Position.Column, 0, 0, "{0}", d.Message);
        }
    }

    public static void Log(TaskLoggingHelper log, DiagnosticDescriptor descriptor, string? file, SourcePosition position, string message) =>
        Log(log, descriptor.Create(message, file, position));
}
