using System.Numerics.Tensors;
using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// Double-precision reverse mode over a batch for all outputs at once: row r = i·m + o of a node's
/// gradient belongs to output o of input i. ρ′ is taken at the pre-activations of <paramref name="trace"/>,
/// and each source block is one GEMM G_s += Δ·W_s over all N·m rows. Convolution and pooling go back
/// row by row through <see cref="WindowKernels"/>; max-pooling sends each window's gradient to the
/// first maximum of the traced input.
/// </summary>
internal readonly struct DoubleReverseArithmetic(ForwardTrace trace, LinearAlgebraBackend backend) : IReverseArithmetic<Matrix>
{
    // ρ′ of one layer, N × width; one buffer for all layers, as wide as the widest.
    private readonly double[] _derivative = new double[trace.BatchSize * trace.Network.Layers.Max(l => l.OutputSize)];

    private int Rows => trace.BatchSize * trace.Network.OutputSize;

    public Matrix Zero(int width) => new(Rows, width);

    public Matrix Delta(int index, Layer layer, Matrix gradient)
    {
        int width = layer.OutputSize, m = trace.Network.OutputSize;
        var z = trace.PreActivations[index].Data;
        layer.Activation.Derivative(z, _derivative.AsSpan(0, z.Length));
        for (int r = 0; r < gradient.Rows; r++)
        {
            var row = gradient.Row(r);
            TensorPrimitives.Multiply(row, _derivative.AsSpan((r / m) * width, width), row);
        }
        return gradient;
    }

    public void Accumulate(int index, Layer layer, Matrix delta, int offset, int size, ref Matrix? gradient)
    {
        bool fresh = gradient is null;
        gradient ??= new Matrix(delta.Rows, size);
        backend.Gemm(false, false, delta.Rows, size, layer.OutputSize, 1.0, delta.Data, layer.OutputSize,
            layer.WeightArray.AsSpan(offset), layer.InputSize, fresh ? 0.0 : 1.0, gradient.Data, size);
    }

    public void ConvolveBack(int index, Layer layer, Matrix delta, ref Matrix? gradient)
    {
        gradient ??= new Matrix(delta.Rows, layer.InputSize);
        var columns = new double[WindowKernels.ColumnsLength(layer)];
        for (int r = 0; r < delta.Rows; r++)
            WindowKernels.ConvolveBack(layer, delta.Row(r), gradient.Row(r), columns, backend);
    }

    public void PoolBack(int index, Layer layer, Matrix delta, ref Matrix? gradient)
    {
        gradient ??= new Matrix(delta.Rows, layer.InputSize);
        var inputs = trace.Nodes[layer.Sources[0]];
        int m = trace.Network.OutputSize;
        var maxTaps = new int[layer.Kind == LayerKind.MaxPool ? layer.OutputSize : 0];
        for (int r = 0; r < delta.Rows; r++)
        {
            if (maxTaps.Length > 0 && r % m == 0) WindowKernels.MaxTaps<double>(layer, inputs.Row(r / m), maxTaps);
            WindowKernels.PoolBack(layer, maxTaps, delta.Row(r), gradient.Row(r), DoubleForwardArithmetic.Mean);
        }
    }

    public void SumBack(int index, Layer layer, Matrix delta, ref Matrix? gradient)
    {
        if (gradient is null) gradient = new Matrix(delta.Rows, delta.Columns, (double[])delta.Data.Clone());
        else TensorPrimitives.Add(gradient.Data, delta.Data, gradient.Data);
    }
}
