using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using NetSym.Cli.Rendering;
using NetSym.Embedding;
using NetSym.Networks;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym embed MODEL [--q 0,1,2] [--max-paths N] [--no-phi]</c>: the path-lifting Φ(θ) of a
/// ReLU-family network — its number of paths, its L^q path norms (one pass each, never
/// materialising Φ) and, within the path limit, Φ itself in the documented path order.
/// </summary>
internal static class EmbedCommand
{
    /// <summary>Console runs list Φ only up to this many entries (JSON always lists it).</summary>
    private const int ConsoleEntries = 100;

    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var model = new Argument<string>("MODEL") { Description = "Model file: .json (NetSym), .onnx or .safetensors" };
        var exponents = new Option<double[]>("--q")
        {
            Description = "Path-norm exponents, comma-separated: any q ≥ 0 and inf (q = 0 counts the non-zero paths)",
            DefaultValueFactory = _ => [0, 1, 2],
            CustomParser = ParseExponents,
            HelpName = "LIST",
        };
        var maxPaths = MaxPathsOption();
        var noPhi = new Option<bool>("--no-phi")
        {
            Description = "Report the path count and norms only, never materialising Φ (for networks beyond --max-paths)",
        };
        var command = new Command("embed", "Path-lifting Φ(θ): number of paths, L^q path norms, and Φ itself within --max-paths")
        {
            model,
            exponents,
            maxPaths,
            noPhi,
            options.ModelActivation,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            var loaded = LoadedModel.Read(invocation, parse.GetRequiredValue(model), parse.GetValue(options.ModelActivation));
            var network = loaded.Network;
            PathLifting.EnsureSupported(network);
            long limit = parse.GetValue(maxPaths);
            // Φ is listed path by path for dense layers only; a CNN's counts and norms need no listing.
            bool withPhi = !parse.GetValue(noPhi) && network.HasDenseLayersOnly;
            var count = PathCount.Of(network);
            if (withPhi && count.Total > limit)
                throw new ArgumentException(ErrorMessages.PathLimit(new PathLimitExceededException(count.Total, limit)) + "; give --no-phi for them alone");
            if (withPhi) invocation.EnsureFits(PhiMemory(network, invocation.Json || count.Total <= ConsoleEntries), "give --no-phi for the path count and norms alone");

            var facts = new List<Fact>
            {
                new("model", "Model", loaded.Source),
                new("architecture", "Architecture", network.Architecture),
                new("path_count", "Paths", Exact(count.Total), "entries of Φ, exact: input and bias paths to every output"),
                new("path_norms", "Path norms", new GroupValue(
                [
                    .. parse.GetValue(exponents)!.Select(q => new Fact(QKey(q), $"q={QKey(q)}", PathNorms.Compute(network, q).Value)),
                ]), "‖Φ(θ)‖_q, one forward pass on |θ|^q each (q = 0: number of non-zero paths)"),
                new("max_paths", "Path limit", limit, "--max-paths"),
            };
            var tables = new List<ReportTable>
            {
                new("outputs", "Paths per output",
                    [new("output", "output"), new("paths", "paths"), new("start", "first entry in Φ")],
                    [.. count.PerOutput.Select((c, o) => (IReadOnlyList<ReportValue>)[o, Exact(c), Exact(count.StartOf(o))])]),
            };
            if (withPhi)
            {
                var phi = invocation.WithProgress("embed: Φ", progress => PathLifting.Compute(network, limit, progress));
                if (invocation.Json || phi.Length <= ConsoleEntries)
                {
                    var paths = invocation.WithProgress("embed: paths", progress => PathLifting.Paths(network, limit, progress));
                    tables.Add(new ReportTable("phi", "Φ(θ)", [new("index", "k"), new("path", "path"), new("value", "Φ_k")],
                        new ComputedRows(phi.Length, k => [k, paths[k].ToString(), phi[k]]))
                    {
                        Caption = "paths in the documented order: by output, input paths then bias paths, lexicographically by neurons (layer, index)",
                    });
                }
                else facts.Add(new("phi", "Φ(θ)", $"{phi.Length:N0} entries (listed with --json)"));
            }
            invocation.Write(new Report(
            [
                new ReportSection(null, "Path-lifting embedding")
                {
                    Facts = facts,
                    Tables = tables,
                    Method = "paths counted exactly (BigInteger, one pass over the layers); path norms in float64 by one pass of the all-ones input through |w|^q, |b|^q (Gonon et al. 2024); "
                        + (withPhi ? "Φ enumerated, its entries products of the weights in float64"
                            : network.HasDenseLayersOnly ? "Φ not materialised (--no-phi)"
                            : "Φ not materialised (listed for dense layers only); a max-pool passes every tap's paths, an average pool weighs each tap 1/k, an addition sums its sources"),
                },
            ]));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Φ and, when it is listed, its paths and one report row per entry (the path's text and the
    /// row's values: about <see cref="ReportBytesPerEntry"/> bytes, measured).
    /// </summary>
    private static MemoryEstimate PhiMemory(Network network, bool listed)
    {
        var phi = PathLifting.EstimateMemory(network, listed);
        long entries = (long)BigInteger.Min(PathCount.Of(network).Total, long.MaxValue / ReportBytesPerEntry);
        return listed ? phi.Plus(MemoryEstimate.Of($"{entries} report rows", entries * ReportBytesPerEntry)) : phi;
    }

    /// <summary>What one listed entry of Φ takes in the report, measured with --json on a million-path network.</summary>
    private const long ReportBytesPerEntry = 650;

    /// <summary>
    /// A new --max-paths option (embed and identifiable): the most entries of Φ or α written out, at
    /// most what one array holds, since Φ is one.
    /// </summary>
    internal static Option<long> MaxPathsOption() => NumericOptions.Integer("--max-paths", 0L, Array.MaxLength, PathLifting.DefaultMaxPaths,
        "The most entries of Φ (or of the activation matrix α) that may be written out");

    /// <summary>An exact integer of any size, as a decimal string (as JSON writes exact group orders too).</summary>
    private static ReportValue Exact(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The JSON key of exponent q: "0", "1", "0.5", "inf".</summary>
    private static string QKey(double q) => double.IsPositiveInfinity(q) ? "inf" : q.ToString("R", CultureInfo.InvariantCulture);

    private static double[] ParseExponents(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var values = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part is "inf" or "∞") values.Add(double.PositiveInfinity);
            else if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double q) && q >= 0 && double.IsFinite(q)) values.Add(q);
            else
            {
                result.AddError($"--q '{text}': '{part}' is not an exponent q ≥ 0 or inf (expected e.g. 0,1,2,inf)");
                return [];
            }
        }
        return [.. values.Distinct()];
    }
}
