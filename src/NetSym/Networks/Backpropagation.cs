using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// Reverse mode for all outputs of all inputs at once: row r = i·m + o of every matrix belongs to
/// output o of input i. For each layer it yields δ_l = ∂f_o(x_i)/∂z_l (pre-activation), and for the
/// input node ∂f_o(x_i)/∂x. Each step is one GEMM per source node over all N·m rows.
/// </summary>
internal static class Backpropagation
{
    /// <summary>δ per layer (R × width) and, when asked, the input gradient (R × n0).</summary>
    public static (Matrix[] Deltas, Matrix? InputGradient) Run(ForwardTrace trace, LinearAlgebraBackend la, bool wantInput)
    {
        var net = trace.Network;
        int n = trace.BatchSize, m = net.OutputSize, rows = checked(n * m);
        int layers = net.Layers.Count;

        // grads[k] = ∂f/∂(node k); allocated when the first consumer writes to it.
        var grads = new Matrix?[layers + 1];
        var output = new Matrix(rows, m);
        for (int r = 0; r < rows; r++) output[r, r % m] = 1;
        grads[layers] = output;

        var deltas = new Matrix[layers];
        var derivative = new double[0];
        for (int l = layers - 1; l >= 0; l--)
        {
            var layer = net.Layers[l];
            int width = layer.OutputSize;
            var g = grads[l + 1] ?? new Matrix(rows, width); // an unused layer output has zero gradient
            var z = trace.PreActivations[l];
            if (derivative.Length < width * n) derivative = new double[width * n];
            layer.Activation.Derivative(z.Data, derivative);
            var delta = new Matrix(rows, width);
            for (int r = 0; r < rows; r++)
            {
                var dz = derivative.AsSpan((r / m) * width, width);
                System.Numerics.Tensors.TensorPrimitives.Multiply(g.Row(r), dz, delta.Row(r));
            }
            deltas[l] = delta;
            grads[l + 1] = null;

            int offset = 0;
            foreach (int s in layer.Sources)
            {
                int size = net.NodeSize(s);
                if (s > 0 || wantInput)
                {
                    bool fresh = grads[s] is null;
                    grads[s] ??= new Matrix(rows, size);
                    la.Gemm(false, false, rows, size, width, 1.0, delta.Data, width,
                        layer.WeightArray.AsSpan(offset), layer.InputSize, fresh ? 0.0 : 1.0, grads[s]!.Data, size);
                }
                offset += size;
            }
        }
        return (deltas, wantInput ? grads[0] ?? new Matrix(rows, net.InputSize) : null);
    }
}
