using System.CommandLine;
using Spicetime.Cli.Commands;

namespace Spicetime.Cli;

/// <summary>Builds the command line and runs it. Exit codes: 0 done, 1 the tree or a check failed, 2 usage error.</summary>
public static class SpicetimeCli
{
    public static int Run(string[] args, TextWriter output, TextWriter error, string workingDirectory)
    {
        var context = new CliContext(output, error, workingDirectory);
        var tree = new Option<string?>("--tree")
        {
            Description = "The tree.json to use (default: the nearest one at or above the current folder)",
            Recursive = true,
        };

        var root = new RootCommand("Spicetime: a tree of forks that inherit packages, properties, projects and contracts by scope.")
        {
            tree,
            ValidateCommand.Create(context, tree),
            ShowCommand.Create(context, tree),
            WhyCommand.Create(context, tree),
            GraphCommand.Create(context, tree),
            AffectedCommand.Create(context, tree),
            WorkspaceCommand.Create(context, tree),
            SyncCommand.Create(context, tree),
            OutdatedCommand.Create(context, tree),
            ContractsCommand.Create(context, tree),
            InitCommand.Create(context),
            CacheCommand.Create(context),
        };

        var parsed = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = output, Error = error };
        if (parsed.Errors.Count > 0)
        {
            foreach (var message in UsageErrors.Describe(parsed))
            {
                error.WriteLine($"spicetime: error: {message}");
            }

            error.WriteLine("Run 'spicetime --help' for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(invocation);
    }
}
