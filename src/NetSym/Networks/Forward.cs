using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// Batched evaluation: every layer is one GEMM per source node (Z = Σ_s X_s·W_sᵀ + b), then ρ in place.
/// </summary>
public static class Forward
{
    /// <summary>
    /// Whether double-precision convolutions run on NetSym's direct kernel (the processor has AVX2 with FMA, or AVX-512) rather
    /// than by im2col and the backend's GEMM; the two agree to rounding.
    /// </summary>
    public static bool ConvolvesDirectly => DirectConvolution.IsFast;

    /// <summary>The outputs f(x_i), one row per input row.</summary>
    /// <exception cref="ArgumentException">The inputs have the wrong number of columns.</exception>
    public static Matrix Evaluate(Network network, Matrix inputs, LinearAlgebraBackend backend)
    {
        CheckInputs(network, inputs);
        return LayerKernel.Forward(network, inputs, new DoubleForwardArithmetic(backend, inputs.Rows, outputsOnly: true), releaseNodes: true)[^1];
    }

    /// <summary>
    /// The memory <see cref="Evaluate"/> takes on <paramref name="rows"/> inputs: the inputs and the most
    /// layer outputs alive at once (a hidden node is dropped once its last reader has run).
    /// </summary>
    /// <exception cref="ArgumentException">Inputs or outputs that one array cannot hold, as <see cref="Evaluate"/> would throw.</exception>
    public static MemoryEstimate EstimateMemory(Network network, int rows)
    {
        ArgumentNullException.ThrowIfNull(network);
        Matrix.CheckedSize(rows, network.InputSize);
        foreach (var layer in network.Layers) Matrix.CheckedSize(rows, layer.OutputSize);
        long live = 0, peak = 0;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            live += layer.OutputSize;
            peak = Math.Max(peak, live);
            foreach (int node in network.Graph.LastReadBy(l)) live -= network.Layers[node - 1].OutputSize;
        }
        return new MemoryEstimate(
        [
            new("network", MemoryEstimate.Doubles(1, network.ParameterCount)),
            new($"{rows} inputs", MemoryEstimate.Doubles(rows, network.InputSize)),
            new($"{rows} rows of the layer outputs alive at once", MemoryEstimate.Doubles(rows, peak)),
        ]);
    }

    /// <summary>The forward pass with all intermediate values kept, for derivatives.</summary>
    public static ForwardTrace Trace(Network network, Matrix inputs, LinearAlgebraBackend backend) =>
        Run(network, inputs, backend, keepPreActivations: true);

    private static ForwardTrace Run(Network network, Matrix inputs, LinearAlgebraBackend la, bool keepPreActivations)
    {
        CheckInputs(network, inputs);
        var pre = new Matrix[keepPreActivations ? network.Layers.Count : 0];
        var nodes = LayerKernel.Forward(network, inputs, new DoubleForwardArithmetic(la, inputs.Rows),
            keepPreActivations ? pre : null);
        return new ForwardTrace(network, nodes, pre);
    }

    private static void CheckInputs(Network network, Matrix inputs)
    {
        if (inputs.Columns != network.InputSize)
            throw new ArgumentException($"inputs have {inputs.Columns} columns, the network expects {network.InputSize}");
    }
}
