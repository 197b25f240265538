using System.CommandLine;
using NetSym.Cli.Rendering;
using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Cli;

/// <summary>One command's view of its run: the global options' values and the one place that writes reports.</summary>
internal sealed class Invocation(ParseResult parse, CliOptions options, CliEnvironment environment)
{
    /// <summary>The command's name ("reduce"), which titles its progress displays.</summary>
    public string CommandName { get; } = parse.CommandResult.Command.Name;

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

    /// <summary>What the .NET runtime, the libraries and the CLI hold before any work: about 50 MiB measured, rounded up.</summary>
    public const long RuntimeBytes = 64L << 20;

    /// <summary>The --max-memory value, or null for the machine's memory.</summary>
    public long? MaxMemory { get; } = parse.GetValue(options.MaxMemory);

    /// <summary>
    /// Refuses work whose estimated peak (plus <see cref="RuntimeBytes"/>) exceeds --max-memory or
    /// else the machine's memory, with the estimate, its largest term, the limit and
    /// <paramref name="wayOut"/> (what to change, e.g. "use fewer --points") in the message.
    /// </summary>
    /// <exception cref="MemoryLimitException">The estimate does not fit.</exception>
    public void EnsureFits(MemoryEstimate estimate, string wayOut)
    {
        var total = estimate.Plus(MemoryEstimate.Of("runtime", RuntimeBytes));
        var (limit, source) = MaxMemory is { } given ? (given, "--max-memory") : MachineMemory.Available();
        if (total.Bytes <= limit) return;
        var largest = estimate.Terms.MaxBy(t => t.Bytes);
        throw new MemoryLimitException($"this run needs about {MemorySize.Format(total.Bytes)} of memory "
            + $"({largest.Name}: {MemorySize.Format(largest.Bytes)}), more than the {MemorySize.Format(limit)} of {source}; "
            + $"{wayOut}, or {(MaxMemory is null ? "give --max-memory SIZE" : "a larger --max-memory")} to run anyway");
    }

    /// <summary>
    /// Runs a library computation that reports progress, with a display (stage, fraction, time left)
    /// when <see cref="ShowProgress"/>; otherwise the computation gets no sink and nothing extra is written.
    /// </summary>
    public T WithProgress<T>(string title, Func<IProgress<ProgressReport>?, T> work) =>
        ProgressDisplay.Track(environment.Console, ShowProgress, title, work);

    /// <summary><see cref="WithProgress{T}"/> for work that returns nothing, such as writing a file.</summary>
    public void WithProgress(string title, Action<IProgress<ProgressReport>?> work) =>
        WithProgress(title, progress =>
        {
            work(progress);
            return true;
        });

    /// <summary>Writes the report as tables, or as one JSON object with --json.</summary>
    public void Write(Report report)
    {
        if (Json) JsonReportWriter.Write(report, environment.Output);
        else ConsoleReportRenderer.Render(report, environment.Console);
    }
}
