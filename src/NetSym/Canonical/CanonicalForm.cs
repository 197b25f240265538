using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>
/// A network brought to canonical form, with the group element that took it there: a <see cref="GroupElement"/> for a
/// network of dense layers, a <see cref="ChannelTransform"/> of its <see cref="PermutationSpec"/> for one with
/// convolution, pooling or addition layers.
/// </summary>
/// <param name="Network">The canonical network: every hidden neuron (channel) normalised under its activation's
/// symmetries and the neurons of every hidden layer (the channels of every class) in canonical order.</param>
/// <param name="Element">For a network of dense layers: the element g with g·original = <paramref name="Network"/> (up to rounding); null otherwise.</param>
/// <param name="Spec">For a network with convolution, pooling or addition layers: the permutation spec of the original; null otherwise.</param>
/// <param name="Transform">With <paramref name="Spec"/>: the transform t with <c>Spec.Apply(original, t)</c> = <paramref name="Network"/>.</param>
public sealed record CanonicalForm(Network Network, GroupElement? Element, PermutationSpec? Spec = null, ChannelTransform? Transform = null)
{
    /// <summary>Channels (neurons) the canonical order moved: over all hidden layers, or over all channel classes.</summary>
    public int MovedCount => (Element?.Permutations ?? Transform!.Permutations).Sum(p => p.Where((v, k) => v != k).Count());
}
