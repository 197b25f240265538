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

    /// <summary>
    /// The memory <see cref="Evaluate"/> takes on <paramref name="rows"/> inputs: the inputs and every
    /// layer's outputs, which the layer walk keeps since a later layer may read any earlier one.
    /// </summary>
    /// <exception cref="ArgumentException">Inputs or outputs that one array cannot hold, as <see cref="Evaluate"/> would throw.</exception>
    public static MemoryEstimate EstimateMemory(Network network, int rows)
    {
        ArgumentNullException.ThrowIfNull(network);
        Matrix.CheckedSize(rows, network.InputSize);
        foreach (var layer in network.Layers) Matrix.CheckedSize(rows, layer.OutputSize);
        return new MemoryEstimate(
        [
            new("network", MemoryEstimate.Doubles(1, network.ParameterCount)),
            new($"{rows} inputs", MemoryEstimate.Doubles(rows, network.InputSize)),
            new($"{rows} rows of every layer's outputs", MemoryEstimate.Doubles(rows, network.Layers.Sum(l => (long)l.OutputSize))),
        ]);
    }

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
