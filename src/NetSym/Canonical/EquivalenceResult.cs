using NetSym.Networks;
using NetSym.Reduction;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>The outcome of <see cref="Equivalence.Compare"/>.</summary>
/// <param name="Verdict">What was established.</param>
/// <param name="CanonicalShapesMatch">Whether A and B have the same architecture (widths, activations, sources, masks), so that their canonical forms can be compared entry by entry.</param>
/// <param name="ShapeDifference">When the shapes differ: what differs first, e.g. "2-3-1 vs 2-4-1" or "layer 0: activation relu vs tanh"; null otherwise.</param>
/// <param name="CanonicalDeviation">When the shapes match: the largest over layers of max|Δθ| / max|θ| between the two canonical forms; null otherwise.</param>
/// <param name="Tolerance">The relative tolerance the canonical deviation was held to (<see cref="EquivalenceOptions.Tolerance"/>).</param>
/// <param name="Map">For <see cref="EquivalenceVerdict.Equivalent"/> networks of dense layers: the element h with h·B ≈ A (of the reduced networks when reduction changed them) (canon_A⁻¹ ∘ canon_B): per hidden layer the permutation and per neuron the symmetry (scale, sign, shift).</param>
/// <param name="MapDeviation">For <see cref="EquivalenceVerdict.Equivalent"/>: the largest |θ(h·B) − θ(A)| over all parameters (h = <paramref name="Map"/> or <paramref name="ChannelMap"/>).</param>
/// <param name="Search">The witness search, when one ran (not for <see cref="EquivalenceVerdict.Equivalent"/>): the witness for <see cref="EquivalenceVerdict.Different"/>, the inputs tried and the largest difference for <see cref="EquivalenceVerdict.AgreeOnTestedInputs"/>.</param>
/// <param name="ReductionA">How A was reduced before its canonical form was taken (channel by channel, on every input, for a network with convolution, pooling or addition layers).</param>
/// <param name="ReductionB">How B was reduced before its canonical form was taken.</param>
/// <param name="Box">The input box the comparison was restricted to (<see cref="EquivalenceOptions.Box"/>); null for all inputs.</param>
/// <param name="Regions">The region-by-region comparison, when the search found no witness and it applies (<see cref="RegionComparison.Applies"/>); null otherwise.</param>
/// <param name="TheoremGaps">
/// Why the uniqueness theorem for tanh-type networks (<see cref="Fiber"/>) does not decide this pair: the
/// conditions that fail for A or B, reduced (reduction with a domain is not exact and always counts as one; a network
/// with convolution, pooling or addition layers always has one, <see cref="Fiber.ChannelNetworkGap"/>).
/// Empty when it decides: then equal canonical forms and the same function are the same thing, and
/// <see cref="EquivalenceVerdict.Different"/> holds even where no witness was found.
/// </param>
/// <param name="ChannelMap">
/// For <see cref="EquivalenceVerdict.Equivalent"/> networks with convolution, pooling or addition layers: the channel
/// transform h of reduced A's <see cref="PermutationSpec"/> with <c>spec.Apply(reduced B, h)</c> ≈ reduced A
/// (canon_A⁻¹ ∘ canon_B, between the networks of <paramref name="ReductionA"/> and <paramref name="ReductionB"/>); null otherwise.
/// </param>
public sealed record EquivalenceResult(
    EquivalenceVerdict Verdict,
    bool CanonicalShapesMatch,
    string? ShapeDifference,
    double? CanonicalDeviation,
    double Tolerance,
    GroupElement? Map,
    double? MapDeviation,
    WitnessSearchResult? Search,
    ReductionResult ReductionA,
    ReductionResult ReductionB,
    Box? Box,
    RegionComparisonResult? Regions,
    IReadOnlyList<string> TheoremGaps,
    ChannelTransform? ChannelMap = null)
{
    /// <summary>Whether the verdict is a complete decision by the uniqueness theorem (<see cref="TheoremGaps"/> is empty).</summary>
    public bool DecidedByTheorem => TheoremGaps.Count == 0;

    /// <summary>Whether the verdict holds on <see cref="Box"/> only: reduction folded neurons that are constant or linear there.</summary>
    public bool OnBoxOnly => ReductionA.HoldsOnDomainOnly || ReductionB.HoldsOnDomainOnly;
}
