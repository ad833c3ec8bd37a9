using System.CommandLine;

namespace Spicetime.Cli.Commands;

/// <summary>A <c>--format</c> option limited to the formats a command supports; the first is the default.</summary>
internal static class FormatOption
{
    public static Option<string> Create(params string[] formats)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = "Output format: " + string.Join(", ", formats),
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }
}
