using System.Collections.Concurrent;
using Microsoft.Build.Utilities;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Sdk.Tasks;

/// <summary>
/// Reports Spicetime diagnostics through MSBuild, positioned on their file, line and column, with the code's severity
/// and its help link (the code's section of docs/errors.md) from <see cref="DiagnosticCodes"/>.
/// </summary>
internal static class MSBuildDiagnostics
{
    // A tree's warnings are the same for every project that uses it: report them once per build process.
    private static readonly ConcurrentDictionary<string, bool> ReportedWarnings = new(StringComparer.Ordinal);

    public static void Report(TaskLoggingHelper log, IReadOnlyList<Diagnostic> diagnostics, bool onlyOncePerTree)
    {
        foreach (var d in diagnostics)
        {
            if (!d.IsError && onlyOncePerTree && !ReportedWarnings.TryAdd(d.Format(), true))
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
