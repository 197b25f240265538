using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// Double precision over a batch: a node is an N × width matrix, one row per input; each source
/// block is one GEMM Z += X_s·W_sᵀ on <paramref name="backend"/>, and ρ is applied in place.
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
}
