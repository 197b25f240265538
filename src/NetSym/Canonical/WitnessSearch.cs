using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Canonical;

/// <summary>
/// Looks for an input x where two networks of the same input and output size differ:
/// ‖f_A(x) − f_B(x)‖∞ &gt; t · max(S, ‖f_A(x)‖∞, ‖f_B(x)‖∞), S the output scale seen on the first
/// batch of samples and t = max(tolerance, 10⁻¹²). Random sampling first, then a local maximisation
/// of the difference.
/// </summary>
/// <remarks>
/// <para>The floor of 10⁻¹² keeps rounding noise (two equal functions evaluated through different
/// parameters differ by a few units in the last place) from ever counting as a witness, even at
/// tolerance 0.</para>
/// <para>Sampling (¾ of the budget, in batches of 256 — fewer for networks so large that a batch would pass 1 GiB or
/// 2³¹ multiply-adds — stopping at the first batch holding a witness):
/// without a box, six kinds in turn — Gaussian inputs N(0, s²I) at s = 1, 4, 30 and 300, so that a
/// difference living where one network's neurons wake up only far out is met, and points beside the
/// kinks of A and of B (<see cref="KinkPoint"/>, at scales 1 to 1000; N(0, 100²I) for a network that is
/// not piecewise linear or has convolution, pooling or addition layers), where pieces begin; with a box, half uniform in the box, a quarter random
/// vertices, a quarter Gaussian around the centre (σ = half-width/2) clamped to it. S is taken from the
/// first batch's N(0, I) samples (all of it with a box), so that far samples do not inflate the threshold.</para>
/// <para>Ascent (the remaining ¼, at most 64 evaluations — and no more than a sampling batch — when sampling already found a witness): from
/// the witness, or else from the four best samples, projected gradient ascent on ½‖f_A(x) − f_B(x)‖²
/// with gradient (J_A(x) − J_B(x))ᵀ(f_A(x) − f_B(x)) from <see cref="InputJacobian"/>, along the normalised gradient with a step that doubles on success and
/// shrinks fourfold on failure, clamped to the box when there is one.</para>
/// <para>No witness found is not a proof of equality: the search is a heuristic, and a difference
/// that lives only in a small region or far outside the sampled one may be missed.</para>
/// </remarks>
public static class WitnessSearch
{
    internal const int BatchSize = 256;

    // A batch keeps every layer's values of both networks; a large CNN (ResNet-18: millions of values per input) takes
    // fewer rows per batch so that one batch stays within this many bytes. Dense networks of up to 2¹⁸ values keep 256.
    private const long MaxBatchBytes = 1L << 30;

    // Sampling stops at the first batch holding a witness, so an expensive pair (ResNet-20: 4·10⁷ multiply-adds per
    // input each) takes fewer rows per batch, about this many multiply-adds in all, and stops soon after a witness.
    // Dense networks of up to 4 million weights together keep 256.
    private const long MaxBatchMultiplyAdds = 1L << 31;
    private const int AscentStarts = 4;
    private const int PolishBudget = 64;

    /// <summary>The smallest relative threshold used, whatever the tolerance: differences below it are rounding noise.</summary>
    public const double RoundingFloor = 1e-12;

    /// <summary>
    /// Runs the search with the tolerance, seed, budget and box of <paramref name="options"/>, evaluating
    /// on <paramref name="backend"/>. Sample i (from 0) is drawn from the stream of
    /// <c>RandomKey.FromSeed(options.Seed).Split("witness").Split(i)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Input or output sizes differ, or an option is invalid.</exception>
    public static WitnessSearchResult Run(Network a, Network b, LinearAlgebraBackend backend, EquivalenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(backend);
        options ??= new EquivalenceOptions();
        Equivalence.CheckComparable(a, b);
        options.Validate(a.InputSize);

        var state = new State(a, b, Math.Max(options.Tolerance, RoundingFloor), backend);
        var key = RandomKey.FromSeed(options.Seed).Split(RandomPurpose.Witness);
        int sampleBudget = Math.Max(1, options.WitnessBudget * 3 / 4);
        for (int drawn = 0; drawn < sampleBudget && !state.Found;)
        {
            int n = Math.Min(BatchRows(a, b), sampleBudget - drawn);
            state.Evaluate(Draw(n, a, b, drawn, key, options.Box), drawn == 0 ? ScaleRows(n, options.Box) : null);
            drawn += n;
        }

        // With a witness in hand the ascent only sharpens the reported difference: a short polish will do, costing
        // no more than a sampling batch (for a large CNN one batch is a few inputs).
        var starts = state.Found ? [state.Best!] : state.Candidates.OrderByDescending(c => c.Ratio).ToList();
        int ascentBudget = options.WitnessBudget - sampleBudget;
        if (state.Found) ascentBudget = Math.Min(ascentBudget, Math.Min(PolishBudget, BatchRows(a, b)));
        for (int i = 0; i < starts.Count && ascentBudget > 0; i++)
        {
            int share = ascentBudget / (starts.Count - i);
            ascentBudget -= Ascend(state, starts[i], share, options.Box);
            if (state.Found) break;
        }
        return state.Result();
    }

    /// <summary>
    /// Inputs per sampling batch: <see cref="BatchSize"/>, or fewer when a batch of every layer's values of both
    /// networks (pre-activations and activations, as <see cref="Equivalence.EstimateMemory"/> counts them) would pass
    /// 1 GiB or the batch would take more than 2³¹ multiply-adds.
    /// </summary>
    internal static int BatchRows(Network a, Network b) =>
        (int)Math.Clamp(Math.Min(MaxBatchBytes / (2 * sizeof(double) * ValuesPerInput(a, b)), MaxBatchMultiplyAdds / (MultiplyAdds(a) + MultiplyAdds(b))), 1, BatchSize);

    /// <summary>Multiply-adds of one evaluation, about: a kernel per output position of a convolution, a weight per dense connection, a value per pooled or added output.</summary>
    private static long MultiplyAdds(Network net) => Math.Max(1, net.Layers.Sum(l => l.Kind switch
    {
        LayerKind.Convolution => (long)l.Weights.Length * l.OutputShape.Positions,
        LayerKind.Dense => l.Weights.Length,
        _ => (long)l.OutputSize,
    }));

    /// <summary>The values one input leaves in a batch: the input and every layer's output of both networks.</summary>
    internal static long ValuesPerInput(Network a, Network b) =>
        a.InputSize + a.Layers.Sum(l => (long)l.OutputSize) + b.Layers.Sum(l => (long)l.OutputSize);

    /// <summary>Projected gradient ascent from one point; returns the evaluations spent (at most <paramref name="budget"/>).</summary>
    private static int Ascend(State state, Point start, int budget, Box? box)
    {
        int spent = 0;
        var x = start;
        double step0 = box is null
            ? 0.1 * Math.Max(1, Norm(x.Input))
            : 0.1 * Math.Sqrt(Enumerable.Range(0, box.Dimension).Sum(k => Math.Pow(box.Upper[k] - box.Lower[k], 2)));
        double step = step0;
        double[]? g = null;
        double gn = 0;
        while (spent < budget && step > 1e-9 * step0)
        {
            if (g is null)
            {
                if (spent + 2 > budget) break;
                g = state.Gradient(x);
                spent++;
                gn = Norm(g);
                if (gn == 0 || !double.IsFinite(gn)) break;
            }
            var trial = new double[x.Input.Length];
            for (int k = 0; k < trial.Length; k++) trial[k] = x.Input[k] + step * g[k] / gn;
            box?.Clamp(trial);
            var next = state.Evaluate(new Matrix(1, trial.Length, trial))[0];
            spent++;
            if (next.Objective > x.Objective)
            {
                x = next;
                g = null;
                step = Math.Min(2 * step, 16 * step0);
            }
            else step /= 4;
        }
        return spent;
    }

    // Kinds of samples without a box: Gaussian at these scales, then the kinks of A, then those of B.
    private static readonly double[] Scales = [1, 4, 30, 300];
    private const int Kinds = 6;

    // The rows of the first batch that set the output scale S: the N(0, I) ones (all rows with a box).
    private static bool[] ScaleRows(int n, Box? box) => [.. Enumerable.Range(0, n).Select(i => box is not null || i % Kinds == 0)];

    private static Matrix Draw(int n, Network a, Network b, int firstIndex, RandomKey key, Box? box)
    {
        int dimension = a.InputSize;
        var m = new Matrix(n, dimension);
        for (int i = 0; i < n; i++)
        {
            var random = key.Split(firstIndex + i).Stream();
            var row = m.Row(i);
            if (box is null)
            {
                int index = firstIndex + i, kind = index % Kinds;
                var net = kind == Scales.Length ? a : kind == Scales.Length + 1 ? b : null;
                if (net is not null && net.HasDenseLayersOnly && net.Layers.All(l => l.Activation.IsPiecewiseLinear))
                {
                    KinkPoint.Draw(net, random, Math.Pow(10, index / Kinds % 4)).Point.CopyTo(row);
                    continue;
                }
                double sigma = net is null ? Scales[kind] : 100;
                for (int k = 0; k < dimension; k++) row[k] = sigma * random.NextNormal();
                continue;
            }
            int boxKind = (firstIndex + i) % 4;
            for (int k = 0; k < dimension; k++)
            {
                double lo = box.Lower[k], hi = box.Upper[k];
                row[k] = boxKind switch
                {
                    0 or 1 => lo + (hi - lo) * random.NextDouble(),
                    2 => random.NextInt32(2) == 0 ? lo : hi,
                    _ => Math.Clamp((lo + hi) / 2 + (hi - lo) / 4 * random.NextNormal(), lo, hi),
                };
            }
        }
        return m;
    }

    private static double Norm(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (double x in v) s += x * x;
        return Math.Sqrt(s);
    }

    /// <summary>One evaluated input.</summary>
    private sealed record Point(double[] Input, double[] OutputA, double[] OutputB, double Difference, double Threshold, double Objective)
    {
        public double Ratio => Difference == 0 ? 0 : Threshold == 0 ? double.PositiveInfinity : Difference / Threshold;

        public bool IsWitness => Difference > Threshold;

        /// <summary>
        /// Among witnesses the larger difference wins (the ratio saturates once the difference is as large
        /// as the outputs themselves); otherwise the one closer to being a witness.
        /// </summary>
        public bool IsBetterThan(Point other) =>
            IsWitness != other.IsWitness ? IsWitness
            : IsWitness ? Difference > other.Difference
            : Ratio > other.Ratio;
    }

    /// <summary>The search's bookkeeping: output scale, evaluations, best point, ascent candidates.</summary>
    private sealed class State(Network a, Network b, double tolerance, LinearAlgebraBackend backend)
    {
        private double? _scale;
        private double _largest;
        private int _tried;

        public Point? Best { get; private set; }
        public List<Point> Candidates { get; } = [];
        public bool Found => Best is not null && Best.IsWitness;

        /// <summary>Evaluates both networks on the rows; the first call sets S from the rows <paramref name="scaleRows"/> marks (all when null).</summary>
        public List<Point> Evaluate(Matrix inputs, bool[]? scaleRows = null)
        {
            var fa = Forward.Evaluate(a, inputs, backend);
            var fb = Forward.Evaluate(b, inputs, backend);
            int m = a.OutputSize;
            if (_scale is null)
            {
                double scale = 0;
                for (int i = 0; i < inputs.Rows; i++)
                    if (scaleRows is null || scaleRows[i]) scale = Math.Max(scale, Math.Max(MaxAbs(fa.Row(i)), MaxAbs(fb.Row(i))));
                _scale = scale;
            }
            var points = new List<Point>(inputs.Rows);
            for (int i = 0; i < inputs.Rows; i++)
            {
                var ya = fa.Row(i).ToArray();
                var yb = fb.Row(i).ToArray();
                double diff = 0, sq = 0;
                for (int o = 0; o < m; o++)
                {
                    double d = Math.Abs(ya[o] - yb[o]);
                    diff = Math.Max(diff, d);
                    sq += d * d;
                }
                double threshold = tolerance * Math.Max(_scale.Value, Math.Max(MaxAbs(ya), MaxAbs(yb)));
                var p = new Point(inputs.Row(i).ToArray(), ya, yb, diff, threshold, sq / 2);
                points.Add(p);
                Consider(p);
            }
            _tried += inputs.Rows;
            return points;
        }

        /// <summary>∇ ½‖f_A − f_B‖² at the point: J_Aᵀδ − J_Bᵀδ with δ = f_A − f_B.</summary>
        public double[] Gradient(Point p)
        {
            var delta = new double[a.OutputSize];
            for (int o = 0; o < delta.Length; o++) delta[o] = p.OutputA[o] - p.OutputB[o];
            var x = new Matrix(1, p.Input.Length, (double[])p.Input.Clone());
            var ga = WeightedGradient(a, delta, x);
            var gb = WeightedGradient(b, delta, x);
            _tried++;
            for (int k = 0; k < ga.Length; k++) ga[k] -= gb[k];
            return ga;
        }

        // Jᵀδ is the input gradient of the one-output network x ↦ δ·f(x): one backward pass instead of
        // one per output, on the same layers (the network shares them, only the last layer is new).
        private double[] WeightedGradient(Network net, double[] delta, Matrix x)
        {
            var weighted = new Network(net.InputShape,
                [.. net.Layers, new Layer(net.OutputSize, 1, delta, [0.0], new IdentityActivation(), [net.Layers.Count])]);
            return InputJacobian.Compute(weighted, x, backend).Data;
        }

        public WitnessSearchResult Result()
        {
            var p = Best!;
            return new WitnessSearchResult(Found, _tried, p.Input, p.OutputA, p.OutputB, p.Difference, p.Threshold, _largest, _scale!.Value);
        }

        private void Consider(Point p)
        {
            _largest = Math.Max(_largest, p.Difference);
            if (Best is null || p.IsBetterThan(Best)) Best = p;
            if (Candidates.Count < AscentStarts) Candidates.Add(p);
            else
            {
                int worst = 0;
                for (int i = 1; i < Candidates.Count; i++) if (Candidates[worst].IsBetterThan(Candidates[i])) worst = i;
                if (p.IsBetterThan(Candidates[worst])) Candidates[worst] = p;
            }
        }

        private static double MaxAbs(ReadOnlySpan<double> v)
        {
            double m = 0;
            foreach (double x in v) m = Math.Max(m, Math.Abs(x));
            return m;
        }
    }
}
