using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Spicetime.NetFrameworkTaskHost;

/// <summary>
/// Usage: Spicetime.NetFrameworkTaskHost &lt;task assembly&gt; &lt;task class&gt; [Parameter=value ...]
/// Loads the task assembly with Assembly.LoadFrom and resolves its dependencies from its own folder (what MSBuild's
/// task loader does on .NET Framework), sets string and bool parameters, runs Execute with an engine that prints every
/// event, then prints each [Output] parameter. Exit code: 0 when Execute returned true, 1 when false, 2 on a load error.
/// Item parameters are given as Name=a;b (metadata as a|Key=Value).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: Spicetime.NetFrameworkTaskHost <task assembly> <task class> [Parameter=value ...]");
            return 2;
        }

        var assemblyFile = Path.GetFullPath(args[0]);
        var folder = Path.GetDirectoryName(assemblyFile)!;
        AppDomain.CurrentDomain.AssemblyResolve += (_, e) =>
        {
            var candidate = Path.Combine(folder, new AssemblyName(e.Name).Name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        };

        ITask task;
        try
        {
            var type = Assembly.LoadFrom(assemblyFile).GetType(args[1], throwOnError: true)!;
            task = (ITask)Activator.CreateInstance(type)!;
            foreach (var argument in args.Skip(2))
            {
                var equals = argument.IndexOf('=');
                var property = type.GetProperty(argument.Substring(0, equals))!;
                property.SetValue(task, Convert(argument.Substring(equals + 1), property.PropertyType));
            }
        }
        catch (Exception e)
        {
            Console.WriteLine("load-error: " + e);
            return 2;
        }

        task.BuildEngine = new PrintingBuildEngine();
        var succeeded = task.Execute();
        foreach (var output in task.GetType().GetProperties().Where(p => p.GetCustomAttributes(typeof(OutputAttribute), true).Any()).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            Console.WriteLine($"output {output.Name}={Print(output.GetValue(task))}");
        }

        Console.WriteLine("runtime " + (Type.GetType("Mono.Runtime") is null ? ".NET Framework" : "Mono") + " " + Environment.Version);
        return succeeded ? 0 : 1;
    }

    private static object Convert(string text, Type type)
    {
        if (type == typeof(bool))
        {
            return bool.Parse(text);
        }

        if (type == typeof(ITaskItem[]))
        {
            return text.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(part =>
            {
                var pieces = part.Split('|');
                var item = new TaskItem(pieces[0]);
                foreach (var metadata in pieces.Skip(1))
                {
                    item.SetMetadata(metadata.Substring(0, metadata.IndexOf('=')), metadata.Substring(metadata.IndexOf('=') + 1));
                }

                return (ITaskItem)item;
            }).ToArray();
        }

        return text;
    }

    private static string Print(object? value) => value switch
    {
        null => string.Empty,
        ITaskItem[] items => string.Join(";", items.Select(i => i.ItemSpec + string.Concat(i.MetadataNames.Cast<string>()
            .Where(n => i.GetMetadata(n).Length > 0 && !IsWellKnown(n)).OrderBy(n => n, StringComparer.Ordinal).Select(n => $"|{n}={i.GetMetadata(n)}")))),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? string.Empty,
    };

    private static readonly HashSet<string> WellKnownMetadata = new(StringComparer.OrdinalIgnoreCase)
    {
        "FullPath", "RootDir", "Filename", "Extension", "RelativeDir", "Directory", "RecursiveDir", "Identity",
        "ModifiedTime", "CreatedTime", "AccessedTime", "DefiningProjectFullPath", "DefiningProjectDirectory",
        "DefiningProjectName", "DefiningProjectExtension",
    };

    private static bool IsWellKnown(string name) => WellKnownMetadata.Contains(name);

    /// <summary>Prints each event on one line: "error CODE file(line,column): message", "warning ...", "message ...".</summary>
    private sealed class PrintingBuildEngine : IBuildEngine
    {
        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "host.proj";

        public void LogErrorEvent(BuildErrorEventArgs e) => Console.WriteLine($"error {e.Code} {e.File}({e.LineNumber},{e.ColumnNumber}): {e.Message}");

        public void LogWarningEvent(BuildWarningEventArgs e) => Console.WriteLine($"warning {e.Code} {e.File}({e.LineNumber},{e.ColumnNumber}): {e.Message}");

        public void LogMessageEvent(BuildMessageEventArgs e) => Console.WriteLine("message " + e.Message);

        public void LogCustomEvent(CustomBuildEventArgs e) => Console.WriteLine("custom " + e.Message);

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;
    }
}
