namespace NetSym.Networks;

/// <summary>
/// A pre-activation exactly on a breakpoint of its activation: neuron <paramref name="Neuron"/> for
/// input <paramref name="Sample"/>. The network need not be differentiable in θ there; NetSym's
/// Jacobians take ρ′ at the breakpoint as PyTorch does (<see cref="ExactPieces.BreakpointSlopes"/>).
/// </summary>
public readonly record struct Kink(int Sample, Neuron Neuron)
{
    /// <summary>The layer of the neuron on its breakpoint.</summary>
    public int Layer => Neuron.Layer;
}
