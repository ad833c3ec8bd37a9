using System.CommandLine;
using System.CommandLine.Parsing;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Cli;

/// <summary>
/// The parse errors of a command line as spicetime prints them: an unknown command or option is named with the
/// closest known one (<c>'shwo' is not a spicetime command. Did you mean 'show'?</c>); every other error keeps
/// System.CommandLine's message.
/// </summary>
public static class UsageErrors
{
    public static IReadOnlyList<string> Describe(ParseResult parsed)
    {
        var messages = new List<string>();
        var handled = new List<string>();
        var command = parsed.CommandResult.Command;
        var path = CommandPath(parsed.CommandResult);
        var unknownCommand = false;
        string? previousUnknownOption = null;
        foreach (var token in parsed.UnmatchedTokens)
        {
            if (token.StartsWith('-') && token.Length > 1)
            {
                var suggestion = NameSuggester.Suggest(token, OptionNames(parsed.CommandResult));
                messages.Add($"'{token}' is not an option of '{path}'.{DidYouMean(suggestion)}");
                handled.Add(token);
                previousUnknownOption = token;
                continue;
            }

            if (previousUnknownOption is not null)
            {
                // The value of the unknown option just reported, not a second mistake.
                handled.Add(token);
                previousUnknownOption = null;
                continue;
            }

            if (SwappedForOption(parsed, token, path) is { } swapped)
            {
                // "spicetime why eu Newtonsoft.Json": the node given as an argument where the command takes it as an option.
                messages.Add(swapped.Message);
                handled.Add(token);
                handled.Add(swapped.Option);
                continue;
            }

            if (command.Subcommands.Count > 0 && command.Arguments.Count == 0)
            {
                var suggestion = NameSuggester.Suggest(token, command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name)));
                messages.Add($"'{token}' is not a {path} command.{DidYouMean(suggestion)}");
                handled.Add(token);
                unknownCommand = true;
            }
        }

        foreach (var error in parsed.Errors)
        {
            if (handled.Any(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal)))
            {
                continue; // System.CommandLine's "Unrecognized command or argument", said better above
            }

            if (unknownCommand && error.SymbolResult is CommandResult { Command: var erring } && erring == command)
            {
                continue; // "Required command was not provided": the unknown command above says which was meant
            }

            messages.Add(error.Message);
        }

        return messages;
    }

    /// <summary>
    /// One argument too many where a required option is missing, every argument given (<c>why eu Newtonsoft.Json</c>
    /// for <c>why Newtonsoft.Json --branch eu</c>): the command line with the first value moved to the option.
    /// </summary>
    private static (string Message, string Option)? SwappedForOption(ParseResult parsed, string extra, string path)
    {
        var command = parsed.CommandResult.Command;
        var given = parsed.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value).ToList();
        // A required option not on the command line still has a result (implicit, with no identifier token).
        var missing = command.Options.Where(o => o.Required && (parsed.GetResult(o) as OptionResult)?.IdentifierToken is null).ToList();
        if (command.Arguments.Count != 1 || given.Count != 1 || missing.Count != 1 || parsed.UnmatchedTokens.Count != 1)
        {
            return null;
        }

        var option = missing[0].Name;
        return ($"'{path}' takes one {command.Arguments[0].Name} and {option}. Did you mean '{path} {extra} {option} {given[0]}'?", option);
    }

    private static string DidYouMean(string? suggestion) => suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?";

    /// <summary>"spicetime", "spicetime contracts diff": the commands as typed.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult { Command: var command })
            {
                names.Add(command is RootCommand ? "spicetime" : command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The options the command accepts: its own and the recursive ones of the commands above it, with their aliases.</summary>
    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        var options = new List<Option>(result.Command.Options);
        for (var parent = result.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is CommandResult { Command: var command })
            {
                options.AddRange(command.Options.Where(o => o.Recursive));
            }
        }

        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith('-')).Distinct();
    }
}
