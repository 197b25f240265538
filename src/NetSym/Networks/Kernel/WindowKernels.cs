using System.Numerics;
using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// Convolution and pooling of one sample, for every arithmetic that plugs them in. Every window is
/// read through the layer's tap map (<see cref="WindowGeometry.TapPositions"/>, −1 on padding), so
/// stride, padding, dilation and 1-d or 2-d cost nothing extra here.
/// </summary>
/// <remarks>
/// <para>
/// A convolution is im2col + one GEMM per group: the window of every output position is copied into a
/// row of a P × J matrix (J = input channels of the group × taps, <see cref="Gather{T}"/>), and
/// Z_g (C_g × P) += K_g·colᵀ writes the output channels of the group in place, already in CHW order.
/// In reverse, dcol = δ_gᵀ·K_g flows back through the same map (<see cref="Scatter"/>), and the
/// kernel's own gradient is δ_g·col (<see cref="KernelGradient"/>).
/// </para>
/// <para>
/// The copies and window walks are generic over the element (double, exact <see cref="Dyadic"/>,
/// residues mod p stored as doubles), so that every number system reads windows the same way; the
/// products stay with each arithmetic (BLAS, exact dot products, <see cref="ModularGemm"/>).
/// </para>
/// </remarks>
internal static class WindowKernels
{
    /// <summary>
    /// z (samples × output channels × positions) = <paramref name="bias"/> (one per output channel) + the
    /// convolution of every sample of <paramref name="x"/> (samples × input size, row-major) by
    /// <paramref name="kernel"/> (the layer's or, for error bounds, |K|), then <paramref name="activation"/> applied
    /// in place when given, while each sample is still in cache. Directly (<see cref="DirectConvolution"/>) where
    /// the processor has vector fused multiply-add, by im2col and BLAS (<see cref="ConvolveByColumns"/>) elsewhere.
    /// </summary>
    public static void Convolve(Layer layer, double[] kernel, double[] bias, double[] x, Matrix z, Activation? activation, LinearAlgebraBackend backend)
    {
        if (DirectConvolution.IsFast) DirectConvolution.Convolve(layer, kernel, bias, x, z, activation);
        else ConvolveByColumns(layer, kernel, bias, x, z, activation, backend);
    }

    /// <summary><see cref="Convolve"/> by im2col and BLAS.</summary>
    /// <remarks>
    /// Samples go through in chunks: the windows of every sample of a chunk are copied side by side into a
    /// J × B·P matrix (in parallel; the copies are independent, and mostly block copies, <see cref="GatherRows"/>)
    /// and one GEMM per group multiplies them all, K_g (C_g × J) times col (J × B·P). One sample alone gives a
    /// GEMM of C_g × P, too narrow for BLAS to run at speed on small feature maps (16 channels of 32×32 is
    /// 16 × 1024); a chunk widens it to B·P.
    /// </remarks>
    internal static void ConvolveByColumns(Layer layer, double[] kernel, double[] bias, double[] x, Matrix z, Activation? activation, LinearAlgebraBackend backend)
    {
        var (groupIn, groupOut, positions) = Groups(layer);
        int width = groupIn * layer.Window!.WindowSize, samples = z.Rows, inputSize = layer.InputSize;
        long perSample = (long)positions * width;
        int chunk = (int)Math.Clamp(ChunkEntries / perSample, 1, samples);
        var columns = new double[chunk * perSample];
        var product = new double[(long)groupOut * chunk * positions];
        for (int start = 0; start < samples; start += chunk)
        {
            int count = Math.Min(chunk, samples - start), span = count * positions;
            for (int g = 0; g < layer.Groups; g++)
            {
                int group = g, first = start;
                Parallel.For(0, count, n => GatherRows(layer, group, x.AsSpan((first + n) * inputSize, inputSize), columns, span, n * positions));
                backend.Gemm(false, false, groupOut, span, width, 1.0, kernel.AsSpan(g * groupOut * width, groupOut * width), width,
                    columns.AsSpan(0, span * width), span, 0.0, product.AsSpan(0, groupOut * span), span);
                for (int n = 0; n < count; n++)
                {
                    var row = z.Row(start + n);
                    for (int c = 0; c < groupOut; c++)
                    {
                        var destination = row.Slice((g * groupOut + c) * positions, positions);
                        var values = product.AsSpan(c * span + n * positions, positions);
                        double b = bias[g * groupOut + c];
                        for (int p = 0; p < positions; p++) destination[p] = b + values[p];
                    }
                }
            }
            if (activation is not null)
                Parallel.For(start, start + count, n => activation.Apply(z.Row(n)));
        }
    }

    /// <summary>
    /// im2col of group <paramref name="group"/> of one sample, transposed: row j = (input channel, tap) of
    /// <paramref name="columns"/> (J rows of <paramref name="rowLength"/>) gets, from column
    /// <paramref name="offset"/> on, the value that tap reads at every output position, zero on padding.
    /// </summary>
    private static void GatherRows(Layer layer, int group, ReadOnlySpan<double> x, double[] columns, int rowLength, int offset)
    {
        var (groupIn, _, _) = Groups(layer);
        int window = layer.Window!.WindowSize, inPositions = layer.InputShape.Positions;
        var xg = x.Slice(group * groupIn * inPositions, groupIn * inPositions);
        foreach (var run in layer.TapRuns)
            for (int ci = 0; ci < groupIn; ci++)
            {
                var channel = xg.Slice(ci * inPositions, inPositions);
                var destination = columns.AsSpan((ci * window + run.Tap) * rowLength + offset + run.Start, run.Length);
                if (run.Source < 0) destination.Clear();
                else if (run.Step == 1) channel.Slice(run.Source, run.Length).CopyTo(destination);
                else
                    for (int k = 0; k < run.Length; k++) destination[k] = channel[run.Source + run.Step * k];
            }
    }

    /// <summary>The im2col entries of one chunk of samples in <see cref="Convolve"/>: 4 Mi doubles (32 MiB), or one sample where that is larger.</summary>
    private const long ChunkEntries = 1 << 22;

    /// <summary>g (input size) += the gradient of one sample's input, from δ (output channels × positions).</summary>
    public static void ConvolveBack(Layer layer, ReadOnlySpan<double> delta, Span<double> gradient, double[] columns, LinearAlgebraBackend backend)
    {
        var (groupIn, groupOut, positions) = Groups(layer);
        int width = groupIn * layer.Window!.WindowSize;
        var kernel = layer.WeightArray;
        for (int g = 0; g < layer.Groups; g++)
        {
            // dcol (P × J) = δ_gᵀ·K_g, then every column entry flows back to the input entry it was copied from.
            backend.Gemm(true, false, positions, width, groupOut, 1.0, delta.Slice(g * groupOut * positions, groupOut * positions), positions,
                kernel.AsSpan(g * groupOut * width, groupOut * width), width, 0.0, columns.AsSpan(0, positions * width), width);
            Scatter(layer, g, columns, gradient);
        }
    }

    /// <summary>
    /// ∂z/∂K of one sample: destination (units × weight columns, the kernel's layout) = δ_g·col_g for each
    /// group, i.e. Σ over positions of δ[o, p]·x[window of p, (i, tap)].
    /// </summary>
    public static void KernelGradient(Layer layer, ReadOnlySpan<double> x, ReadOnlySpan<double> delta, Span<double> destination,
        double[] columns, LinearAlgebraBackend backend)
    {
        var (groupIn, groupOut, positions) = Groups(layer);
        int width = groupIn * layer.Window!.WindowSize;
        for (int g = 0; g < layer.Groups; g++)
        {
            Gather<double>(layer, g, x, columns);
            backend.Gemm(false, false, groupOut, width, positions, 1.0, delta.Slice(g * groupOut * positions, groupOut * positions), positions,
                columns.AsSpan(0, positions * width), width, 0.0, destination.Slice(g * groupOut * width, groupOut * width), width);
        }
    }

    /// <summary>
    /// im2col of group <paramref name="group"/> of one sample: row p of <paramref name="columns"/> (P × J,
    /// J = input channels of the group × taps) holds the window of output position p, zero (default) on padding.
    /// </summary>
    public static void Gather<T>(Layer layer, int group, ReadOnlySpan<T> x, Span<T> columns)
    {
        var taps = layer.Taps;
        var (groupIn, _, positions) = Groups(layer);
        int window = layer.Window!.WindowSize, width = groupIn * window, inPositions = layer.InputShape.Positions;
        var xg = x.Slice(group * groupIn * inPositions, groupIn * inPositions);
        for (int p = 0; p < positions; p++)
        {
            var row = columns.Slice(p * width, width);
            var tapRow = taps.AsSpan(p * window, window);
            for (int ci = 0; ci < groupIn; ci++)
            {
                var channel = xg.Slice(ci * inPositions, inPositions);
                var destination = row.Slice(ci * window, window);
                for (int t = 0; t < window; t++)
                    destination[t] = tapRow[t] < 0 ? default! : channel[tapRow[t]];
            }
        }
    }

    /// <summary>col2im, the adjoint of <see cref="Gather{T}"/>: every entry of <paramref name="columns"/> (P × J) is added to the input entry of group <paramref name="group"/> it was copied from.</summary>
    public static void Scatter(Layer layer, int group, ReadOnlySpan<double> columns, Span<double> gradient)
    {
        var taps = layer.Taps;
        var (groupIn, _, positions) = Groups(layer);
        int window = layer.Window!.WindowSize, width = groupIn * window, inPositions = layer.InputShape.Positions;
        var gg = gradient.Slice(group * groupIn * inPositions, groupIn * inPositions);
        for (int p = 0; p < positions; p++)
        {
            var row = columns.Slice(p * width, width);
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

    /// <summary>The im2col buffer one sample of the layer needs (positions × input channels of a group × taps).</summary>
    public static int ColumnsLength(Layer layer) =>
        checked(layer.OutputShape.Positions * layer.WeightColumns);

    /// <summary>
    /// The pooled sample: each window's value at its tap <paramref name="maxTaps"/>[c·P + p] (max pooling; an
    /// index into the window, as <see cref="MaxTaps{T}"/> finds it) or <paramref name="mean"/>(sum, taps) of its
    /// values, padding counting as 0 (average pooling).
    /// </summary>
    public static void Pool<T>(Layer layer, ReadOnlySpan<T> x, Span<T> y, ReadOnlySpan<int> maxTaps, Func<T, int, T> mean)
        where T : IAdditionOperators<T, T, T>
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
                int k = c * positions + p;
                y[k] = max ? channel[tapRow[maxTaps[k]]] : mean(WindowSum(channel, tapRow), window);
            }
        }
    }

    /// <summary>
    /// g (input size) += the gradient of one pooled sample: to each window's tap <paramref name="maxTaps"/>[c·P + p]
    /// (max pooling), or <paramref name="share"/>(δ, taps) to each of its taps (average pooling).
    /// </summary>
    public static void PoolBack(Layer layer, ReadOnlySpan<int> maxTaps, ReadOnlySpan<double> delta, Span<double> gradient, Func<double, int, double> share)
    {
        var taps = layer.Taps;
        int window = layer.Window!.WindowSize, positions = layer.OutputShape.Positions, inPositions = layer.InputShape.Positions;
        bool max = layer.Kind == LayerKind.MaxPool;
        for (int c = 0; c < layer.Units; c++)
        {
            var channelGradient = gradient.Slice(c * inPositions, inPositions);
            for (int p = 0; p < positions; p++)
            {
                var tapRow = taps.AsSpan(p * window, window);
                int k = c * positions + p;
                double d = delta[k];
                if (max)
                    channelGradient[tapRow[maxTaps[k]]] += d;
                else if (d != 0)
                {
                    double s = share(d, window);
                    foreach (int tap in tapRow)
                        if (tap >= 0) channelGradient[tap] += s;
                }
            }
        }
    }

    /// <summary>Each window's first largest tap (PyTorch's choice at ties) of a max-pooled sample, an index into the window, at c·P + p.</summary>
    public static void MaxTaps<T>(Layer layer, ReadOnlySpan<T> x, Span<int> maxTaps)
        where T : IComparisonOperators<T, T, bool>
    {
        var taps = layer.Taps;
        int window = layer.Window!.WindowSize, positions = layer.OutputShape.Positions, inPositions = layer.InputShape.Positions;
        for (int c = 0; c < layer.Units; c++)
        {
            var channel = x.Slice(c * inPositions, inPositions);
            for (int p = 0; p < positions; p++)
                maxTaps[c * positions + p] = MaxTap(channel, taps.AsSpan(p * window, window));
        }
    }

    /// <summary>The tap of the window's first largest value, compared exactly (PyTorch's choice at ties); every window has a tap off the padding.</summary>
    public static int MaxTap<T>(ReadOnlySpan<T> channel, ReadOnlySpan<int> tapRow)
        where T : IComparisonOperators<T, T, bool>
    {
        int best = -1;
        for (int t = 0; t < tapRow.Length; t++)
            if (tapRow[t] >= 0 && (best < 0 || channel[tapRow[t]] > channel[tapRow[best]])) best = t;
        return best;
    }

    private static T WindowSum<T>(ReadOnlySpan<T> channel, ReadOnlySpan<int> tapRow)
        where T : IAdditionOperators<T, T, T>
    {
        T sum = default!;
        foreach (int tap in tapRow)
            if (tap >= 0) sum += channel[tap];
        return sum;
    }

    private static (int GroupIn, int GroupOut, int Positions) Groups(Layer layer) =>
        (layer.InputShape.Channels / layer.Groups, layer.Units / layer.Groups, layer.OutputShape.Positions);
}
