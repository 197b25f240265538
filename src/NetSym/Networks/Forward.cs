using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// Batched evaluation: every layer is one GEMM per source node (Z = Σ_s X_s·W_sᵀ + b), then ρ in place.
/// </summary>
public static class Forward
{
    /// <summary>The outputs f(x_i), one row per input row.</summary>
    /// <exception cref="ArgumentException">The inputs have the wrong number of columns.</exception>
    public static Matrix Evaluate(Network network, Matrix inputs, LinearAlgebraBackend backend) =>
        Run(network, inputs, backend, keepPreActivations: false).Outputs;

    /// <summary>The forward pass with all intermediate values kept, for derivatives.</summary>
    public static ForwardTrace Trace(Network network, Matrix inputs, LinearAlgebraBackend backend) =>
        Run(network, inputs, backend, keepPreActivations: true);

    private static ForwardTrace Run(Network network, Matrix inputs, LinearAlgebraBackend la, bool keepPreActivations)
    {
        if (inputs.Columns != network.InputSize)
            throw new ArgumentException($"inputs have {inputs.Columns} columns, the network expects {network.InputSize}");
        var pre = new Matrix[keepPreActivations ? network.Layers.Count : 0];
        var nodes = LayerKernel.Forward(network, inputs, new DoubleForwardArithmetic(la, inputs.Rows),
            keepPreActivations ? pre : null);
        return new ForwardTrace(network, nodes, pre);
    }
}
