using System.CommandLine;
using NetSym.Cli.Rendering;
using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Cli;

/// <summary>One command's view of its run: the global options' values and the one place that writes reports.</summary>
internal sealed class Invocation(ParseResult parse, CliOptions options, CliEnvironment environment)
{
    /// <summary>Whether --json was given.</summary>
    public bool Json { get; } = parse.GetValue(options.Json);

    /// <summary>The --seed value (default <see cref="CliOptions.DefaultSeed"/>).</summary>
    public int Seed { get; } = parse.GetValue(options.Seed);

    /// <summary>
    /// What every computation of this run is given: the linear-algebra engine (chosen from
    /// NETSYM_LINALG, on first use, by <see cref="LinearAlgebraBackends.Default"/>) and the root key
    /// <see cref="RandomKey.FromSeed"/>(--seed), which commands split per purpose.
    /// </summary>
    public ComputeContext Context => _context ??= new(LinearAlgebraBackends.Default, RandomKey.FromSeed(Seed));

    private ComputeContext? _context;

    /// <summary>Whether long work may show a progress bar: stdout is a terminal and not --json.</summary>
    public bool ShowProgress => environment.OutputIsTerminal && !Json;

    /// <summary>
    /// Runs a library computation that reports progress, with a display (stage, fraction, time left)
    /// when <see cref="ShowProgress"/>; otherwise the computation gets no sink and nothing extra is written.
    /// </summary>
    public T WithProgress<T>(string title, Func<IProgress<ProgressReport>?, T> work) =>
        ProgressDisplay.Track(environment.Console, ShowProgress, title, work);

    /// <summary>Writes the report as tables, or as one JSON object with --json.</summary>
    public void Write(Report report)
    {
        if (Json) JsonReportWriter.Write(report, environment.Output);
        else ConsoleReportRenderer.Render(report, environment.Console);
    }
}
