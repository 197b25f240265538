using System.Globalization;
using NetSym.Cli.Rendering;
using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Networks.Regions;

namespace NetSym.Cli.Analysis;

/// <summary>
/// What a functional-dimension figure stands for: the batch dimension on points the user gave, or an
/// estimate of the dimension over all inputs from a random batch (a lower bound); how many neurons'
/// kinks a kink batch reached; and, for small piecewise-linear networks, the dimension over all inputs
/// certified by enumerating linear regions (<see cref="AllInputsDimension"/>).
/// </summary>
/// <param name="GivenPoints">Whether the points came from the user (--inputs) rather than a random stream.</param>
/// <param name="Coverage">For a kink batch: the neurons whose kinks it reached; null otherwise.</param>
/// <param name="AllInputs">The all-inputs dimension, when it was computed and the regions were within the cap.</param>
/// <param name="AllInputsWhyNot">Why there is no all-inputs figure; null when there is one.</param>
internal sealed record DimensionScope(bool GivenPoints, KinkCoverage? Coverage, AllInputsResult? AllInputs, string AllInputsWhyNot)
{
    /// <summary>Computes the kink coverage of a kink batch of <paramref name="points"/> rows and, where it applies, the all-inputs dimension.</summary>
    public static DimensionScope Of(Network network, InputSampler? sampler, int points, int seed, LinearAlgebraBackend backend,
        FunctionalDimensionOptions options, IProgress<ProgressReport>? progress = null)
    {
        var coverage = sampler is { Distribution: InputDistribution.Kinks } ? sampler.Coverage(points, seed) : null;
        if (!AllInputsDimension.Applies(network))
            return new(sampler is null, coverage, null,
                !FunctionalDimension.SupportsExact(network) ? "not computed: region enumeration needs piecewise-linear activations"
                : !network.HasDenseLayersOnly ? "not computed: region enumeration handles dense layers only, not yet convolution, pooling or addition layers"
                : F($"not computed: {network.ParameterCount} parameters, more than the {AllInputsDimension.MaxParameters} region enumeration is for"));
        var all = AllInputsDimension.Compute(network, backend, options, progress);
        return new(sampler is null, coverage, all, all is null
            ? F($"not computed: more than {AllInputsDimension.MaxRegions} linear regions meet the box")
            : "");
    }

    /// <summary>What the figure is: the batch on given points, or an estimate over all inputs.</summary>
    public Fact Figure() => new("figure", "Figure", GivenPoints ? "batch_on_given_points" : "estimate_over_all_inputs", GivenPoints
        ? "the batch functional dimension on the given points"
        : "an estimate of the functional dimension over all inputs from a random batch: a lower bound, since no batch exceeds the supremum");

    /// <summary>The kinks reached and the all-inputs dimension, or why it is missing.</summary>
    public IEnumerable<Fact> Reach()
    {
        if (Coverage is { } c)
            yield return new("kinks_reached", "Kinks reached", c.Reached.Count, F(
                $"of {c.Neurons} neurons with a breakpoint, a batch point lies beside one of its crossings; {c.CrossedOnly.Count} more crossed by a line only; never found: {Names(c.NeverFound)}"));
        if (AllInputs is not { } all)
        {
            yield return new("all_inputs", "Over all inputs", AllInputsWhyNot);
            yield break;
        }
        var regions = all.Regions;
        yield return new("all_inputs", "Over all inputs", all.Result.Rank, (all.CertifiedFull
            ? "certified full: the rank meets the bound"
            : "the rank mod p is below the bound: a deficit over all inputs (unless p divides a minor)") + F(
            $"; exact rank mod {string.Join(", ", all.Result.Primes)} at d + 1 interior points of every linear region, where the Jacobian is affine in x, so they span every row any input gives"));
        yield return new("all_inputs_certified", "Certified over all inputs", all.CertifiedFull, "the all-inputs rank meets the bound");
        yield return new("linear_regions", "Linear regions", regions.Regions.Count, F(
            $"every region meeting [−{LinearRegions.BoxHalfWidth:0.###e+0}, {LinearRegions.BoxHalfWidth:0.###e+0}]^d, walked across facets with {RegionCellText.Of(regions)}; regions thinner than {regions.ThinnestRadius:0.###e+0} (relative) taken as empty"));
    }

    private static string Names(IReadOnlyList<Neuron> neurons) =>
        neurons.Count == 0 ? "none" : neurons.Count <= 20 ? string.Join(" ", neurons) : string.Join(" ", neurons.Take(20)) + F($" and {neurons.Count - 20} more");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
