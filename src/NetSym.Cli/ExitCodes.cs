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

    /// <summary>
    /// Work that ran and stopped short of its result (an extraction: the budget ran out, or f is not a
    /// ReLU network it can recover): the partial report is on stdout, one line on stderr says why.
    /// </summary>
    public const int Stopped = 3;
}
