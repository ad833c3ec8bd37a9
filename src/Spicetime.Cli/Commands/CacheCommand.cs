using System.CommandLine;
using Spicetime.Cli.Output;
using Spicetime.Cli.Solutions;
using Spicetime.Tree.Cache;
using Spicetime.Tree.Cache.Keys;
using Spicetime.Tree.Cache.Status;

namespace Spicetime.Cli.Commands;

/// <summary>
/// <c>spicetime cache status [PATH]</c>: each project's compile key and whether a build would find it in the cache, without
/// compiling; <c>spicetime cache explain PROJECT</c>: every input of a project's key with its hash.
/// </summary>
public static class CacheCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("cache", "The build cache: what a build would find in it, and what a project's key is made of");
        command.Subcommands.Add(Status(context));
        command.Subcommands.Add(Explain(context));
        return command;
    }

    private static Option<string?> CacheOption() =>
        new("--cache") { Description = "The build cache, a folder or an http(s) URL (default: SPICETIME_CACHE)", HelpName = "LOCATION" };

    private static Option<string?> ConfigurationOption() =>
        new("--configuration", "-c") { Description = "The configuration the build would use (default: the projects' own, Debug)" };

    private static Command Status(CliContext context)
    {
        var path = new Argument<string?>("PATH") { Description = "A project or solution (default: the one .sln/.slnx in the current folder)", Arity = ArgumentArity.ZeroOrOne };
        var cache = CacheOption();
        var configuration = ConfigurationOption();
        var format = FormatOption.Create("text", "json");
        var command = new Command("status", "Tell, per project, whether a build would get its compiled outputs from the cache, without compiling")
        {
            path, cache, configuration, format,
        };
        command.SetAction(parse =>
        {
            var settings = CacheSettings.From(ProcessEnvironment(), parse.GetValue(cache), "--cache");
            if (settings.Location is null)
            {
                context.Error.WriteLine("spicetime: error: cache status needs a cache: --cache LOCATION or SPICETIME_CACHE");
                return ExitCodes.Usage;
            }

            var outcome = Run(context, parse.GetValue(path), settings.Location, parse.GetValue(configuration));
            if (outcome is null)
            {
                return ExitCodes.Failed;
            }

            CacheStatusWriter.Write(context.Output, outcome.Results, parse.GetValue(format)!, settings.Location);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Explain(CliContext context)
    {
        var project = new Argument<string>("PROJECT") { Description = "The project whose key to explain" };
        var cache = CacheOption();
        var configuration = ConfigurationOption();
        var framework = new Option<string?>("--framework") { Description = "With a multi-targeting project: the target framework" };
        var format = FormatOption.Create("text", "json");
        var command = new Command("explain", "Print every input of a project's compile key with its hash")
        {
            project, cache, configuration, framework, format,
        };
        command.SetAction(parse =>
        {
            var settings = CacheSettings.From(ProcessEnvironment(), parse.GetValue(cache), "--cache");
            var projectPath = Path.GetFullPath(parse.GetValue(project)!, context.WorkingDirectory);
            if (!File.Exists(projectPath))
            {
                context.Error.WriteLine($"spicetime: error: {parse.GetValue(project)} does not exist");
                return ExitCodes.Usage;
            }

            var outcome = Run(context, projectPath, settings.Location, parse.GetValue(configuration));
            if (outcome is null)
            {
                return ExitCodes.Failed;
            }

            var frameworkName = parse.GetValue(framework);
            var own = outcome.Results.Where(r => string.Equals(r.ProjectFile, projectPath, StringComparison.Ordinal)
                && (frameworkName is null || r.TargetFramework == frameworkName)).ToList();
            var mine = own.Where(r => r.Explanation is not null && File.Exists(r.Explanation)).ToList();
            if (mine.Count == 0)
            {
                var first = own.FirstOrDefault();
                context.Error.WriteLine($"spicetime: error: {parse.GetValue(project)} has no key: " + (first is null
                    ? "it is not a C# project of a Spicetime tree (or --framework names none of its frameworks)"
                    : first.Status == "waits" ? $"it references {string.Join(", ", first.WaitsOn)}, which the cache does not hold: its key is known once that is compiled"
                    : $"{first.Status}: {first.Reason}"));
                return ExitCodes.Failed;
            }

            foreach (var result in mine)
            {
                var recorded = KeyExplanation.Read(File.ReadAllText(result.Explanation!));
                if (parse.GetValue(format) == "json")
                {
                    context.Output.Write(File.ReadAllText(result.Explanation!));
                    continue;
                }

                CacheStatusWriter.WriteExplanation(context.Output, result, recorded?.Inputs ?? Array.Empty<CompileInput>(), settings.Location);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static CacheStatusRun.Outcome? Run(CliContext context, string? path, string? location, string? configuration)
    {
        var entry = path is not null ? Path.GetFullPath(path, context.WorkingDirectory) : SolutionReader.FindSingle(context.WorkingDirectory);
        if (entry is null)
        {
            context.Error.WriteLine($"spicetime: error: name a project or solution: {context.DisplayPath(context.WorkingDirectory)} has no single .sln or .slnx");
            return null;
        }

        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } named && File.Exists(named) ? named : "dotnet";
        var outcome = CacheStatusRun.Run(host, context.WorkingDirectory, entry, location, configuration);
        if (!outcome.Succeeded)
        {
            context.Error.WriteLine($"spicetime: error: the build could not compute the keys of {context.DisplayPath(entry)}:");
            context.Error.WriteLine(outcome.Output.Trim());
            return null;
        }

        return outcome;
    }

    private static Dictionary<string, string?> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Keys.OfType<string>().ToDictionary(k => k, Environment.GetEnvironmentVariable);
}
