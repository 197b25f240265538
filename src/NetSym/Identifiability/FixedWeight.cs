using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>
/// The outgoing edge of a hidden neuron whose weight Γ(X, θ) holds fixed: the one of largest |w|
/// (the first in parameter order among equals).
/// </summary>
/// <param name="Neuron">The hidden neuron.</param>
/// <param name="Target">The neuron the edge leads to.</param>
/// <param name="Parameter">The edge's index in <see cref="Network.GetParameters"/>.</param>
/// <param name="Weight">Its weight, non-zero.</param>
public sealed record FixedWeight(Neuron Neuron, Neuron Target, int Parameter, double Weight);
