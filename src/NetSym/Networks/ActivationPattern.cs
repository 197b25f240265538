using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// The certified activation pattern of a piecewise-linear network on a batch: for every input and
/// every neuron, the linear piece of its activation that holds the exact pre-activation. With the
/// pattern fixed the network is a polynomial in its parameters, which is what makes its Jacobian
/// exact (<see cref="ModularParameterJacobian"/>).
/// </summary>
/// <remarks>
/// <para>
/// Floating point decides most neurons: for ẑ = fl(b + Σ w_k x̂_k) with layer inputs x̂ off by at
/// most e, the exact z satisfies |ẑ − z| ≤ γ_{n+2}(|b| + Σ|w_k||x̂_k|) + Σ|w_k| e_k, with
/// γ_n = n·u/(1 − n·u), u = 2^−53 (any summation order, FMA or not). The node's output is then off by
/// at most L·|ẑ − z| + γ_2(S|ẑ| + C), L = S = max|s_i| and C = max|c_i| over ρ's pieces. Where
/// [ẑ − bound, ẑ + bound] lies inside one open piece, that piece is certain.
/// </para>
/// <para>
/// Every input with a neuron that floating point cannot decide is evaluated again in exact dyadic
/// arithmetic (<see cref="ExactEvaluation"/>), which decides all its neurons; a pre-activation
/// exactly on a breakpoint is reported as a <see cref="Kink"/>, and its piece is the one
/// <see cref="ExactPieces.PieceOf"/> chooses there: a neighbour whose slope is PyTorch's ρ′ at the
/// breakpoint when there is one (the left piece for ReLU), so that the exact Jacobian differentiates
/// such an input as float mode and PyTorch do.
/// </para>
/// </remarks>
public sealed class ActivationPattern
{
    // The bound is itself computed in floating point, with relative error far below 1/64 for any
    // fan-in below 2^40, and products may underflow by 2^−1075 each: inflating it by both keeps it an
    // upper bound.
    private const double Inflation = 1 + 1.0 / 64;

    private readonly byte[][] _pieces;
    private readonly int[] _uncertain;
    private readonly bool[] _exact;
    private readonly Kink[] _kinks;
    private readonly int[] _kinkBreakpoints;
    private readonly int[]?[] _maxTaps;

    private ActivationPattern(int[] widths, byte[][] pieces, int[]?[] maxTaps, int[] uncertain, bool[] exact, Kink[] kinks, int[] kinkBreakpoints)
    {
        LayerWidths = widths;
        _pieces = pieces;
        _maxTaps = maxTaps;
        _uncertain = uncertain;
        _exact = exact;
        _kinks = kinks;
        _kinkBreakpoints = kinkBreakpoints;
        SamplesOnKinks = [.. kinks.Select(k => k.Sample).Distinct()];
    }

    /// <summary>Number of inputs N.</summary>
    public int SampleCount => _exact.Length;

    /// <summary>The width of every layer, in order.</summary>
    public IReadOnlyList<int> LayerWidths { get; }

    /// <summary>Layer <paramref name="layer"/>'s piece indices, row-major N × width.</summary>
    public ReadOnlySpan<byte> LayerPieces(int layer) => _pieces[layer];

    /// <summary>
    /// Max-pooling layer <paramref name="layer"/>'s choices for input <paramref name="sample"/>: per output
    /// (channel × position) the index, within its window, of the first tap holding the exact maximum.
    /// </summary>
    internal ReadOnlySpan<int> MaxTaps(int layer, int sample) => _maxTaps[layer].AsSpan(sample * LayerWidths[layer], LayerWidths[layer]);

    /// <summary>The piece of neuron <paramref name="neuron"/> of layer <paramref name="layer"/> for input <paramref name="sample"/>.</summary>
    public int Piece(int sample, int layer, int neuron) => _pieces[layer][sample * LayerWidths[layer] + neuron];

    /// <summary>How many (input, neuron) decisions floating point could not certify.</summary>
    public int UncertainDecisions => _uncertain.Sum();

    /// <summary>How many inputs were evaluated again exactly (those with an uncertain decision).</summary>
    public int ExactSamples => _exact.Count(e => e);

    /// <summary>Every pre-activation exactly on a breakpoint, by input, then layer, then neuron.</summary>
    public IReadOnlyList<Kink> Kinks => _kinks;

    /// <summary>For each of <see cref="Kinks"/>, the index of its breakpoint among the activation's.</summary>
    public IReadOnlyList<int> KinkBreakpoints => _kinkBreakpoints;

    /// <summary>
    /// The inputs with at least one kink, increasing. f is not differentiable in θ there; NetSym's
    /// Jacobians take ρ′ at the breakpoint as PyTorch does (<see cref="ExactPieces.BreakpointSlopes"/>).
    /// </summary>
    public IReadOnlyList<int> SamplesOnKinks { get; }

    /// <summary>Whether <paramref name="network"/> has this pattern's layer widths.</summary>
    public bool Fits(Network network) =>
        network.Layers.Count == LayerWidths.Count && network.Layers.Select(l => l.OutputSize).SequenceEqual(LayerWidths);

    /// <summary>The pattern of the inputs <paramref name="samples"/> (in that order), e.g. those off every kink.</summary>
    public ActivationPattern Subset(IReadOnlyList<int> samples)
    {
        var pieces = new byte[_pieces.Length][];
        for (int l = 0; l < pieces.Length; l++)
        {
            int w = LayerWidths[l];
            pieces[l] = new byte[samples.Count * w];
            for (int i = 0; i < samples.Count; i++)
                _pieces[l].AsSpan(samples[i] * w, w).CopyTo(pieces[l].AsSpan(i * w));
        }
        var maxTaps = new int[]?[_maxTaps.Length];
        for (int l = 0; l < maxTaps.Length; l++)
        {
            if (_maxTaps[l] is not { } taps) continue;
            int w = LayerWidths[l];
            maxTaps[l] = new int[samples.Count * w];
            for (int i = 0; i < samples.Count; i++) taps.AsSpan(samples[i] * w, w).CopyTo(maxTaps[l].AsSpan(i * w));
        }
        var bySample = _kinks.Select((k, index) => (Kink: k, Breakpoint: _kinkBreakpoints[index])).ToLookup(k => k.Kink.Sample);
        var kept = samples.SelectMany((s, i) => bySample[s].Select(k => (Kink: k.Kink with { Sample = i }, k.Breakpoint))).ToArray();
        return new ActivationPattern([.. LayerWidths], pieces, maxTaps,
            [.. samples.Select(s => _uncertain[s])], [.. samples.Select(s => _exact[s])], [.. kept.Select(k => k.Kink)], [.. kept.Select(k => k.Breakpoint)]);
    }

    /// <summary>Certifies the pattern of <paramref name="network"/> on the rows of <paramref name="inputs"/>.</summary>
    /// <exception cref="ArgumentException">
    /// An activation is not piecewise linear, the inputs have the wrong width or a non-finite entry.
    /// </exception>
    public static ActivationPattern Certify(Network network, Matrix inputs, LinearAlgebraBackend backend)
    {
        var la = backend ?? throw new ArgumentNullException(nameof(backend));
        var exactPieces = network.Layers.Select(l => ExactPieces.Of(l.Activation)).ToArray();
        ExactEvaluation.RequireRationalInputs(network, inputs);

        int n = inputs.Rows, layers = network.Layers.Count;
        var trace = Forward.Trace(network, inputs, la);
        var widths = network.Layers.Select(l => l.OutputSize).ToArray();
        var pieces = widths.Select(w => new byte[n * w]).ToArray();
        var uncertain = new int[n];
        var maxTaps = network.Layers.Select(l => l.Kind == LayerKind.MaxPool ? new int[n * l.OutputSize] : null).ToArray();
        // Bounds on |ẑ − z| per layer; the inputs are exact. Max pooling records its taps and counts the uncertain ones.
        var bounds = new RoundingError[layers];
        LayerKernel.Forward(network, new RoundingError(inputs, null), new RoundingErrorArithmetic(trace, exactPieces, la, maxTaps, uncertain), bounds);

        for (int l = 0; l < layers; l++)
        {
            var bound = bounds[l].Bound!;
            var breakpoints = network.Layers[l].Activation.Pieces!.Breakpoints;
            if (breakpoints.Count > byte.MaxValue)
                throw new ArgumentException($"layer {l}: more than {byte.MaxValue + 1} activation pieces");
            var z = trace.PreActivations[l].Data;
            for (int k = 0; k < z.Length; k++)
            {
                int piece = PieceOf(breakpoints, z[k]);
                pieces[l][k] = (byte)piece;
                if (!Certain(breakpoints, piece, z[k], bound.Data[k])) uncertain[k / widths[l]]++;
            }
        }

        var exact = uncertain.Select(u => u > 0).ToArray();
        var kinks = DecideExactly(new ExactEvaluation(network), inputs, exact, pieces, maxTaps, widths);
        return new ActivationPattern(widths, pieces, maxTaps, uncertain, exact, [.. kinks.Select(k => k.Kink)], [.. kinks.Select(k => k.Breakpoint)]);
    }

    /// <summary>The computed values x̂ of a node and a bound on |x̂ − x| (null: exact).</summary>
    private sealed record RoundingError(Matrix Value, Matrix? Bound);

    /// <summary>
    /// Running error analysis of a float forward pass as an arithmetic: a layer's bound starts from
    /// γ_{n+2}|b|, each source adds |W_s|·(γ_{n+2}|x̂_s| + e_s) in one GEMM — the bound
    /// γ_{n+2}(|b| + |W|·|x̂|) + |W|·e regrouped — and is inflated once all sources are in; the
    /// output's bound follows from the pieces of ρ.
    /// </summary>
    /// <remarks>
    /// A convolution is the same bound with |K| slid over γ_{J+2}|x̂| + e (J = the kernel's fan-in); an
    /// average pool sums k values and divides, a residual addition sums s nodes: their bounds are the
    /// summed errors plus γ of the summed magnitudes. Max pooling takes one of its values unchanged, so its
    /// error is at most its window's largest; its tap is certain where the float maximum's interval lies
    /// strictly above every other tap's, and an input with an uncertain tap is evaluated again exactly.
    /// </remarks>
    private readonly struct RoundingErrorArithmetic(ForwardTrace trace, ExactPieces[] pieces, LinearAlgebraBackend backend,
        int[]?[] maxTaps, int[] uncertain)
        : IForwardArithmetic<RoundingError>
    {
        // |W| of the layer being walked, dropped when it is done.
        private readonly double[]?[] _absoluteWeights = new double[]?[pieces.Length];

        public RoundingError Bias(int index, Layer layer)
        {
            var absW = layer.Weights.ToArray();
            for (int k = 0; k < absW.Length; k++) absW[k] = Math.Abs(absW[k]);
            _absoluteWeights[index] = absW;
            double gamma = Gamma(layer.InputSize + 2);
            var bound = new Matrix(trace.BatchSize, layer.OutputSize);
            for (int i = 0; i < bound.Rows; i++)
                for (int j = 0; j < bound.Columns; j++) bound[i, j] = gamma * Math.Abs(layer.Bias[j]);
            return new RoundingError(trace.PreActivations[index], bound);
        }

        public void Accumulate(int index, Layer layer, RoundingError z, RoundingError source, int offset, int size)
        {
            var scaled = Scaled(source, Gamma(layer.InputSize + 2));
            backend.Gemm(false, true, trace.BatchSize, layer.OutputSize, size, 1.0, scaled, size,
                _absoluteWeights[index].AsSpan(offset), layer.InputSize, 1.0, z.Bound!.Data, layer.OutputSize);
        }

        public RoundingError Activate(int index, Layer layer, RoundingError z, bool keepPreActivation)
        {
            var bound = z.Bound!;
            double underflow = (layer.InputSize + 4) * Math.ScaleB(1, -1070);
            for (int k = 0; k < bound.Data.Length; k++) bound.Data[k] = bound.Data[k] * Inflation + underflow;
            _absoluteWeights[index] = null;
            return new RoundingError(trace.Nodes[index + 1], OutputErrorBound(pieces[index], layer.Activation.Pieces!.Breakpoints, z.Value.Data, bound));
        }

        public RoundingError Convolve(int index, Layer layer, RoundingError source)
        {
            var absK = layer.Weights.ToArray();
            for (int k = 0; k < absK.Length; k++) absK[k] = Math.Abs(absK[k]);
            double gamma = Gamma(layer.WeightColumns + 2);
            var scaled = Scaled(source, gamma);
            var bound = new Matrix(trace.BatchSize, layer.OutputSize);
            var absB = new double[layer.Units];
            for (int c = 0; c < absB.Length; c++) absB[c] = gamma * Math.Abs(layer.Bias[c]);
            WindowKernels.Convolve(layer, absK, absB, scaled, bound, null, backend);
            return new RoundingError(trace.PreActivations[index], bound);
        }

        public RoundingError Pool(int index, Layer layer, RoundingError source)
        {
            var bound = new Matrix(trace.BatchSize, layer.OutputSize);
            var e = source.Bound;
            if (layer.Kind == LayerKind.MaxPool)
            {
                var taps = maxTaps[index]!;
                for (int i = 0; i < bound.Rows; i++)
                {
                    var chosen = taps.AsSpan(i * layer.OutputSize, layer.OutputSize);
                    WindowKernels.MaxTaps<double>(layer, source.Value.Row(i), chosen);
                    // Exact inputs make exact comparisons: the float taps are the exact ones.
                    if (e is not null) uncertain[i] += MaxPoolBound(layer, source.Value.Row(i), e.Row(i), chosen, bound.Row(i));
                }
            }
            else
            {
                // |x̂| + e summed over each window (padding 0) by the pooling itself, scaled back by the taps.
                int k = layer.Window!.WindowSize;
                double gamma = Gamma(k + 1);
                var magnitude = Scaled(source, gamma);
                for (int i = 0; i < bound.Rows; i++)
                    WindowKernels.Pool<double>(layer, magnitude.AsSpan(i * layer.InputSize, layer.InputSize), bound.Row(i), [], DoubleForwardArithmetic.Mean);
            }
            return new RoundingError(trace.PreActivations[index], bound);
        }

        public RoundingError Sum(int index, Layer layer, RoundingError[] sources)
        {
            double gamma = Gamma(sources.Length + 1);
            var bound = new Matrix(trace.BatchSize, layer.OutputSize);
            foreach (var source in sources)
            {
                var scaled = Scaled(source, gamma);
                for (int k = 0; k < scaled.Length; k++) bound.Data[k] += scaled[k];
            }
            return new RoundingError(trace.PreActivations[index], bound);
        }

        /// <summary>γ·|x̂| + e of a node, entry by entry.</summary>
        private static double[] Scaled(RoundingError source, double gamma)
        {
            var x = source.Value.Data;
            var e = source.Bound?.Data;
            var scaled = new double[x.Length];
            for (int k = 0; k < x.Length; k++) scaled[k] = gamma * Math.Abs(x[k]) + (e is null ? 0 : e[k]);
            return scaled;
        }

        /// <summary>Each window's error (its largest tap error) into <paramref name="bound"/>; returns how many of the sample's chosen taps are uncertain.</summary>
        private static int MaxPoolBound(Layer layer, ReadOnlySpan<double> x, ReadOnlySpan<double> e, ReadOnlySpan<int> chosen, Span<double> bound)
        {
            var taps = layer.Taps;
            int window = layer.Window!.WindowSize, positions = layer.OutputShape.Positions, inPositions = layer.InputShape.Positions;
            int count = 0;
            for (int c = 0; c < layer.Units; c++)
            {
                var channel = x.Slice(c * inPositions, inPositions);
                var error = e.Slice(c * inPositions, inPositions);
                for (int p = 0; p < positions; p++)
                {
                    var tapRow = taps.AsSpan(p * window, window);
                    int bestTap = chosen[c * positions + p], best = tapRow[bestTap];
                    double largest = 0, floor = channel[best] - error[best];
                    bool certain = double.IsFinite(floor);
                    for (int t = 0; t < tapRow.Length; t++)
                    {
                        int tap = tapRow[t];
                        if (tap < 0) continue;
                        largest = Math.Max(largest, error[tap]);
                        // Two exact values compare exactly: the float choice of the first largest is the exact one.
                        bool exact = error[tap] == 0 && error[best] == 0;
                        if (tap != best && !(channel[tap] + error[tap] < floor) && !(exact && (channel[tap] < channel[best] || t > bestTap))) certain = false;
                    }
                    bound[c * positions + p] = largest;
                    if (!certain) count++;
                }
            }
            return count;
        }
    }

    /// <summary>
    /// |fl(ρ(ẑ)) − ρ(z)| ≤ L·bound + γ_2(S|ẑ| + C); where the piece is certain, L = S = |s_i| and C = |c_i| of
    /// that piece — 0 on ReLU's zero piece, whose outputs are then exact, so that equal zeros in a max pool's
    /// window compare exactly.
    /// </summary>
    private static Matrix OutputErrorBound(ExactPieces pieces, IReadOnlyList<double> breakpoints, double[] z, Matrix bound)
    {
        var e = new Matrix(bound.Rows, bound.Columns);
        double gamma = Gamma(2);
        for (int k = 0; k < z.Length; k++)
        {
            int piece = PieceOf(breakpoints, z[k]);
            bool certain = Certain(breakpoints, piece, z[k], bound.Data[k]);
            double slope = certain ? Math.Abs(pieces.Slopes[piece].ToDouble()) : pieces.MaxAbsSlope;
            double intercept = certain ? Math.Abs(pieces.Intercepts[piece].ToDouble()) : pieces.MaxAbsIntercept;
            e.Data[k] = (slope * bound.Data[k] + gamma * (slope * Math.Abs(z[k]) + intercept)) * Inflation;
        }
        return e;
    }

    private static double Gamma(int n) => n * FloatingPoint.UnitRoundoff / (1 - n * FloatingPoint.UnitRoundoff);

    private static int PieceOf(IReadOnlyList<double> breakpoints, double z)
    {
        int i = 0;
        while (i < breakpoints.Count && z >= breakpoints[i]) i++;
        return i;
    }

    /// <summary>Whether [z − bound, z + bound] lies strictly inside the piece; false for NaN or ∞.</summary>
    private static bool Certain(IReadOnlyList<double> breakpoints, int piece, double z, double bound)
    {
        bool aboveLeft = piece == 0 || z - breakpoints[piece - 1] > bound;
        bool belowRight = piece == breakpoints.Count || breakpoints[piece] - z > bound;
        return aboveLeft && belowRight && double.IsFinite(z);
    }

    /// <summary>Re-evaluates the marked inputs exactly, overwrites their pieces and returns their kinks, with their breakpoints, in order.</summary>
    private static (Kink Kink, int Breakpoint)[] DecideExactly(ExactEvaluation exact, Matrix inputs, bool[] marked, byte[][] pieces, int[]?[] maxTaps, int[] widths)
    {
        var kinks = new (Kink, int)[inputs.Rows][];
        Parallel.For(0, inputs.Rows, i =>
        {
            if (!marked[i]) return;
            var trace = exact.Trace(inputs.Row(i));
            var found = new List<(Kink, int)>();
            for (int l = 0; l < widths.Length; l++)
            {
                var layer = exact.Network.Layers[l];
                if (maxTaps[l] is { } taps)
                    WindowKernels.MaxTaps<Dyadic>(layer, trace.Nodes[layer.Sources[0]], taps.AsSpan(i * widths[l], widths[l]));
                for (int j = 0; j < widths[l]; j++)
                {
                    pieces[l][i * widths[l] + j] = (byte)exact.Pieces[l].PieceOf(trace.PreActivations[l][j], out int breakpoint);
                    if (breakpoint >= 0) found.Add((new Kink(i, new Neuron(l, j)), breakpoint));
                }
            }
            kinks[i] = [.. found];
        });
        return [.. kinks.Where(k => k is not null).SelectMany(k => k)];
    }
}
