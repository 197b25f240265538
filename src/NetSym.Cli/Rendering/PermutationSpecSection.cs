using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Cli.Rendering;

/// <summary>
/// A network's <see cref="PermutationSpec"/> as a report section: the counts, and one row per channel class
/// (producers by layer, channels, permutation, factors). <c>symmetries MODEL</c> prints it; <c>count MODEL</c>
/// shares its method text.
/// </summary>
internal static class PermutationSpecSection
{
    /// <summary>The Method line of a count or spec derived from the graph.</summary>
    public const string Method =
        "derived from the graph: additions tie their sources' producers into one class (one permutation, one factor per channel), pooling passes channels on; "
        + "each producer's and addition's activation admits the factors λ with ρ(λz) = λρ(z) (its affine symmetry group: ReLU λ > 0, tanh λ = ±1); "
        + "max-pooling rules out sign flips; grouped convolutions keep channels within their groups, a depthwise one shares its input's permutation; "
        + "the network's input and output channels are fixed";

    /// <summary>The section: architecture, class count, order facts (as <c>count</c> gives them), continuous dimension, the spec table.</summary>
    public static ReportSection Of(Network network, PermutationSpec spec, bool allDigits) =>
        new(null, "Permutation spec")
        {
            Facts =
            [
                new("architecture", "Architecture", network.Architecture),
                new("activation", "Hidden activation", network.HiddenActivations),
                new("classes", "Classes", spec.Classes.Count, "sets of producer layers whose output channels share one permutation and one factor per channel"),
                .. Commands.CountCommand.OrderFacts(spec.Order, allDigits),
                new("continuous_dimension", "Continuous dimension", spec.ContinuousDimension, "one positive scaling per channel of each class that admits them"),
            ],
            Tables = [Table(spec)],
            Method = Method,
        };

    private static ReportTable Table(PermutationSpec spec) => new(
        "spec",
        "Channel classes",
        [
            new("class", "class"), new("producers", "producer layers"), new("additions", "tied by additions"), new("channels", "channels"),
            new("permutation", "permutation"), new("permutation_owner", "permutation of class"), new("factors", "factors"), new("fixed", "fixed"),
        ],
        [
            .. spec.Classes.Select(c => (IReadOnlyList<ReportValue>)
            [
                c.Index, new IntegerListValue(c.Producers), new IntegerListValue(c.Additions), c.Channels,
                PermutationText(c), c.PermutationOwner, FactorText(c.Factors), c.Fixed,
            ]),
        ])
    {
        Caption = "new channel k = λ_{π(k)} · old channel π(k) in every producer of the class; its readers take π and 1/λ. "
            + "factors: positive (λ > 0), ±1 (sign flips), nonzero (λ ≠ 0), none (λ = 1). S8: any permutation of 8 channels; S4×S4: within two blocks of 4 (grouped convolutions); \"as class i\": class i's permutation; layers counted from 0",
    };

    /// <summary>"S8", "S4×S4", "as class 2", or "none".</summary>
    private static string PermutationText(ChannelClass c)
    {
        if (!c.OwnsPermutation) return $"as class {c.PermutationOwner}";
        var sizes = c.PermutableBlockSizes;
        return sizes.Count == 0 ? "none" : string.Join("×", sizes.Select(n => $"S{n}"));
    }

    private static string FactorText(ChannelFactors factors) => factors switch
    {
        ChannelFactors.PositiveScaling => "positive",
        ChannelFactors.SignFlip => "±1",
        ChannelFactors.NonzeroScaling => "nonzero",
        _ => "none",
    };
}
