using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// Everything a forward pass computed for a batch: node outputs (node 0 = the inputs, node l + 1 =
/// layer l's output) and each layer's pre-activations. The Jacobians run backwards over it.
/// </summary>
public sealed record ForwardTrace(Network Network, IReadOnlyList<Matrix> Nodes, IReadOnlyList<Matrix> PreActivations)
{
    /// <summary>Number of inputs in the batch.</summary>
    public int BatchSize => Nodes[0].Rows;

    /// <summary>The network's outputs, one row per input.</summary>
    public Matrix Outputs => Nodes[^1];
}
