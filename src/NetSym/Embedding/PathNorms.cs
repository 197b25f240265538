using System.Numerics;
using System.Numerics.Tensors;
using NetSym.Networks;

namespace NetSym.Embedding;

/// <summary>
/// L^q path norms of Φ(θ) for any q ≥ 0 (and q = ∞) in one forward pass, without enumerating paths
/// (Gonon, Brisebarre, Riccietti &amp; Gribonval, "A path-norm toolkit for modern networks", 2024).
/// </summary>
/// <remarks>
/// <para>|Φ_p(θ)|^q = ∏_{θ_e on p} |θ_e|^q, so ‖Φ(θ)‖_q^q = ⟨Φ(|θ|^q), 1⟩: the output sum of the
/// network with weights |w|^q and biases |b|^q, identity activations, and every input coordinate
/// set to 1 (each input coordinate starts paths of its own, with factor 1). Every quantity in this
/// pass is non-negative, so it is also the ReLU network evaluated at 1.</para>
/// <para>q = 0 uses |t|^0 = 1 for t ≠ 0 and 0^0 = 0: ‖Φ‖_0 is the number of paths all of whose factors
/// are non-zero — the non-zero entries of Φ in exact arithmetic. The structural number of paths,
/// zero weights included, is <see cref="PathCount"/>. q = ∞ replaces the sums by maxima.</para>
/// <para>Convolutional and residual networks (Gonon et al., Theorem A.1): a convolution's paths run
/// through every position, each edge weighing its kernel entry and each position starting a path at
/// the channel's bias; an average pool's edges weigh 1/k (k taps, padding included), so a path through
/// it carries (1/k)^q; an addition's edges weigh 1. A max-pooling neuron passes the paths of every tap
/// of its window (Φ lists them all, whichever tap wins), so it is replaced by a sum over its window with
/// weights 1 — what the authors' toolkit does by swapping MaxPool2d for an all-ones depthwise convolution.
/// Padding starts no path.</para>
/// <para>Values are computed in double precision and may overflow to ∞ or underflow to 0 for large q
/// or deep, wide networks; the weights are read once, fused with |·|^q, so the cost is that of one
/// forward pass of a single input.</para>
/// </remarks>
public static class PathNorms
{
    /// <summary>‖Φ(θ)‖_q and the per-output norms.</summary>
    /// <exception cref="ArgumentOutOfRangeException">q is negative or NaN.</exception>
    /// <exception cref="ArgumentException">An activation that is not positively homogeneous.</exception>
    public static PathNorm Compute(Network network, double q)
    {
        if (!(q >= 0)) throw new ArgumentOutOfRangeException(nameof(q), q, "a path norm needs q ≥ 0 (or q = ∞)");
        PathLifting.EnsureSupported(network);
        double[] sums = q switch
        {
            0 => Propagate(network, new NonZero()),
            1 => Propagate(network, new Absolute()),
            2 => Propagate(network, new Square()),
            double.PositiveInfinity => Propagate(network, new MaxAbsolute()),
            _ => Propagate(network, new Power(q)),
        };
        if (q == 0 || double.IsPositiveInfinity(q))
            return new PathNorm(q, q == 0 ? sums.Sum() : sums.Max(), sums);
        return new PathNorm(q, Math.Pow(sums.Sum(), 1 / q), [.. sums.Select(s => Math.Pow(s, 1 / q))]);
    }

    /// <summary>h(input k) = 1; h(v) = Σ_{u→v} |w|^q·h(u) + |b_v|^q (maxima for q = ∞). Returns h at the outputs.</summary>
    private static double[] Propagate<TRule>(Network network, TRule rule) where TRule : struct, IPathWeightRule
    {
        var ones = new double[network.InputSize];
        ones.AsSpan().Fill(1);
        return LayerKernel.Forward(network, ones, new PathNormArithmetic<TRule>(rule))[^1];
    }

    /// <summary>
    /// The path-norm semiring as a forward arithmetic: a node holds h per neuron, a layer starts from
    /// f(b), each source block adds Σ_k f(w_k)·h_k (or takes maxima), and the activation is the
    /// identity — every h is non-negative, where a positively homogeneous ρ acts as the identity.
    /// </summary>
    private readonly struct PathNormArithmetic<TRule>(TRule rule) : IForwardArithmetic<double[]> where TRule : struct, IPathWeightRule
    {
        public double[] Bias(int index, Layer layer)
        {
            var h = new double[layer.OutputSize];
            for (int j = 0; j < h.Length; j++) h[j] = rule.Bias(layer.BiasArray[j]);
            return h;
        }

        public void Accumulate(int index, Layer layer, double[] z, double[] source, int offset, int size)
        {
            var weights = layer.WeightArray;
            int fanIn = layer.InputSize;
            var r = rule;
            void Rows(int from, int to)
            {
                var scratch = r.NeedsScratch ? new double[size] : [];
                for (int j = from; j < to; j++)
                    z[j] = r.Combine(r.Row(weights.AsSpan(j * fanIn + offset, size), source, scratch), z[j]);
            }
            // Large layers are split over the cores, like the GEMM of a forward pass.
            const int RowsPerTask = 64;
            if ((long)size * layer.OutputSize < 1 << 16) Rows(0, layer.OutputSize);
            else Parallel.For(0, (layer.OutputSize + RowsPerTask - 1) / RowsPerTask,
                c => Rows(c * RowsPerTask, Math.Min(layer.OutputSize, (c + 1) * RowsPerTask)));
        }

        public double[] Activate(int index, Layer layer, double[] z, bool keepPreActivation) =>
            keepPreActivation ? (double[])z.Clone() : z;

        public double[] Convolve(int index, Layer layer, double[] source)
        {
            var kernel = layer.WeightArray;
            int positions = layer.OutputShape.Positions, width = layer.WeightColumns, groupOut = layer.Units / layer.Groups;
            var columns = new double[WindowKernels.ColumnsLength(layer)];
            var scratch = rule.NeedsScratch ? new double[width] : [];
            var h = new double[layer.OutputSize];
            for (int g = 0; g < layer.Groups; g++)
            {
                WindowKernels.Gather<double>(layer, g, source, columns);
                for (int o = g * groupOut; o < (g + 1) * groupOut; o++)
                {
                    double bias = rule.Bias(layer.BiasArray[o]);
                    for (int p = 0; p < positions; p++)
                        h[o * positions + p] = rule.Combine(rule.Row(kernel.AsSpan(o * width, width), columns.AsSpan(p * width, width), scratch), bias);
                }
            }
            return h;
        }

        public double[] Pool(int index, Layer layer, double[] source)
        {
            int window = layer.Window!.WindowSize, positions = layer.OutputShape.Positions, width = layer.InputShape.Channels * window;
            var weights = new double[window];
            weights.AsSpan().Fill(layer.Kind == LayerKind.MaxPool ? 1 : 1.0 / window);
            // Every window of every channel at once: row p holds the windows of position p, channel after channel.
            var columns = new double[positions * width];
            WindowKernels.Gather<double>(layer, 0, source, columns);
            var scratch = rule.NeedsScratch ? new double[window] : [];
            var h = new double[layer.OutputSize];
            for (int c = 0; c < layer.Units; c++)
                for (int p = 0; p < positions; p++)
                    h[c * positions + p] = rule.Row(weights, columns.AsSpan(p * width + c * window, window), scratch);
            return h;
        }

        public double[] Sum(int index, Layer layer, double[][] sources)
        {
            var h = (double[])sources[0].Clone();
            for (int s = 1; s < sources.Length; s++)
                for (int k = 0; k < h.Length; k++) h[k] = rule.Combine(sources[s][k], h[k]);
            return h;
        }
    }

    /// <summary>How one weight row and one bias enter the pass: Σ_k f(w_k)·x_k and f(b), combined by + (or max).</summary>
    private interface IPathWeightRule
    {
        bool NeedsScratch { get; }
        double Row(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> scratch);
        double Bias(double b);
        double Combine(double row, double partial);
    }

    /// <summary>f(t) = |t|.</summary>
    private readonly struct Absolute : IPathWeightRule
    {
        public bool NeedsScratch => false;
        public double Bias(double b) => Math.Abs(b);
        public double Combine(double row, double partial) => row + partial;
        public double Row(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> scratch)
        {
            var acc = Vector<double>.Zero;
            int k = 0;
            for (; k <= w.Length - Vector<double>.Count; k += Vector<double>.Count)
                acc += Vector.Abs(new Vector<double>(w[k..])) * new Vector<double>(x[k..]);
            double sum = Vector.Sum(acc);
            for (; k < w.Length; k++) sum += Math.Abs(w[k]) * x[k];
            return sum;
        }
    }

    /// <summary>f(t) = t².</summary>
    private readonly struct Square : IPathWeightRule
    {
        public bool NeedsScratch => false;
        public double Bias(double b) => b * b;
        public double Combine(double row, double partial) => row + partial;
        public double Row(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> scratch)
        {
            var acc = Vector<double>.Zero;
            int k = 0;
            for (; k <= w.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var v = new Vector<double>(w[k..]);
                acc += v * v * new Vector<double>(x[k..]);
            }
            double sum = Vector.Sum(acc);
            for (; k < w.Length; k++) sum += w[k] * w[k] * x[k];
            return sum;
        }
    }

    /// <summary>f(t) = 1 for t ≠ 0, f(0) = 0: |t|^0 with 0^0 = 0.</summary>
    private readonly struct NonZero : IPathWeightRule
    {
        public bool NeedsScratch => false;
        public double Bias(double b) => b != 0 ? 1 : 0;
        public double Combine(double row, double partial) => row + partial;
        public double Row(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> scratch)
        {
            var acc = Vector<double>.Zero;
            int k = 0;
            for (; k <= w.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var zero = Vector.Equals(new Vector<double>(w[k..]), Vector<double>.Zero);
                acc += Vector.ConditionalSelect(zero, Vector<double>.Zero, new Vector<double>(x[k..]));
            }
            double sum = Vector.Sum(acc);
            for (; k < w.Length; k++) if (w[k] != 0) sum += x[k];
            return sum;
        }
    }

    /// <summary>f(t) = |t|, maxima instead of sums: max over paths of ∏|θ_e|.</summary>
    private readonly struct MaxAbsolute : IPathWeightRule
    {
        public bool NeedsScratch => false;
        public double Bias(double b) => Math.Abs(b);
        public double Combine(double row, double partial) => Math.Max(row, partial);
        public double Row(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> scratch)
        {
            var acc = Vector<double>.Zero;
            int k = 0;
            for (; k <= w.Length - Vector<double>.Count; k += Vector<double>.Count)
                acc = Vector.Max(acc, Vector.Abs(new Vector<double>(w[k..])) * new Vector<double>(x[k..]));
            double max = 0;
            for (int i = 0; i < Vector<double>.Count; i++) max = Math.Max(max, acc[i]);
            for (; k < w.Length; k++) max = Math.Max(max, Math.Abs(w[k]) * x[k]);
            return max;
        }
    }

    /// <summary>
    /// f(t) = |t|^q = exp(q·log|t|) for any other q &gt; 0 (exp(−∞) = 0 covers t = 0), through a row-sized
    /// scratch buffer that stays in cache: vectorised log and exp are an order of magnitude faster than pow.
    /// </summary>
    private readonly struct Power(double q) : IPathWeightRule
    {
        public bool NeedsScratch => true;
        public double Bias(double b) => Math.Pow(Math.Abs(b), q);
        public double Combine(double row, double partial) => row + partial;
        public double Row(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> scratch)
        {
            TensorPrimitives.Abs(w, scratch);
            TensorPrimitives.Log(scratch, scratch);
            TensorPrimitives.Multiply(scratch, q, scratch);
            TensorPrimitives.Exp(scratch, scratch);
            return TensorPrimitives.Dot(scratch, x);
        }
    }
}
