using System.CommandLine;
using System.Reflection;
using Spicetime.Tree.Adoption;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Cli.Commands;

/// <summary>
/// <c>spicetime init [--dry-run] [--branch NAME] [--fork PATH[=BRANCH]]...</c>: adopts the repository (tree.json, the
/// global.json entry, the Directory.Build.* imports); the rules are <see cref="RepositoryAdoption"/>'s.
/// </summary>
public static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print each file init would create or change, and the lines; write nothing" };
        var branch = new Option<string?>("--branch") { Description = "The root node's branch (default: the current git branch)" };
        var forks = new Option<string[]>("--fork")
        {
            Description = "A fork folder, a child node of the root: PATH or PATH=BRANCH (default branch: the folder's name); repeat for more",
        };
        var command = new Command("init", "Adopt this repository: write tree.json, the global.json entry of Spicetime.Sdk and the Directory.Build.* imports")
        {
            dryRun, branch, forks,
        };
        command.SetAction(parse =>
        {
            var folders = (parse.GetValue(forks) ?? Array.Empty<string>()).Select(f => ForkFolder.Parse(f, context.WorkingDirectory)).ToList();
            var plan = RepositoryAdoption.Plan(context.WorkingDirectory, parse.GetValue(branch), folders, SdkVersion());
            if (!plan.Succeeded)
            {
                foreach (var diagnostic in plan.Diagnostics)
                {
                    context.Report(diagnostic);
                }

                context.Error.WriteLine("spicetime init wrote nothing.");
                return plan.Diagnostics.Any(d => d.Code == DiagnosticCodes.AdoptionArgumentInvalid.Code) ? ExitCodes.Usage : ExitCodes.Failed;
            }

            var output = context.Output;
            if (parse.GetValue(dryRun))
            {
                output.WriteLine($"spicetime init --dry-run in {plan.Root}: nothing is written.");
                foreach (var file in plan.Files)
                {
                    output.WriteLine($"would {Verb(file.Action)} {file.Name}: {file.Note}");
                    foreach (var line in file.DiffLines())
                    {
                        output.WriteLine($"  {line}");
                    }
                }

                output.WriteLine(plan.HasChanges ? "Run spicetime init without --dry-run to write them." : "Nothing to change: the repository is adopted already.");
                return ExitCodes.Success;
            }

            plan.Apply();
            output.WriteLine(plan.HasChanges ? $"spicetime init in {plan.Root}:" : $"Nothing to change in {plan.Root}: the repository is adopted already.");
            foreach (var file in plan.Files)
            {
                output.WriteLine($"  {Past(file.Action)} {file.Name}: {file.Note}");
            }

            output.WriteLine("Next: dotnet build (each project gets its node's packages, properties and references; spicetime show lists them).");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The SDK version global.json gets: this tool's own (without the commit SourceLink appends).</summary>
    private static string SdkVersion()
    {
        var version = typeof(InitCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(InitCommand).Assembly.GetName().Version!.ToString(3);
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    private static string Verb(AdoptionAction action) => action switch
    {
        AdoptionAction.Create => "create",
        AdoptionAction.Change => "change",
        _ => "keep",
    };

    private static string Past(AdoptionAction action) => action switch
    {
        AdoptionAction.Create => "created",
        AdoptionAction.Change => "changed",
        _ => "kept",
    };
}
