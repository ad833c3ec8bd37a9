namespace Spicetime.Cli;

/// <summary>The exit codes every command uses (README, "The CLI"): 0 done, 1 the tree or a check failed, 2 usage error.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The tree or a check failed.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;
}
