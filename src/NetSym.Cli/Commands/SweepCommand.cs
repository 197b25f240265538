using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using NetSym.Cli.Plots;
using NetSym.Cli.Rendering;
using NetSym.Dimension;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Sweep;
using Spectre.Console;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym sweep [--input-dims L] [--widths L] [--depths L] [--trials T] [--init I] [--activation A]
/// [--points N] [--dist D] [--exact|--float] [-o FILE [--resume]] [--shard i/n] [--plot FILE.png] [--jobs J]</c>:
/// the fraction of random networks n0 – w × d – 1 with full functional dimension over a grid
/// (Grigsby, Lindsey &amp; Rolnick 2023), one results line per trial appended as it finishes;
/// <c>netsym sweep merge OUT IN…</c> joins the files of a sharded run.
/// </summary>
internal static class SweepCommand
{
    private static readonly string[] DistributionNames = [.. Enum.GetValues<SweepInputDistribution>().Select(SweepPlan.Name)];

    /// <summary>The most trials per configuration: the plan lists every trial of the grid up front.</summary>
    private const int MaxTrials = 100_000;

    /// <summary>The most trials at once: each is a thread of its own.</summary>
    private const int MaxJobs = 256;

    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var inputDims = GridOption("--input-dims", "Input dimensions n0", "1,2,4");
        var widths = GridOption("--widths", "Hidden-layer widths w", "2,4,8,16");
        var depths = GridOption("--depths", "Numbers of hidden layers d", "1..8");
        var trials = NumericOptions.Integer("--trials", 1, MaxTrials, 100, "Random networks per configuration (n0, w, d)", "T");
        var activation = CliOptions.NewNetworkActivation();
        var init = new Option<string>("--init")
        {
            Description = "Initialisation, as for 'netsym random': hebias (He-normal weights N(0, 2/fan_in), biases N(0, 0.1²); the default, since Grigsby et al.'s text as read does not state theirs), pytorch (U(±1/√fan_in), weights and biases), he, glorot, gaussian (N(0, 1/fan_in), weights and biases)",
            DefaultValueFactory = _ => "hebias",
        };
        init.AcceptOnlyFromAmong(RandomCommand.InitNames);
        var points = new Option<string>("--points")
        {
            Description = $"Input points per network: a number N, or kx for k × the bound (larger batches see more linear regions)",
            DefaultValueFactory = _ => SweepBatchSize.Default.ToString(),
            HelpName = "N|kx",
        };
        var distribution = new Option<string>("--dist")
        {
            Description = "Input distribution: kinks (beside exact breakpoint crossings of random lines at scales 1 to 1000; the default for piecewise-linear activations, where a Gaussian batch misses regions), gaussian (N(0, I), as in the paper; the default otherwise) or uniform (U([−1, 1]^n0))",
        };
        distribution.AcceptOnlyFromAmong(DistributionNames);
        var exact = new Option<bool>("--exact") { Description = "Exact rank over F_p (piecewise-linear activations; the default for them)" };
        var floating = new Option<bool>("--float") { Description = "float64 SVD rank with NumPy's tolerance (any activation)" };
        var output = CliOptions.OutputFile("Append one CSV line per finished trial to FILE (format in docs/sweep.md)");
        var resume = new Option<bool>("--resume") { Description = "Continue FILE: skip the trials it holds (it must be of the same plan and shard); creates it if missing" };
        var shard = new Option<SweepShard>("--shard")
        {
            Description = "Run only shard i of n (0 ≤ i < n): the trials at positions ≡ i (mod n); join the files with 'sweep merge'",
            HelpName = "i/n",
            CustomParser = ParseShard,
            DefaultValueFactory = _ => SweepShard.All,
        };
        var plot = PlotOption();
        var jobs = NumericOptions.Integer("--jobs", 1, MaxJobs, 1, "Trials run at once (each may use several BLAS threads too)", "J");
        var command = new Command("sweep", "Fraction of random networks with full functional dimension over a grid of input dimensions, widths and depths")
        {
            inputDims, widths, depths, trials, activation, init, points, distribution, exact, floating, output, resume, shard, plot, jobs,
            CreateMerge(options, environment),
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            if (parse.GetValue(exact) && parse.GetValue(floating)) throw new ArgumentException("--exact and --float exclude each other");
            var plan = new SweepPlan(
                SweepPlan.ParseIntegerList(parse.GetRequiredValue(inputDims), "--input-dims"),
                SweepPlan.ParseIntegerList(parse.GetRequiredValue(widths), "--widths"),
                SweepPlan.ParseIntegerList(parse.GetRequiredValue(depths), "--depths"),
                parse.GetValue(trials),
                parse.GetValue(activation)!,
                Enum.Parse<Initialization>(parse.GetRequiredValue(init), ignoreCase: true),
                SweepBatchSize.Parse(parse.GetRequiredValue(points)),
                parse.GetValue(distribution) is { } named ? Enum.Parse<SweepInputDistribution>(named, ignoreCase: true)
                    : parse.GetValue(activation)!.IsPiecewiseLinear ? SweepInputDistribution.Kinks : SweepInputDistribution.Gaussian,
                parse.GetValue(exact) ? RankMethod.Exact : parse.GetValue(floating) ? RankMethod.Float : null,
                invocation.Seed);
            invocation.EnsureFits(SweepRunner.EstimateMemory(plan, parse.GetValue(jobs)), "use fewer --jobs or --points, or smaller --widths, --depths or --input-dims");
            string? path = parse.GetValue(output);
            bool resuming = parse.GetValue(resume);
            if (resuming && path is null) throw new ArgumentException("--resume needs the results file: give -o FILE");
            var slice = parse.GetValue(shard);
            string? plotPath = parse.GetValue(plot);
            CheckTargets(path, plotPath);
            SweepRunner.CheckFits(plan);

            IReadOnlyList<SweepResult> done = [];
            var writer = path is null ? null : resuming ? SweepResultsWriter.Resume(path, plan, slice, out done) : SweepResultsWriter.Create(path, plan);
            var results = new List<SweepResult>(done);
            var finished = done.Select(r => r.Trial).ToHashSet();
            var pending = plan.Trials(slice).Where(t => !finished.Contains(t)).ToList();
            var clock = Stopwatch.StartNew();
            using (writer)
                Run(plan, slice, pending, parse.GetValue(jobs), r =>
                {
                    writer?.Append(r);
                    results.Add(r);
                }, invocation.Context.Backend, environment, invocation.ShowProgress);
            double seconds = clock.Elapsed.TotalSeconds;

            var summary = SweepSummary.Of(plan, results);
            var plots = plotPath is not null && results.Count > 0 ? SweepPlot.WriteAll(summary, plotPath) : [];
            long inShard = plan.Trials(slice).LongCount();
            invocation.Write(new Report(
            [
                new ReportSection(null, "Sweep")
                {
                    Facts =
                    [
                        .. PlanFacts(plan),
                        new("shard", "Shard", slice.ToString(), slice == SweepShard.All ? "the whole sweep" : "trials at positions ≡ i (mod n) of the canonical order"),
                        new("results_file", "Results file", path ?? "(none: give -o FILE to keep the results)"),
                        new("trials_planned", "Trials in this run", inShard),
                        new("trials_resumed", "Already in the file", done.Count),
                        new("line_dropped", "Cut line dropped", writer?.DroppedLine ?? 0,
                            writer?.DroppedLine is null ? "none" : "the file's last line was cut short (the sweep was stopped while writing it); its trial ran again"),
                        new("trials_run", "Run now", pending.Count),
                        new("seconds", "Wall time", seconds, "seconds, this invocation"),
                        new("networks_per_second", "Throughput", pending.Count == 0 ? 0.0 : pending.Count / seconds, $"networks per second with --jobs {parse.GetValue(jobs)}"),
                        new("backend", "Linear algebra", invocation.Context.Backend.Description),
                        new("plots", "Plots", plots.Count == 0 ? "(none: give --plot FILE.png)" : string.Join(", ", plots)),
                    ],
                    Method = Method(plan),
                },
                SummarySection(summary),
            ]));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Runs the pending trials, with a progress bar when <paramref name="showProgress"/>.</summary>
    private static void Run(SweepPlan plan, SweepShard slice, IReadOnlyList<SweepTrial> pending, int jobs, Action<SweepResult> finished,
        LinearAlgebraBackend backend, CliEnvironment environment, bool showProgress)
    {
        if (!showProgress || pending.Count == 0)
        {
            SweepRunner.Run(plan, pending, finished, backend, jobs);
            return;
        }
        environment.Console.Progress().AutoClear(true).Start(context =>
        {
            string what = slice == SweepShard.All ? "sweep" : $"sweep shard {slice}";
            var task = context.AddTask(Markup.Escape($"{what} ({pending.Count} networks)"), maxValue: pending.Count);
            SweepRunner.Run(plan, pending, r =>
            {
                finished(r);
                task.Increment(1);
            }, backend, jobs);
        });
    }

    private static Command CreateMerge(CliOptions options, CliEnvironment environment)
    {
        var output = new Argument<string>("OUT") { Description = "The merged results file (new unless --force; written whole, or not at all)" };
        var inputs = new Argument<string[]>("IN") { Description = "Results files of the same plan (e.g. one per shard)", Arity = ArgumentArity.OneOrMore };
        var plot = PlotOption();
        var force = new Option<bool>("--force") { Description = "Replace OUT if it exists (never when OUT is also an input)" };
        var command = new Command("merge", "Join the results files of one plan (e.g. the shards of a cluster run) into one, checking that they agree")
        {
            output, inputs, plot, force,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            string path = parse.GetRequiredValue(output);
            string? plotPath = parse.GetValue(plot);
            string[] inputPaths = parse.GetRequiredValue(inputs);
            CheckTargets(path, plotPath);
            CheckMergeOutput(path, inputPaths, parse.GetValue(force));
            var files = inputPaths.Select(SweepResultsFile.Read).ToList();
            var merged = SweepMerge.Merge(files);
            SweepResultsFile.Write(path, merged.Plan, merged.Results, overwrite: parse.GetValue(force));
            var summary = SweepSummary.Of(merged.Plan, merged.Results);
            var plots = plotPath is not null && merged.Results.Count > 0 ? SweepPlot.WriteAll(summary, plotPath) : [];
            invocation.Write(new Report(
            [
                new ReportSection(null, "Sweep merge")
                {
                    Facts =
                    [
                        new("output", "Wrote", path),
                        new("inputs", "Merged", string.Join(", ", files.Select(f => f.Path))),
                        .. PlanFacts(merged.Plan),
                        new("trials_planned", "Trials planned", merged.Plan.TrialCount),
                        new("trials_done", "Trials merged", merged.Results.Count),
                        new("trials_missing", "Trials missing", merged.Plan.TrialCount - merged.Results.Count, "resume OUT with the plan's settings to run them"),
                        new("duplicates", "Duplicates dropped", merged.Duplicates, "the same trial with the same outcome in several files"),
                        new("plots", "Plots", plots.Count == 0 ? "(none: give --plot FILE.png)" : string.Join(", ", plots)),
                    ],
                    Method = Method(merged.Plan),
                },
                SummarySection(summary),
            ]));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Checks the results file and the plots' base path before any trial runs or any file is read.</summary>
    private static void CheckTargets(string? results, string? plot)
    {
        if (results is not null) WriteTarget.Check(results);
        if (plot is not null) WriteTarget.Check(plot);
    }

    /// <summary>
    /// Refuses, before anything is read, an OUT that is one of the inputs (the first argument is
    /// OUT: 'sweep merge s0.csv s1.csv' would replace shard 0 with the merge), an existing OUT
    /// without --force, and an OUT that a sweep is writing now.
    /// </summary>
    private static void CheckMergeOutput(string output, IReadOnlyList<string> inputs, bool force)
    {
        string target = SameFileKey(output);
        if (inputs.FirstOrDefault(i => SameFileKey(i) == target) is { } input)
            throw new ArgumentException($"{output}: OUT is also an input ({input}); the first file named is where the merge goes: 'sweep merge OUT IN…'");
        if (!File.Exists(output)) return;
        if (!force)
            throw new ArgumentException($"{output}: exists already; the first file named is where the merge goes ('sweep merge OUT IN…'): name a new file, or give --force to replace it");
        WriterLock.ThrowIfHeld(output);
    }

    /// <summary>The full path with a symbolic link at the end followed, so that two names of one file compare equal.</summary>
    private static string SameFileKey(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }

    private static Option<string> GridOption(string name, string what, string defaultValue) => new(name)
    {
        Description = $"{what}: a list with ranges, e.g. 1,2,4 or 1..8",
        DefaultValueFactory = _ => defaultValue,
        HelpName = "LIST",
    };

    private static Option<string?> PlotOption() => new("--plot")
    {
        Description = "Write one PNG per varied factor: FILE.png → FILE-depth.png, FILE-width.png, FILE-input-dim.png",
        HelpName = "FILE.png",
    };

    private static SweepShard ParseShard(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        try
        {
            return SweepShard.Parse(text);
        }
        catch (ArgumentException e)
        {
            result.AddError($"--shard: {e.Message}");
            return SweepShard.All;
        }
    }

    private static IEnumerable<Fact> PlanFacts(SweepPlan plan) =>
    [
        new("input_dims", "Input dimensions n0", new IntegerListValue(plan.InputDimensions)),
        new("widths", "Widths w", new IntegerListValue(plan.Widths)),
        new("depths", "Depths d", new IntegerListValue(plan.Depths)),
        new("trials_per_configuration", "Trials per configuration", plan.TrialsPerConfiguration, $"{plan.ConfigurationCount} configurations, {plan.TrialCount} networks"),
        new("architecture", "Architecture", "n0-w×d-1", "d hidden layers of width w, one linear output"),
        new("activation", "Hidden activation", plan.Activation.Spec),
        new("init", "Initialisation", SweepPlan.Name(plan.Initialization)),
        new("points", "Points per network", plan.Points.ToString(), plan.Points.PerBound ? $"N = ⌈{plan.Points.Value} × bound⌉ inputs per network" : "the same N for every network"),
        new("dist", "Inputs", SweepPlan.Name(plan.Distribution)),
        new("rank_method", "Rank", SweepPlan.Name(plan.Method)),
        new("seed", "Seed", plan.Seed, "each trial's seeds derive from it and the trial's (n0, w, d, index) alone"),
    ];

    private static string Method(SweepPlan plan) => plan.Method == RankMethod.Exact
        ? "rank of the parameter Jacobian over F_p (one random prime): a certified lower bound, so 'full' (rank = bound = P − hidden neurons) is proven; "
            + "a batch reaches only the regions it samples, so the fraction full is a lower estimate that rises with --points"
        : "float64 SVD rank with tolerance σ_max·max(m, n)·ε (NumPy's); 'full' means rank = bound";

    private static ReportSection SummarySection(SweepSummary summary)
    {
        ReportColumn[] counts =
        [
            new("trials", "trials"), new("full", "full"), new("fraction", "fraction"),
            new("wilson_low", "95% low"), new("wilson_high", "95% high"), new("mean_deficit", "mean deficit"),
            new("relative_deficit", "rel. deficit"), new("relative_deficit_95", "± 95%"),
        ];
        static IEnumerable<ReportValue> Counts(SweepGroup g) => [g.Trials, g.Full, g.Fraction, g.Interval.Low, g.Interval.High, g.MeanDeficit, g.MeanRelativeDeficit, g.RelativeDeficitHalfWidth];
        var tables = new List<ReportTable>
        {
            new("configurations", "By configuration",
                [new("input_dim", "n0"), new("width", "w"), new("depth", "d"), .. counts],
                [.. summary.Configurations.Select(g => (IReadOnlyList<ReportValue>)[g.InputDimension!.Value, g.Width!.Value, g.Depth!.Value, .. Counts(g)])])
            {
                Caption = "full: networks whose rank reached the bound; 95% low/high: Wilson score interval; deficit: bound − rank",
            },
        };
        foreach (var (factor, key, header) in new[] { (SweepFactor.Depth, "depth", "d"), (SweepFactor.Width, "width", "w"), (SweepFactor.InputDimension, "input_dim", "n0") })
            tables.Add(new ReportTable($"by_{key}", $"By {key.Replace('_', ' ')} (other factors pooled)",
                [new(key, header), .. counts],
                [.. summary.By(factor).Select(g => (IReadOnlyList<ReportValue>)[g.InputDimension ?? g.Width ?? g.Depth!.Value, .. Counts(g)])]));
        return new ReportSection(null, "Full functional dimension")
        {
            Facts = [new("trials_counted", "Trials counted", summary.Trials)],
            Tables = tables,
        };
    }
}
