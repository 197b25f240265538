using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>Which stage of the alignment produced the element that was kept.</summary>
public enum AlignmentStage
{
    /// <summary>Nothing found beat B as given: the element is the identity.</summary>
    Unchanged,

    /// <summary>Matching the hidden layers (channel classes) one after another from the input, on normalised incoming weights.</summary>
    LayerMatching,

    /// <summary>The weight-matching refinement of that matching.</summary>
    WeightMatching,
}

/// <summary>
/// The outcome of aligning network B to network A: a symmetry g of B's architecture and the distances between the
/// parameter vectors (<see cref="Network.GetParameters"/> order) before and after applying it.
/// </summary>
/// <param name="Element">g for a dense network: per hidden layer a permutation within the interchangeable classes and per
/// neuron an affine symmetry of its activation, relative to B as given. g·B computes the same function as B. Null for a
/// convolutional or residual network, whose g is <see cref="Transform"/>.</param>
/// <param name="Aligned">g·B, computed by applying g to B.</param>
/// <param name="DistanceBefore">‖θ_A − θ_B‖₂.</param>
/// <param name="DistanceAfter">‖θ_A − θ_{g·B}‖₂; never larger than <paramref name="DistanceBefore"/>, since the identity is a candidate.</param>
/// <param name="RelativeDistanceBefore">DistanceBefore / ‖θ_A‖₂ (the absolute distance when A is all zero).</param>
/// <param name="RelativeDistanceAfter">DistanceAfter / ‖θ_A‖₂ (the absolute distance when A is all zero).</param>
/// <param name="MaxDeviation">max_k |θ_A,k − θ_{g·B},k|, the largest single parameter difference after alignment.</param>
/// <param name="Exact">Whether g·B equals A: <paramref name="RelativeDistanceAfter"/> ≤ the tolerance. For B = h·A with
/// generic A this holds and g = h⁻¹ (up to the tolerance).</param>
/// <param name="Stage">The stage whose element was kept.</param>
/// <param name="Sweeps">Weight-matching sweeps run (0 when the layer matching was already exact or refinement was off); for a
/// network that is not dense-only, sweeps of coordinate descent over its channel classes.</param>
public sealed record AlignmentResult(
    GroupElement? Element,
    Network Aligned,
    double DistanceBefore,
    double DistanceAfter,
    double RelativeDistanceBefore,
    double RelativeDistanceAfter,
    double MaxDeviation,
    bool Exact,
    AlignmentStage Stage,
    int Sweeps)
{
    /// <summary>
    /// g for a network that is not dense-only: a channel transform of its <see cref="PermutationSpec"/> (an element of
    /// it, relative to B as given); null for a dense network, whose g is <see cref="Element"/>.
    /// </summary>
    public ChannelTransform? Transform { get; init; }
}
