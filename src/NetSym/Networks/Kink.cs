namespace NetSym.Networks;

/// <summary>
/// A pre-activation exactly on a breakpoint of its activation: neuron <paramref name="Neuron"/> for
/// input <paramref name="Sample"/>. The network is not differentiable in θ there, so that input has
/// no parameter Jacobian.
/// </summary>
public readonly record struct Kink(int Sample, Neuron Neuron)
{
    /// <summary>The layer of the neuron on its breakpoint.</summary>
    public int Layer => Neuron.Layer;
}
