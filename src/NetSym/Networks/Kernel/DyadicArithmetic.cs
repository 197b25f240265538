using System.Numerics;

namespace NetSym.Networks;

/// <summary>
/// Exact dyadic arithmetic for one input: a node is a vector of <see cref="Dyadic"/>s, each source
/// block adds one exact dot product per neuron, and ρ(z) = s_i·z + c_i on the piece holding z.
/// Convolutions are one exact dot product per output channel and position over the window copies of
/// <see cref="WindowKernels.Gather{T}"/>; max pooling compares exactly and takes the first largest tap,
/// as the double kernel does.
/// </summary>
/// <param name="weights">Each layer's W as dyadics, row-major (a convolution's kernels).</param>
/// <param name="biases">Each layer's b as dyadics.</param>
/// <param name="pieces">Each layer's activation in exact form.</param>
internal readonly struct DyadicArithmetic(Dyadic[][] weights, Dyadic[][] biases, ExactPieces[] pieces) : IForwardArithmetic<Dyadic[]>
{
    public Dyadic[] Bias(int index, Layer layer) => (Dyadic[])biases[index].Clone();

    public void Accumulate(int index, Layer layer, Dyadic[] z, Dyadic[] source, int offset, int size)
    {
        var w = weights[index];
        for (int j = 0; j < z.Length; j++)
            z[j] = Dyadic.DotProduct(z[j], w.AsSpan(j * layer.InputSize + offset, size), source);
    }

    public Dyadic[] Activate(int index, Layer layer, Dyadic[] z, bool keepPreActivation)
    {
        var p = pieces[index];
        var y = keepPreActivation ? new Dyadic[z.Length] : z;
        for (int j = 0; j < z.Length; j++) y[j] = p.Apply(z[j], p.PieceOf(z[j], out int _));
        return y;
    }

    public Dyadic[] Convolve(int index, Layer layer, Dyadic[] source)
    {
        var kernel = weights[index];
        var bias = biases[index];
        int positions = layer.OutputShape.Positions, width = layer.WeightColumns, groupOut = layer.Units / layer.Groups;
        var columns = new Dyadic[WindowKernels.ColumnsLength(layer)];
        var z = new Dyadic[layer.OutputSize];
        for (int g = 0; g < layer.Groups; g++)
        {
            WindowKernels.Gather<Dyadic>(layer, g, source, columns);
            for (int o = g * groupOut; o < (g + 1) * groupOut; o++)
                for (int p = 0; p < positions; p++)
                    z[o * positions + p] = Dyadic.DotProduct(bias[o], kernel.AsSpan(o * width, width), columns.AsSpan(p * width, width));
        }
        return z;
    }

    public Dyadic[] Pool(int index, Layer layer, Dyadic[] source)
    {
        var y = new Dyadic[layer.OutputSize];
        var maxTaps = new int[layer.Kind == LayerKind.MaxPool ? layer.OutputSize : 0];
        if (maxTaps.Length > 0) WindowKernels.MaxTaps<Dyadic>(layer, source, maxTaps);
        WindowKernels.Pool<Dyadic>(layer, source, y, maxTaps, Mean);
        return y;
    }

    public Dyadic[] Sum(int index, Layer layer, Dyadic[][] sources)
    {
        var z = (Dyadic[])sources[0].Clone();
        for (int s = 1; s < sources.Length; s++)
            for (int k = 0; k < z.Length; k++) z[k] += sources[s][k];
        return z;
    }

    /// <summary>sum / taps, a dyadic only when the window has a power of two of taps.</summary>
    /// <exception cref="NotSupportedException">Another window size: its mean is a rational that no dyadic holds.</exception>
    private static Dyadic Mean(Dyadic sum, int taps) => BitOperations.IsPow2(taps)
        ? sum * new Dyadic(1, -BitOperations.Log2((uint)taps))
        : throw new NotSupportedException($"exact evaluation of an average pool over {taps} taps is not supported: " +
            "its means are not dyadic rationals (windows of a power of two of taps are)");
}
