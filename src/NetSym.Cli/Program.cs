using System.CommandLine;

namespace NetSym.Cli;

/// <summary>The netsym entry point; <see cref="Run(string[], TextWriter, TextWriter)"/> runs it in-process.</summary>
public static class Program
{
    /// <summary>Runs netsym on the process's console; a stopping signal first deletes the temporary files of unfinished writes.</summary>
    public static int Main(string[] args)
    {
        using var signals = StopSignals.Register();
        return Run(args, Console.Out, Console.Error, outputIsTerminal: !Console.IsOutputRedirected);
    }

    /// <summary>Runs netsym with stdout and stderr captured (never treated as a terminal) and returns its exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, outputIsTerminal: false);

    /// <summary>
    /// Parses and runs one command. Every failure — a usage error included, which
    /// System.CommandLine would answer with exit code 1 — becomes one line on stderr and exit code 2.
    /// </summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool outputIsTerminal)
    {
        var environment = new CliEnvironment(stdout, outputIsTerminal);
        try
        {
            // Parsing runs the options' parsers and validators, which are code too: a failure there
            // is reported like any other, never as a crash.
            var parse = NetSymCommandLine.Create(environment).Parse(args);
            if (parse.Errors.Count > 0)
                return Fail(stderr, $"{string.Join(" ", parse.Errors.Select(e => e.Message).Distinct())} (see 'netsym --help')");
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception e)
        {
            return Fail(stderr, ErrorMessages.Describe(e), e is ExtractionStoppedException ? ExitCodes.Stopped : ExitCodes.Failure);
        }
    }

    private static int Fail(TextWriter stderr, string message, int exitCode = ExitCodes.Failure)
    {
        stderr.WriteLine(ErrorMessages.Line(message));
        stderr.Flush();
        return exitCode;
    }
}
