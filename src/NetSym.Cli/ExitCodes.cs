namespace NetSym.Cli;

/// <summary>netsym's exit codes (DESIGN.md "The command line").</summary>
internal static class ExitCodes
{
    /// <summary>Success; for a yes/no command, yes.</summary>
    public const int Success = 0;

    /// <summary>A definite "no" from a yes/no command (not equivalent, not identifiable).</summary>
    public const int No = 1;

    /// <summary>Bad input, a usage error or a failure; one line on stderr says what.</summary>
    public const int Failure = 2;
}
