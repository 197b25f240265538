using System.Numerics.Tensors;
using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// Double precision over a batch: a node is an N × width matrix, one row per input; each source
/// block is one GEMM Z += X_s·W_sᵀ on <paramref name="backend"/>, and ρ is applied in place. A
/// convolution is im2col and one GEMM per sample and group (<see cref="WindowKernels"/>).
/// </summary>
internal readonly struct DoubleForwardArithmetic(LinearAlgebraBackend backend, int samples) : IForwardArithmetic<Matrix>
{
    public Matrix Bias(int index, Layer layer)
    {
        var z = new Matrix(samples, layer.OutputSize);
        for (int i = 0; i < samples; i++) layer.Bias.CopyTo(z.Row(i));
        return z;
    }

    public void Accumulate(int index, Layer layer, Matrix z, Matrix source, int offset, int size) =>
        backend.Gemm(false, true, samples, layer.OutputSize, size, 1.0, source.Data, size,
            layer.WeightArray.AsSpan(offset), layer.InputSize, 1.0, z.Data, layer.OutputSize);

    public Matrix Activate(int index, Layer layer, Matrix z, bool keepPreActivation)
    {
        var a = keepPreActivation ? new Matrix(z.Rows, z.Columns, (double[])z.Data.Clone()) : z;
        layer.Activation.Apply(a.Data);
        return a;
    }

    public Matrix Convolve(int index, Layer layer, Matrix source)
    {
        var z = new Matrix(samples, layer.OutputSize);
        int positions = layer.OutputShape.Positions;
        var bias = layer.Bias;
        for (int n = 0; n < samples; n++)
        {
            var row = z.Row(n);
            for (int c = 0; c < layer.Units; c++) row.Slice(c * positions, positions).Fill(bias[c]);
        }
        WindowKernels.Convolve(layer, layer.WeightArray, source.Data, z, backend);
        return z;
    }

    public Matrix Pool(int index, Layer layer, Matrix source)
    {
        var y = new Matrix(samples, layer.OutputSize);
        var maxTaps = new int[layer.Kind == LayerKind.MaxPool ? layer.OutputSize : 0];
        for (int n = 0; n < samples; n++)
        {
            if (maxTaps.Length > 0) WindowKernels.MaxTaps<double>(layer, source.Row(n), maxTaps);
            WindowKernels.Pool<double>(layer, source.Row(n), y.Row(n), maxTaps, Mean);
        }
        return y;
    }

    /// <summary>An average pool's value: the window's sum over its taps, padding included.</summary>
    public static double Mean(double sum, int taps) => sum / taps;

    public Matrix Sum(int index, Layer layer, Matrix[] sources)
    {
        var z = new Matrix(samples, layer.OutputSize, (double[])sources[0].Data.Clone());
        for (int s = 1; s < sources.Length; s++) TensorPrimitives.Add(z.Data, sources[s].Data, z.Data);
        return z;
    }
}
