using System.Numerics.Tensors;
using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// ∂(f_θ(x_1), …, f_θ(x_N))/∂θ: the Jacobian of the outputs of a batch with respect to every
/// parameter, in <see cref="Network.GetParameters"/> order.
/// </summary>
/// <remarks>
/// One batched reverse pass gives δ_l for all N·m rows; the weight block of row (i, o) of a dense
/// layer is then the outer product δ_l[(i,o)] ⊗ x_l[i] of the layer's delta and its input, and the
/// bias block is δ_l. A convolution's kernel and bias are shared by its positions, so theirs are
/// sums over the positions: δ_l·col(x_l) and Σ_p δ_l[·, p]. Pooling and additions have no
/// parameters; the reverse pass carries the gradient through them.
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
            switch (layer.Kind)
            {
                case LayerKind.Dense: DenseBlock(network, l, LayerKernel.LayerInput(network, trace.Nodes, l), deltas[l], jacobian, m); break;
                case LayerKind.Convolution: ConvolutionBlock(layer, layout.Offset(l), trace.Nodes[layer.Sources[0]], deltas[l], jacobian, m, la); break;
                default: break; // pooling and additions have no parameters; their deltas already reached the layers before them
            }
        }
        return jacobian;
    }

    /// <summary>Weights δ_l ⊗ x_l (existing edges only) and biases δ_l of dense layer <paramref name="l"/>, row by row in parallel.</summary>
    private static void DenseBlock(Network network, int l, Matrix x, Matrix delta, Matrix jacobian, int m)
    {
        var layer = network.Layers[l];
        var layout = network.Layout;
        int width = layer.OutputSize, fanIn = layer.InputSize, start = layout.Offset(l);
        int[]? columnOf = layout.EdgePositions(l);
        int weightCount = layout.WeightCount(l);
        Parallel.For(0, jacobian.Rows, r =>
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

    /// <summary>
    /// Kernel entries Σ_p δ[o, p]·col[p, (i, tap)] (<see cref="WindowKernels.KernelGradient"/>) and biases
    /// Σ_p δ[o, p] of a convolution: the kernel and bias are shared by every position, so their
    /// derivatives sum over the positions. The window copies of a sample serve its m rows.
    /// </summary>
    private static void ConvolutionBlock(Layer layer, int start, Matrix x, Matrix delta, Matrix jacobian, int m, LinearAlgebraBackend la)
    {
        int kernelSize = layer.Weights.Length, positions = layer.OutputShape.Positions;
        var columns = new double[WindowKernels.ColumnsLength(layer)];
        for (int r = 0; r < jacobian.Rows; r++)
        {
            var jRow = jacobian.Row(r);
            var d = delta.Row(r);
            WindowKernels.KernelGradient(layer, x.Row(r / m), d, jRow.Slice(start, kernelSize), columns, la);
            for (int o = 0; o < layer.Units; o++) jRow[start + kernelSize + o] = TensorPrimitives.Sum(d.Slice(o * positions, positions));
        }
    }
}
