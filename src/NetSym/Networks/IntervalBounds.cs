namespace NetSym.Networks;

/// <summary>
/// Interval bound propagation: for every layer and neuron, an interval [lo, hi] that provably contains
/// the neuron's pre-activation z = W·x + b (and its output ρ(z)) for every input in a <see cref="Box"/>.
/// </summary>
/// <remarks>
/// <para>
/// A layer's pre-activation bounds come from its sources' output intervals [Lₖ, Uₖ] by interval
/// arithmetic: lo = b + Σₖ min(wₖLₖ, wₖUₖ), hi = b + Σₖ max(wₖLₖ, wₖUₖ), over the existing edges.
/// Every product and sum is rounded outward (toward −∞ for lo, +∞ for hi; an exact operation is left
/// alone), so the bounds are certified despite floating point, and exact when the arithmetic is.
/// </para>
/// <para>
/// Output bounds are the image ρ([lo, hi]) as the activation encloses it (<see cref="Activation.Image(double, double)"/>):
/// the hull of ρ at lo, hi and at the points inside where ρ may turn, widened by what the computation of ρ
/// may be off by.
/// </para>
/// </remarks>
public sealed class IntervalBounds
{
    // Below this a product's rounding error may itself underflow.
    private static readonly double Tiny = Math.ScaleB(1, -960);

    private readonly double[][] _preLower, _preUpper, _outLower, _outUpper;

    private IntervalBounds(Box domain, double[][] preLower, double[][] preUpper, double[][] outLower, double[][] outUpper)
    {
        Domain = domain;
        _preLower = preLower; _preUpper = preUpper; _outLower = outLower; _outUpper = outUpper;
    }

    /// <summary>The box the bounds hold on.</summary>
    public Box Domain { get; }

    /// <summary>Certified bounds on the pre-activation of <paramref name="neuron"/> in <paramref name="layer"/>.</summary>
    public (double Lower, double Upper) PreActivation(int layer, int neuron) => (_preLower[layer][neuron], _preUpper[layer][neuron]);

    /// <summary>Certified bounds on the output ρ(z) of <paramref name="neuron"/> in <paramref name="layer"/>.</summary>
    public (double Lower, double Upper) Output(int layer, int neuron) => (_outLower[layer][neuron], _outUpper[layer][neuron]);

    /// <summary>Propagates <paramref name="domain"/> through <paramref name="network"/>, layer by layer.</summary>
    /// <exception cref="ArgumentException">The box's dimension is not the network's input size.</exception>
    public static IntervalBounds Compute(Network network, Box domain)
    {
        if (domain.Dimension != network.InputSize)
            throw new ArgumentException($"the domain has {domain.Dimension} coordinates, the network has {network.InputSize} inputs");
        var pre = new Intervals[network.Layers.Count];
        var nodes = LayerKernel.Forward(network, new Intervals([.. domain.Lower], [.. domain.Upper]), new IntervalArithmetic(), pre);
        return new IntervalBounds(domain, [.. pre.Select(z => z.Lower)], [.. pre.Select(z => z.Upper)],
            [.. nodes[1..].Select(y => y.Lower)], [.. nodes[1..].Select(y => y.Upper)]);
    }

    /// <summary>One interval [Lower[k], Upper[k]] per neuron of a node.</summary>
    private sealed record Intervals(double[] Lower, double[] Upper);

    /// <summary>
    /// Interval arithmetic rounded outward: lo += min(w·L, w·U) and hi += max(w·L, w·U) over a source
    /// block's existing edges, then the image of ρ.
    /// </summary>
    private readonly struct IntervalArithmetic : IForwardArithmetic<Intervals>
    {
        public Intervals Bias(int index, Layer layer) => new(layer.Bias.ToArray(), layer.Bias.ToArray());

        public void Accumulate(int index, Layer layer, Intervals z, Intervals source, int offset, int size)
        {
            var w = layer.Weights;
            double[] sl = source.Lower, su = source.Upper;
            for (int j = 0; j < z.Lower.Length; j++)
            {
                double lo = z.Lower[j], hi = z.Upper[j];
                var row = w.Slice(j * layer.InputSize + offset, size);
                for (int k = 0; k < size; k++)
                {
                    double wk = row[k];
                    if (wk == 0) continue; // masked edges are stored as 0 too
                    double a = wk > 0 ? sl[k] : su[k], b = wk > 0 ? su[k] : sl[k];
                    lo = AddDown(lo, MultiplyDown(wk, a));
                    hi = AddUp(hi, MultiplyUp(wk, b));
                }
                z.Lower[j] = lo;
                z.Upper[j] = hi;
            }
        }

        public Intervals Activate(int index, Layer layer, Intervals z, bool keepPreActivation)
        {
            // ∞ − ∞ after an overflow says nothing: fall back to the trivially true bound.
            for (int j = 0; j < z.Lower.Length; j++)
            {
                if (double.IsNaN(z.Lower[j])) z.Lower[j] = double.NegativeInfinity;
                if (double.IsNaN(z.Upper[j])) z.Upper[j] = double.PositiveInfinity;
            }
            var (lower, upper) = Image(layer.Activation, z.Lower, z.Upper);
            return new Intervals(lower, upper);
        }
    }

    private static (double[], double[]) Image(Activation activation, double[] preLower, double[] preUpper)
    {
        var lower = new double[preLower.Length];
        var upper = new double[preLower.Length];
        activation.Image(preLower, preUpper, lower, upper);
        return (lower, upper);
    }

    // Directed rounding from the exact error of the round-to-nearest result (FMA for products, TwoSum for
    // sums): step one ulp only when the result lies on the wrong side. Near underflow the error term is not
    // exact, so step regardless.
    private static double MultiplyDown(double a, double b)
    {
        double p = a * b;
        if (!double.IsFinite(p)) return p;
        if (a == 0 || b == 0) return 0;
        if (Math.Abs(p) < Tiny) return Math.BitDecrement(p);
        return Math.FusedMultiplyAdd(a, b, -p) < 0 ? Math.BitDecrement(p) : p;
    }

    private static double MultiplyUp(double a, double b)
    {
        double p = a * b;
        if (!double.IsFinite(p)) return p;
        if (a == 0 || b == 0) return 0;
        if (Math.Abs(p) < Tiny) return Math.BitIncrement(p);
        return Math.FusedMultiplyAdd(a, b, -p) > 0 ? Math.BitIncrement(p) : p;
    }

    private static double AddDown(double a, double b)
    {
        double s = a + b;
        return double.IsFinite(s) && SumError(a, b, s) < 0 ? Math.BitDecrement(s) : s;
    }

    private static double AddUp(double a, double b)
    {
        double s = a + b;
        return double.IsFinite(s) && SumError(a, b, s) > 0 ? Math.BitIncrement(s) : s;
    }

    // Knuth's TwoSum: the exact a + b − fl(a + b).
    private static double SumError(double a, double b, double s)
    {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }
}
