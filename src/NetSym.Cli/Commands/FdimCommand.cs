using System.CommandLine;
using NetSym.Cli.Analysis;
using NetSym.Cli.Plots;
using NetSym.Cli.Rendering;
using NetSym.Dimension;
using NetSym.IO;
using NetSym.LinearAlgebra;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym fdim MODEL [--points N | --inputs CSV] [--dist gaussian|uniform|box|kinks] [--domain BOX]
/// [--exact | --float] [--tol T] [--primes K] [--grow [--max-points M] [--patience K]] [--plot FILE.png]</c>: the batch
/// functional dimension, its bound and verdict, the causes of a deficit and the hidden kernel directions.
/// </summary>
internal static class FdimCommand
{
    /// <summary>Default cap on the Jacobian of the default batch: 2^27 entries (1 GiB).</summary>
    public const long DefaultBatchEntries = 1L << 27;

    /// <summary>Default cap on the largest grown batch's Jacobian: 2^28 entries (2 GiB).</summary>
    public const long DefaultGrowthEntries = 1L << 28;

    // Each prime is a whole elimination of the Jacobian, and one random prime already errs with
    // probability about rank/2^22: a hundred is far beyond any use.
    private const int MaxPrimes = 100;

    // Doublings without a rise: thirty doublings multiply the batch by 2^30, past MaxPoints from any start.
    private const int MaxPatience = 30;

    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var model = new Argument<string>("MODEL") { Description = "Model file: .json (NetSym), .onnx or .safetensors" };
        var points = NumericOptions.OptionalInteger("--points", 1, NumericOptions.MaxPoints, "Number of random inputs (default: 2·⌈bound/outputs⌉, capped at a 1 GiB Jacobian, which the float rank holds twice); with --grow, the first batch");
        var inputs = new Option<string?>("--inputs") { Description = "CSV of inputs instead of random ones: one row per input, no header", HelpName = "FILE" };
        var distribution = new Option<InputDistribution?>("--dist")
        {
            Description = "Random inputs: gaussian (N(0, I); the default, except with --grow on a piecewise-linear network, where kinks is), uniform (on [-1, 1]^d), box (uniform on --domain) or kinks (beside breakpoint crossings of random lines at scales 1 to 1000; with convolutions, pooling or sums, beside the breakpoints of neurons drawn by how rarely a pilot batch wakes them or turns them off, reached by Newton's method; piecewise-linear networks)",
            HelpName = "gaussian|uniform|box|kinks",
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (Enum.TryParse<InputDistribution>(text, ignoreCase: true, out var d) && !int.TryParse(text, out _)) return d;
                result.AddError($"--dist must be gaussian, uniform, box or kinks, got '{text}'");
                return null;
            },
        };
        var exact = new Option<bool>("--exact") { Description = "Exact rank over F_p (piecewise-linear activations only); the default when it applies" };
        var numeric = new Option<bool>("--float") { Description = "float64 rank from singular values; the default for smooth activations" };
        var tolerance = NumericOptions.OptionalReal("--tol", 0, "Float: singular values ≤ T count as zero (default σ_max·max(m, n)·ε, as NumPy); implies --float");
        var primes = NumericOptions.OptionalInteger("--primes", 1, MaxPrimes, "Exact: number of random primes to try, the rank being the largest (default 1)", "K");
        var grow = new Option<bool>("--grow") { Description = "Double the batch until the rank reaches the bound or stops rising, and print the curve" };
        var maxPoints = NumericOptions.OptionalInteger("--max-points", 1, NumericOptions.MaxPoints, "With --grow: the largest batch (default: a 2 GiB Jacobian, at least --points; the float rank holds it twice, so about 4 GiB)", "M");
        var patience = NumericOptions.OptionalInteger("--patience", 1, MaxPatience, $"With --grow: stop after K doublings without a rise (default {FunctionalDimension.PatientGrowth})", "K");
        var plot = new Option<string?>("--plot")
        {
            Description = "Draw the rank against points with the bound (the curve with --grow, else the one batch) to FILE.png, and for a float rank the singular values with the tolerance to FILE-spectrum.png",
            HelpName = "FILE.png",
        };
        var command = new Command("fdim", "Functional dimension on a batch, its bound P − dim(symmetries), the verdict and why")
        {
            model, points, inputs, distribution, options.Domain, exact, numeric, tolerance, primes, grow, maxPoints, patience, plot, options.ModelActivation,
        };
        command.Validators.Add(result =>
        {
            bool Given(Option option) => result.GetResult(option) is not null;
            if (Given(exact) && Given(numeric)) result.AddError("give at most one of --exact and --float");
            if (Given(tolerance) && Given(exact)) result.AddError("--tol sets the float threshold: it does not go with --exact");
            if (Given(primes) && (Given(numeric) || Given(tolerance))) result.AddError("--primes is for the exact rank: it does not go with --float");
            if (Given(inputs) && (Given(distribution) || Given(options.Domain))) result.AddError("--dist and --domain choose random inputs: they do not go with --inputs");
            if (Given(inputs) && Given(points) && !Given(grow)) result.AddError("give --points N or --inputs FILE, not both (with --grow, --points is the first batch)");
            if ((Given(maxPoints) || Given(patience)) && !Given(grow)) result.AddError("--max-points and --patience need --grow");
        });
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            string? plotPath = parse.GetValue(plot);
            if (plotPath is not null) FunctionalDimensionPlots.CheckFile(plotPath);
            IReadOnlyList<string> plots = [];
            var loaded = LoadedModel.Read(invocation, parse.GetRequiredValue(model), parse.GetValue(options.ModelActivation));
            var network = loaded.Network;
            var fdimOptions = new FunctionalDimensionOptions
            {
                Method = parse.GetValue(exact) ? RankMethod.Exact : parse.GetValue(numeric) || parse.GetValue(tolerance) is not null ? RankMethod.Float : null,
                Tolerance = parse.GetValue(tolerance),
                Primes = parse.GetValue(primes) ?? 1,
                Seed = invocation.Seed,
            };
            var (source, description) = Inputs(parse, options, network, inputs, distribution, invocation.Seed, parse.GetValue(grow));
            int first = parse.GetValue(points) ?? FunctionalDimension.SuggestBatchSize(network, DefaultBatchEntries);
            var backend = invocation.Context.Backend;
            ReportSection section;
            if (parse.GetValue(grow))
            {
                var suggested = FunctionalDimension.SuggestGrowth(network, first, DefaultGrowthEntries);
                int largest = parse.GetValue(maxPoints) ?? suggested.MaxPoints;
                if (source.Fixed is { } all) largest = Math.Min(largest, Math.Max(first, all.Rows));
                var growthOptions = suggested with { MaxPoints = largest, Patience = parse.GetValue(patience) ?? suggested.Patience };
                invocation.EnsureFits(FunctionalDimension.EstimateGrowthMemory(network, growthOptions, fdimOptions), "use a smaller --max-points");
                var growth = invocation.WithProgress("fdim --grow", progress => FunctionalDimension.Grow(network, source.Prefix, growthOptions, backend, fdimOptions, progress));
                var scope = invocation.WithProgress("linear regions", progress =>
                    DimensionScope.Of(network, source.Sampler, growth.Curve[^1].Points, invocation.Seed, backend, fdimOptions, progress));
                section = FunctionalDimensionSection.Describe(null, "Functional dimension", network, growth.Final, growth, description, invocation.Seed, scope);
                if (plotPath is not null)
                    plots = FunctionalDimensionPlots.Write(plotPath, GrowthPlotData.Of(growth, description, invocation.Seed).WithKinks(source.Sampler, invocation.Seed), growth.Final);
            }
            else
            {
                invocation.EnsureFits(FunctionalDimension.EstimateMemory(network, source.Fixed?.Rows ?? first, fdimOptions), WayOut(network, fdimOptions));
                var batch = source.Fixed ?? source.Prefix(first);
                var result = invocation.WithProgress("fdim", progress => FunctionalDimension.Compute(network, batch, backend, fdimOptions, progress));
                var scope = invocation.WithProgress("linear regions", progress =>
                    DimensionScope.Of(network, source.Sampler, batch.Rows, invocation.Seed, backend, fdimOptions, progress));
                section = FunctionalDimensionSection.Describe(null, "Functional dimension", network, result, null, description, invocation.Seed, scope);
                if (plotPath is not null)
                    plots = FunctionalDimensionPlots.Write(plotPath, GrowthPlotData.Of(result, description, invocation.Seed).WithKinks(source.Sampler, invocation.Seed), result);
            }
            invocation.Write(new Report([section with { Facts = [new("model", "Model", loaded.Source), new("architecture", "Architecture", network.Architecture), .. section.Facts,
                .. plots.Count == 0 ? Array.Empty<Fact>() : [FunctionalDimensionPlots.Fact(plots)]] }]));
            return ExitCodes.Success;
        });
        return command;
    }

    // The float rank holds the Jacobian twice; the exact rank, where it applies, once.
    private static string WayOut(Networks.Network network, FunctionalDimensionOptions options) =>
        options.Method == RankMethod.Float && FunctionalDimension.SupportsExact(network)
            ? "use fewer --points (or fewer --inputs rows), or the exact rank, which needs half as much"
            : "use fewer --points (or fewer --inputs rows)";

    /// <summary>Where the inputs come from: a file read whole, or the seeded random stream of a sampler.</summary>
    private sealed record InputSource(Matrix? Fixed, Func<int, Matrix> Prefix, InputSampler? Sampler);

    private static (InputSource Source, string Description) Inputs(ParseResult parse, CliOptions options, Networks.Network network,
        Option<string?> inputs, Option<InputDistribution?> distribution, int seed, bool grow)
    {
        if (parse.GetValue(inputs) is { } path)
        {
            var all = CsvMatrix.Read(path, network.InputSize);
            return (new InputSource(all, n => n >= all.Rows ? all : new Matrix(n, all.Columns, all.Data[..(n * all.Columns)]), null), path);
        }
        var domain = options.DomainFor(parse, network.InputSize);
        // A grown batch estimates the dimension over all inputs: for a piecewise-linear network it looks
        // beside the kinks by default, where a Gaussian batch misses regions.
        var kind = parse.GetValue(distribution) ?? (domain is not null ? InputDistribution.Box
            : grow ? FunctionalDimensionSection.DefaultSampler(network).Distribution : InputDistribution.Gaussian);
        if (kind == InputDistribution.Box && domain is null) throw new ArgumentException("the box distribution needs a domain (--domain BOX)");
        if (kind == InputDistribution.Kinks && domain is not null) throw new ArgumentException("--domain goes with --dist box, not with --dist kinks");
        if (kind == InputDistribution.Kinks && !network.Layers.All(layer => layer.Activation.IsPiecewiseLinear))
            throw new ArgumentException("--dist kinks needs a piecewise-linear network (its breakpoints are walked exactly); use gaussian, uniform or box");
        var sampler = kind == InputDistribution.Kinks ? InputSampler.Kinks(network) : InputSampler.For(kind, network.InputSize, domain);
        return (new InputSource(null, n => sampler.Draw(n, seed), sampler), sampler.Describe(seed));
    }
}
