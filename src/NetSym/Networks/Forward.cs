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
        int n = inputs.Rows;
        var nodes = new Matrix[network.Layers.Count + 1];
        var pre = new Matrix[keepPreActivations ? network.Layers.Count : 0];
        nodes[0] = inputs;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var z = new Matrix(n, layer.OutputSize);
            for (int i = 0; i < n; i++) layer.Bias.CopyTo(z.Row(i));
            int offset = 0;
            foreach (int s in layer.Sources)
            {
                int size = network.NodeSize(s);
                la.Gemm(false, true, n, layer.OutputSize, size, 1.0, nodes[s].Data, size,
                    layer.WeightArray.AsSpan(offset), layer.InputSize, 1.0, z.Data, layer.OutputSize);
                offset += size;
            }
            if (keepPreActivations)
            {
                pre[l] = z;
                var a = new Matrix(n, layer.OutputSize, (double[])z.Data.Clone());
                layer.Activation.Apply(a.Data);
                nodes[l + 1] = a;
            }
            else
            {
                layer.Activation.Apply(z.Data);
                nodes[l + 1] = z;
            }
        }
        return new ForwardTrace(network, nodes, pre);
    }
}
