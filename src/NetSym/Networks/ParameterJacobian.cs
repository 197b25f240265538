using System.Numerics.Tensors;
using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// ∂(f_θ(x_1), …, f_θ(x_N))/∂θ: the Jacobian of the outputs of a batch with respect to every
/// parameter, in <see cref="Network.GetParameters"/> order.
/// </summary>
/// <remarks>
/// One batched reverse pass gives δ_l for all N·m rows; the weight block of row (i, o) is then the
/// outer product δ_l[(i,o)] ⊗ x_l[i] of the layer's delta and its input, and the bias block is δ_l.
/// </remarks>
public static class ParameterJacobian
{
    /// <summary>An (N·m) × P matrix; row i·m + o is ∇_θ f_o(x_i).</summary>
    public static Matrix Compute(Network network, Matrix inputs, LinearAlgebraBackend backend)
    {
        var la = backend ?? throw new ArgumentNullException(nameof(backend));
        var trace = Forward.Trace(network, inputs, la);
        var (deltas, _) = Backpropagation.Run(trace, la, wantInput: false);
        int n = inputs.Rows, m = network.OutputSize, rows = checked(n * m), p = network.ParameterCount;
        // Every entry is written below, so the (possibly multi-GB) array need not be zeroed first.
        var jacobian = new Matrix(rows, p, GC.AllocateUninitializedArray<double>(Matrix.CheckedSize(rows, p)));

        var layout = network.Layout;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var x = LayerKernel.LayerInput(network, trace.Nodes, l);
            var delta = deltas[l];
            int width = layer.OutputSize, fanIn = layer.InputSize, start = layout.Offset(l);
            int[]? columnOf = layout.EdgePositions(l);
            int weightCount = layout.WeightCount(l);
            Parallel.For(0, rows, r =>
            {
                var jRow = jacobian.Row(r);
                var xi = x.Row(r / m);
                var d = delta.Row(r);
                if (columnOf is null)
                {
                    for (int j = 0; j < width; j++)
                    {
                        var block = jRow.Slice(start + j * fanIn, fanIn);
                        if (d[j] == 0) block.Clear(); // an inactive ReLU neuron: skip the multiplications
                        else TensorPrimitives.Multiply(xi, d[j], block);
                    }
                }
                else
                {
                    for (int e = 0; e < columnOf.Length; e++)
                    {
                        int flat = columnOf[e];
                        jRow[start + e] = d[flat / fanIn] * xi[flat % fanIn];
                    }
                }
                d.CopyTo(jRow.Slice(start + weightCount, width));
            });
        }
        return jacobian;
    }
}
