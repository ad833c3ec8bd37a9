namespace Spicetime.Cli;

/// <summary>The exit codes SPEC.md fixes.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The tree or a check failed.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;
}
