using System.CommandLine;
using System.Globalization;
using NetSym.Canonical;
using NetSym.Cli.Analysis;
using NetSym.Cli.Rendering;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym equiv A B [--tol T] [--domain BOX] [--budget N]</c>: the same function? Equivalent by
/// symmetry (with the map), different (with a witness input), the same function by a region-by-region
/// comparison (small piecewise-linear networks), or agreeing on every input tried.
/// Exit 0 for "equivalent" and "same_function"; 1 otherwise.
/// </summary>
internal static class EquivCommand
{
    // A million pair evaluations take about a minute on a mid-size network; more is a search that
    // would run for hours, not a stronger answer.
    private const int MaxBudget = 1_000_000;

    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var a = new Argument<string>("A") { Description = "First model" };
        var b = new Argument<string>("B") { Description = "Second model" };
        var budget = NumericOptions.Integer("--budget", 1, MaxBudget, new EquivalenceOptions().WitnessBudget, "Network-pair evaluations the witness search may spend");
        var tolerance = CliOptions.RelativeTolerance(new EquivalenceOptions().Tolerance, "Relative tolerance for canonical forms and for output differences");
        var command = new Command("equiv", "Do A and B compute the same function? By symmetry (with the map) or a witness where they differ")
        {
            a,
            b,
            tolerance,
            options.Domain,
            budget,
            options.ModelActivation,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            var (modelA, modelB) = LoadedModel.ReadPair(parse, a, b, options, invocation);
            var domain = options.DomainFor(parse, modelA.Network.InputSize);
            invocation.EnsureFits(Equivalence.EstimateMemory(modelA.Network, modelB.Network), "compare the networks on a machine with more memory");
            var result = invocation.WithProgress("equiv", progress => Equivalence.Compare(modelA.Network, modelB.Network, invocation.Context.Backend,
                new EquivalenceOptions
                {
                    Tolerance = parse.GetValue(tolerance),
                    Seed = invocation.Seed,
                    WitnessBudget = parse.GetValue(budget),
                    Box = domain,
                }, progress));

            List<Fact> facts =
            [
                new("verdict", "Verdict", VerdictName(result.Verdict)),
                new("reason", "Why", Reason(result)),
                new("a", "A", modelA.Source),
                new("b", "B", modelB.Source),
                .. ReductionFacts(result),
                new("complete_decision", "Complete decision", result.DecidedByTheorem, result.DecidedByTheorem
                    ? $"both networks are tanh-type and non-degenerate once reduced, so by the uniqueness theorem (Vlačić & Bölcskei 2021) the same function means the same canonical form: {Fiber.TheoremScope}"
                    : "the uniqueness theorem does not decide this pair: " + string.Join("; ", result.TheoremGaps)),
            ];
            if (result.CanonicalDeviation is { } dev) facts.Add(new("canonical_deviation", "Canonical deviation", dev, "largest over layers of max|Δθ| / max|θ|"));
            if (result.MapDeviation is { } md) facts.Add(new("map_deviation", "Map deviation", md, "max |θ(h·B) − θ(A)| over all parameters"));
            bool dense = modelA.Network.HasDenseLayersOnly && modelB.Network.HasDenseLayersOnly;
            var tables = new List<ReportTable>();
            if (result.Map is { } map) tables.Add(SymmetryMapTable.Of(map));
            if (result.ChannelMap is { } channelMap) tables.Add(ChannelTransformTable.Map(channelMap));
            if (result.Search is { } search)
            {
                facts.Add(new("inputs_tried", "Inputs tried", search.InputsTried, $"seed {invocation.Seed}, budget {parse.GetValue(budget)}; {Coverage(domain, dense)}"));
                facts.Add(new("largest_difference", "Largest difference", search.LargestDifference, "‖f_A(x) − f_B(x)‖∞ over every input tried"));
                if (search.Found) facts.Add(WitnessFact(search));
            }
            facts.AddRange(RegionFacts(result));
            invocation.Write(new Report(
            [
                new ReportSection(null, "Equivalence")
                {
                    Facts = facts,
                    Tables = tables,
                    Method = (dense
                        ? $"both reduced, canonical forms compared to relative tolerance {parse.GetValue(tolerance):G3} (for non-degenerate tanh-type networks a complete decision, by the uniqueness theorem)"
                        : $"both reduced (channel by channel, exact rules on every input{(domain is null ? "" : ", the box not used")}), canonical forms under the permutation spec derived from the graph (channels normalised and sorted class by class) compared to relative tolerance {parse.GetValue(tolerance):G3}")
                        + $"; otherwise a witness search ({Coverage(domain, dense)}, then gradient ascent of |f_A − f_B| with input Jacobians), seed {invocation.Seed}, and for piecewise-linear networks of at most {RegionComparison.ClippingMaxParameters} parameters together with one or two inputs ({RegionComparison.MaxParameters} with more) a comparison of their affine maps on every linear region of the common refinement; float64",
                },
            ]));
            return result.Verdict is EquivalenceVerdict.Equivalent or EquivalenceVerdict.SameFunction ? ExitCodes.Success : ExitCodes.No;
        });
        return command;
    }

    /// <summary>The verdict's stable JSON name.</summary>
    internal static string VerdictName(EquivalenceVerdict verdict) => verdict switch
    {
        EquivalenceVerdict.Equivalent => "equivalent",
        EquivalenceVerdict.Different => "different",
        EquivalenceVerdict.SameFunction => "same_function",
        _ => "agree_on_tested_inputs",
    };

    /// <summary>The witness the search found: the input, both outputs, their difference and the threshold it exceeds.</summary>
    internal static Fact WitnessFact(WitnessSearchResult search) => new("witness", "Witness", new GroupValue(
    [
        new("input", "x", new RealListValue(search.Input)),
        new("output_a", "f_A(x)", new RealListValue(search.OutputA)),
        new("output_b", "f_B(x)", new RealListValue(search.OutputB)),
        new("difference", "difference", search.Difference),
        new("threshold", "threshold", search.Threshold),
    ]));

    /// <summary>Where the witness search looked, in words (kink points for networks of dense layers only).</summary>
    private static string Coverage(Networks.Box? domain, bool dense) => domain is not null
        ? $"uniform samples, vertices and Gaussian samples around the centre of the box {domain}"
        : dense ? "Gaussian samples at scales 1, 4, 30 and 300 and points beside the kinks of both networks (lines at scales 1 to 1000)"
        : "Gaussian samples at scales 1, 4, 30, 100 and 300";

    /// <summary>The reduced architectures (neurons or channels removed) and whether they match.</summary>
    private static IEnumerable<Fact> ReductionFacts(EquivalenceResult result)
    {
        yield return new("reduced_a", "A reduced", result.ReductionA.Network.Architecture, Removed(result.ReductionA));
        yield return new("reduced_b", "B reduced", result.ReductionB.Network.Architecture, Removed(result.ReductionB));
        yield return new("same_shape", "Same reduced shape", result.CanonicalShapesMatch);
    }

    private static string Removed(Reduction.ReductionResult reduction) =>
        $"{reduction.RemovedNeuronCount} {(reduction.Network.HasDenseLayersOnly ? "neurons" : "channels or neurons")} removed";

    /// <summary>The region comparison, when it ran: regions, how the maps compare, the witness it found.</summary>
    private static IEnumerable<Fact> RegionFacts(EquivalenceResult result)
    {
        if (result.Regions is not { } regions)
        {
            if (result.Verdict != EquivalenceVerdict.Equivalent && result.Search is { Found: false })
                yield return new("regions", "Linear regions", "not compared: " + (RegionComparisonRefusal(result)));
            yield break;
        }
        var enumeration = regions.Regions;
        string where = result.Box?.ToString() ?? F($"[−{Networks.Regions.LinearRegions.BoxHalfWidth:0.###e+0}, {Networks.Regions.LinearRegions.BoxHalfWidth:0.###e+0}]^d");
        string cap = enumeration.Complete ? "" : F($" (stopped at the cap of {RegionComparison.RegionCap(enumeration.Box.Dimension)}: not all regions seen)");
        yield return new("regions", "Linear regions", enumeration.Regions.Count, F(
            $"of the common refinement of A and B meeting {where}{cap}; {RegionCellText.Of(enumeration)}, regions thinner than {enumeration.ThinnestRadius:0.###e+0} (relative) taken as empty"));
        yield return new("region_deviation", "Largest map deviation", regions.LargestDeviation, F(
            $"over the regions, max |coefficient difference| of the two affine maps / their largest |coefficient|; threshold {regions.Threshold:G3}"));
        if (regions.Witness is { } w)
            yield return new("region_witness", "Region witness", new GroupValue(
            [
                new("input", "x", new RealListValue(w.Input)),
                new("output_a", "f_A(x)", new RealListValue(w.OutputA)),
                new("output_b", "f_B(x)", new RealListValue(w.OutputB)),
                new("difference", "difference", w.Difference),
                new("region", "region", w.Region),
            ]), "a point of the region whose maps differ most, both networks evaluated there");
    }

    private static string RegionComparisonRefusal(EquivalenceResult result) =>
        result.ReductionA.Network is not { HasDenseLayersOnly: true } ra || result.ReductionB.Network is not { HasDenseLayersOnly: true } rb ? "needs networks of dense layers"
        : ra.Layers.Concat(rb.Layers).All(l => l.Activation.IsPiecewiseLinear)
            ? F($"more than {RegionComparison.ParameterCap(ra.InputSize)} parameters together")
            : "needs piecewise-linear activations";

    /// <summary>Why, in one sentence: how the canonical forms compare, then what the witness search found.</summary>
    private static string Reason(EquivalenceResult result)
    {
        if (result.Verdict == EquivalenceVerdict.Equivalent)
            return F($"canonical forms agree to {result.CanonicalDeviation:G3} (relative), within the tolerance {result.Tolerance:G3}")
                + (result.OnBoxOnly ? F($"; on the box {result.Box} only, where reduction folded neurons") : "");
        string why = result.CanonicalShapesMatch
            ? F($"canonical forms differ by {result.CanonicalDeviation:G3} (relative), more than the tolerance {result.Tolerance:G3}")
            : $"canonical forms have different shapes ({result.ShapeDifference})";
        var search = result.Search!;
        if (result.Verdict == EquivalenceVerdict.SameFunction)
            return F($"{why}, yet on every one of the {result.Regions!.Regions.Regions.Count} linear regions of their common refinement the two affine maps agree (largest deviation {result.Regions.LargestDeviation:G3}, threshold {result.Regions.Threshold:G3}): the same function, related by no known symmetry");
        if (result.Verdict == EquivalenceVerdict.Different && !search.Found && result.Regions?.Witness is null)
            return F($"{why}; by the uniqueness theorem for non-degenerate tanh-type networks they are different functions, though no input tried told them apart above the threshold {search.Threshold:G3} (largest difference {search.LargestDifference:G3} over {search.InputsTried} inputs)");
        if (result.Verdict == EquivalenceVerdict.Different && !search.Found)
            return F($"{why}; the witness search found nothing, but on a linear region the affine maps differ by {result.Regions!.LargestDeviation:G3} (relative), and the outputs differ by {result.Regions.Witness!.Difference:G3} at a point inside it");
        return result.Verdict == EquivalenceVerdict.Different
            ? F($"{why}; the outputs differ by {search.Difference:G3} at a witness input (threshold {search.Threshold:G3})")
            : F($"{why}, yet the outputs agree on all {search.InputsTried} inputs tried (largest difference {search.LargestDifference:G3}), and {(result.Regions is null ? "the regions could not be compared" : "the region comparison stopped at its cap")}: not related by any known symmetry, possibly a hidden one");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
