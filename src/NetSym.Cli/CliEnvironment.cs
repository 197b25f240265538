using NetSym.Cli.Rendering;
using Spectre.Console;

namespace NetSym.Cli;

/// <summary>
/// Where one run of netsym writes its results: stdout, and a Spectre console over stdout that uses
/// colours, live displays and the terminal's width only when stdout is a terminal. (Errors go to
/// stderr from <see cref="Program"/> alone.)
/// </summary>
internal sealed class CliEnvironment
{
    // Wide enough that tables of a redirected run do not wrap; a terminal uses its own width.
    private const int RedirectedWidth = 100;

    public CliEnvironment(TextWriter output, bool outputIsTerminal)
    {
        Output = output;
        OutputIsTerminal = outputIsTerminal;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(outputIsTerminal ? output : new TrailingSpaceTrimmingWriter(output)),
            Ansi = outputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = outputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = outputIsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!outputIsTerminal) Console.Profile.Width = RedirectedWidth;
    }

    /// <summary>Standard output: reports, CSV, JSON.</summary>
    public TextWriter Output { get; }

    /// <summary>Whether stdout is a terminal (progress bars and colours only then).</summary>
    public bool OutputIsTerminal { get; }

    /// <summary>The Spectre console writing to <see cref="Output"/>.</summary>
    public IAnsiConsole Console { get; }
}
