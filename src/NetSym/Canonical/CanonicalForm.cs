using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>
/// A network brought to canonical form, with the group element that took it there.
/// </summary>
/// <param name="Network">The canonical network: every hidden neuron normalised under its activation's
/// symmetries and the neurons of every hidden layer in canonical order.</param>
/// <param name="Element">The element g with g·original = <paramref name="Network"/> (up to rounding).</param>
public sealed record CanonicalForm(Network Network, GroupElement Element);
