using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// Convolution and pooling of one sample in double precision, for the double forward and reverse
/// arithmetics. Every window is read through the layer's tap map (<see cref="WindowGeometry.TapPositions"/>,
/// −1 on padding), so stride, padding, dilation and 1-d or 2-d cost nothing extra here.
/// </summary>
/// <remarks>
/// A convolution is im2col + one GEMM per group: the window of every output position is copied into a
/// row of a P × J matrix (J = input channels of the group × taps), and Z_g (C_g × P) += K_g·colᵀ
/// writes the output channels of the group in place, already in CHW order.
/// </remarks>
internal static class WindowKernels
{
    /// <summary>z (output channels × positions) += the convolution of one sample x; z holds the bias on entry.</summary>
    public static void Convolve(Layer layer, ReadOnlySpan<double> x, Span<double> z, double[] columns, LinearAlgebraBackend backend)
    {
        var (taps, groupIn, groupOut, window, positions, inPositions) = Geometry(layer);
        int width = groupIn * window;
        var kernel = layer.WeightArray;
        for (int g = 0; g < layer.Groups; g++)
        {
            var xg = x.Slice(g * groupIn * inPositions, groupIn * inPositions);
            for (int p = 0; p < positions; p++)
            {
                var row = columns.AsSpan(p * width, width);
                var tapRow = taps.AsSpan(p * window, window);
                for (int ci = 0; ci < groupIn; ci++)
                {
                    var channel = xg.Slice(ci * inPositions, inPositions);
                    var destination = row.Slice(ci * window, window);
                    for (int t = 0; t < window; t++)
                        destination[t] = tapRow[t] < 0 ? 0 : channel[tapRow[t]];
                }
            }
            backend.Gemm(false, true, groupOut, positions, width, 1.0, kernel.AsSpan(g * groupOut * width, groupOut * width), width,
                columns.AsSpan(0, positions * width), width, 1.0, z.Slice(g * groupOut * positions, groupOut * positions), positions);
        }
    }

    /// <summary>g (input size) += the gradient of one sample's input, from δ (output channels × positions).</summary>
    public static void ConvolveBack(Layer layer, ReadOnlySpan<double> delta, Span<double> gradient, double[] columns, LinearAlgebraBackend backend)
    {
        var (taps, groupIn, groupOut, window, positions, inPositions) = Geometry(layer);
        int width = groupIn * window;
        var kernel = layer.WeightArray;
        for (int g = 0; g < layer.Groups; g++)
        {
            // dcol (P × J) = δ_gᵀ·K_g, then every column entry flows back to the input entry it was copied from.
            backend.Gemm(true, false, positions, width, groupOut, 1.0, delta.Slice(g * groupOut * positions, groupOut * positions), positions,
                kernel.AsSpan(g * groupOut * width, groupOut * width), width, 0.0, columns.AsSpan(0, positions * width), width);
            var gg = gradient.Slice(g * groupIn * inPositions, groupIn * inPositions);
            for (int p = 0; p < positions; p++)
            {
                var row = columns.AsSpan(p * width, width);
                var tapRow = taps.AsSpan(p * window, window);
                for (int ci = 0; ci < groupIn; ci++)
                {
                    var channel = gg.Slice(ci * inPositions, inPositions);
                    var source = row.Slice(ci * window, window);
                    for (int t = 0; t < window; t++)
                        if (tapRow[t] >= 0) channel[tapRow[t]] += source[t];
                }
            }
        }
    }

    /// <summary>The im2col buffer one sample of the layer needs (positions × input channels of a group × taps).</summary>
    public static int ColumnsLength(Layer layer) =>
        checked(layer.OutputShape.Positions * layer.WeightColumns);

    /// <summary>The pooled sample: each window's maximum (padding ignored) or mean (padding counts as 0).</summary>
    public static void Pool(Layer layer, ReadOnlySpan<double> x, Span<double> y)
    {
        var taps = layer.Taps;
        int window = layer.Window!.WindowSize, positions = layer.OutputShape.Positions, inPositions = layer.InputShape.Positions;
        bool max = layer.Kind == LayerKind.MaxPool;
        for (int c = 0; c < layer.Units; c++)
        {
            var channel = x.Slice(c * inPositions, inPositions);
            for (int p = 0; p < positions; p++)
            {
                var tapRow = taps.AsSpan(p * window, window);
                y[c * positions + p] = max ? channel[tapRow[MaxTap(channel, tapRow)]] : WindowSum(channel, tapRow) / window;
            }
        }
    }

    /// <summary>g (input size) += the gradient of one pooled sample: to each window's first maximum, or evenly over its taps.</summary>
    public static void PoolBack(Layer layer, ReadOnlySpan<double> x, ReadOnlySpan<double> delta, Span<double> gradient)
    {
        var taps = layer.Taps;
        int window = layer.Window!.WindowSize, positions = layer.OutputShape.Positions, inPositions = layer.InputShape.Positions;
        bool max = layer.Kind == LayerKind.MaxPool;
        for (int c = 0; c < layer.Units; c++)
        {
            var channel = x.Slice(c * inPositions, inPositions);
            var channelGradient = gradient.Slice(c * inPositions, inPositions);
            for (int p = 0; p < positions; p++)
            {
                var tapRow = taps.AsSpan(p * window, window);
                double d = delta[c * positions + p];
                if (max)
                    channelGradient[tapRow[MaxTap(channel, tapRow)]] += d;
                else
                    foreach (int tap in tapRow)
                        if (tap >= 0) channelGradient[tap] += d / window;
            }
        }
    }

    /// <summary>The tap of the window's first largest value (PyTorch's choice at ties); every window has a tap off the padding.</summary>
    public static int MaxTap(ReadOnlySpan<double> channel, ReadOnlySpan<int> tapRow)
    {
        int best = -1;
        for (int t = 0; t < tapRow.Length; t++)
            if (tapRow[t] >= 0 && (best < 0 || channel[tapRow[t]] > channel[tapRow[best]])) best = t;
        return best;
    }

    private static double WindowSum(ReadOnlySpan<double> channel, ReadOnlySpan<int> tapRow)
    {
        double sum = 0;
        foreach (int tap in tapRow)
            if (tap >= 0) sum += channel[tap];
        return sum;
    }

    private static (int[] Taps, int GroupIn, int GroupOut, int Window, int Positions, int InPositions) Geometry(Layer layer) =>
        (layer.Taps, layer.InputShape.Channels / layer.Groups, layer.Units / layer.Groups, layer.Window!.WindowSize,
            layer.OutputShape.Positions, layer.InputShape.Positions);
}
