using NetSym.Networks;

namespace NetSym.Canonical;

/// <summary>
/// The canonical form of a network under its symmetry group: one representative per orbit, so that
/// two networks related by a symmetry have the same canonical form (to a few rounding errors).
/// </summary>
/// <remarks>
/// Layer by layer, in evaluation order: every hidden neuron is normalised under its activation's
/// affine symmetries (<see cref="NeuronNormalizer"/>), then the neurons are sorted within each
/// interchangeable class by a key computed from their normalised incoming (w, β) (projections onto
/// fixed pseudo-random directions; ties within a relative 10⁻⁹ are broken by further projections and
/// finally lexicographically), and the permutation is applied before the next layer is reached, so
/// that the next layer's incoming columns are already in canonical order. The form is exactly
/// idempotent: canonicalising a canonical network returns it unchanged with the identity element.
/// <para>
/// The canonical form is meant for <b>reduced</b> networks (no dead, constant or twin neurons):
/// twins have equal keys, and which of two exact twins comes first then depends on their current
/// order. Callers reduce first.
/// </para>
/// </remarks>
public static class Canonicalizer
{
    /// <summary>The memory <see cref="Canonicalize"/> takes beyond the network: its normalised and its sorted copy (for a CNN: the key producers' rows and the transformed copy).</summary>
    public static MemoryEstimate EstimateMemory(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return MemoryEstimate.Of("normalised and sorted copies", MemoryEstimate.Doubles(2, network.ParameterCount));
    }

    /// <summary>
    /// The canonical network and the element g with g·<paramref name="network"/> = canonical network; for a network with
    /// convolution, pooling or addition layers the form under its <see cref="Symmetries.PermutationSpec"/> instead
    /// (<see cref="ChannelCanonicalizer"/>), with the spec and the channel transform.
    /// </summary>
    /// <remarks>One copy of each layer; O(parameters + Σ widths·log widths).</remarks>
    /// <param name="network">The network, reduced.</param>
    /// <param name="progress">Told of each layer (channel class) as it is normalised and sorted.</param>
    /// <exception cref="NotSupportedException">A masked layer in a network with convolution, pooling or addition layers.</exception>
    public static CanonicalForm Canonicalize(Network network, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.HasDenseLayersOnly
            ? LayerSweep.Run(network, NeuronOrder.Sort, progress)
            : ChannelCanonicalizer.Canonicalize(network, progress);
    }
}
