using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Extraction;

/// <summary>
/// Recovers a fully connected ReLU network f(x) = W_{L+1}·h_L + b_{L+1}, h_k = ReLU(W_k·h_{k−1} + b_k),
/// h_0 = x, from queries alone, exactly up to permutation and positive scaling of the hidden units; the
/// depth and every width are discovered (docs/extraction.md, "Algorithm").
/// </summary>
/// <remarks>
/// Layer by layer, each stage counted under its own label and the layer's number:
/// <list type="number">
/// <item>scale: f at a few inputs, for the noise floor of gradient jumps;</item>
/// <item>sweep and signatures: random long lines (<see cref="LineSweeper"/>); a kink on no known surface
/// gets its local normal from the rank-one jump of the Jacobian (<see cref="GradientProbe"/>,
/// <see cref="KinkNormal"/>). Layer 1: kinks whose normal and offset recur on two lines
/// (<see cref="HyperplaneCatalog"/>) are candidate hyperplanes. Deeper: the kink is traced across known
/// boundaries into a first estimate of its unit (<see cref="SurfaceTracer"/>, stage following);</item>
/// <item>refinement: the candidate must show its kink where it predicts at fresh points, which only a
/// unit of this layer does, and is re-fitted to rounding (<see cref="SurfaceRefiner"/>). The search of a
/// layer ends when <see cref="ExtractionOptions.StableLines"/> lines in a row bring no new unit;</item>
/// <item>signs: the units of layer k were found in the features [ReLU(ẑ_{k−1}); h_{k−2}] with layer k − 1
/// oriented arbitrarily, so their coefficients on h_{k−2} are exactly what the flipped units of layer
/// k − 1 leave behind (ReLU(−z) = ReLU(z) − z): <see cref="SignSolver"/> reads the flips from them;</item>
/// <item>output layer: when f is affine in the last layer's features (least squares on fresh inputs,
/// <see cref="FeatureFit"/>) that layer was the last; its signs come from the output's linear part the
/// same way, then V and c by least squares;</item>
/// <item>verification: max |f − f̂| on fresh Gaussian inputs.</item>
/// </list>
/// In a box (<c>--domain</c>, <see cref="SearchSpace"/>) every query stays inside it: the lines are
/// chords, the samples uniform, and f is recovered on the box only, with one hidden layer for now. There a
/// unit on throughout the box is affine, and ReLU(−z) = ReLU(z) − z: orientations that the linear part of
/// the fit does not decide are kept as measured, and that linear part is carried by units on throughout
/// the box (<see cref="Run.LastLayer"/>).
/// </remarks>
public static class DeepExtractor
{
    /// <summary>Relative residual of a fit above which f is not explained by the layers found.</summary>
    private const double FitTolerance = 1e-6;

    /// <summary>Relative distance of a kink from a known surface for it to count as lying on it.</summary>
    private const double SurfaceTolerance = 1e-6;

    /// <summary>Known boundaries a doubtful unit's agreeing kinks must straddle for it to be kept.</summary>
    private const int LeastSeparations = 2;

    /// <summary>The spread of the far lines' origins, relative to the scale.</summary>
    private const double FarLines = 10;

    /// <summary>Weights into the next layer below this fraction of the largest unit's count as zero.</summary>
    private const double SilentWeight = 1e-6;

    /// <summary>Rounds of <see cref="Run.CompleteLastLayer"/> before a run stops.</summary>
    private const int CompletionRounds = 3;

    /// <summary>Completions of the last layer after its output fit failed, in a box (elsewhere one).</summary>
    private const int BoxCompletions = 8;

    /// <summary>The unexplained samples that a completion round sweeps lines through, the worst first.</summary>
    private const int CompletionSamples = 4;

    /// <summary>Lines a completion round sweeps through each of its samples: two, so that a first-layer hyperplane recurs.</summary>
    private const int CompletionLines = 2;

    /// <summary>
    /// The wide inputs that check the output fit: a missed unit active in 3 % of the directions far out and
    /// dead near the origin is active at about 15 of them, where a few dozen samples often had none.
    /// </summary>
    private const int WideChecks = 4096;

    /// <summary>The spreads of the wide inputs that check a fit (<see cref="Run.WideInputs"/>): 1 to 64 times the scale.</summary>
    private const int WideSpreads = 13;

    /// <summary>Inputs drawn around the few misfitted ones, per row that a missed unit's regression needs (<see cref="ResidualUnits"/>).</summary>
    private const int AroundDraws = 4;

    /// <summary>Rounds of draws around misfitted inputs, each twice the last.</summary>
    private const int AroundRounds = 6;

    /// <summary>
    /// Extracts f from <paramref name="oracle"/>; the recovered network is evaluated on
    /// <paramref name="backend"/> for the verification. Never throws for a failure of the extraction
    /// (budget, an oracle error, a function that is not a ReLU network): the result says where and why
    /// it stopped, with what it had recovered.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, or a domain that fixes a coordinate (<see cref="SearchSpace.Within"/>).</exception>
    public static ExtractionResult Extract(CountingOracle oracle, ExtractionOptions options, LinearAlgebraBackend backend)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backend);
        options.Validate();
        var space = oracle.Domain is { } box ? SearchSpace.Within(box) : SearchSpace.Unbounded(oracle.InputSize, options.InputScale);
        var run = new Run(oracle, space, options, backend);
        try
        {
            return run.Execute();
        }
        catch (QueryBudgetExceededException e)
        {
            return run.Stop(e.Label.Stage, e.Message);
        }
        catch (OracleException e)
        {
            return run.Stop(run.Stage, e.Message);
        }
        catch (StopException e)
        {
            return run.Stop(run.Stage, e.Message);
        }
    }

    /// <summary>Ends a run early with a reason; caught in <see cref="Extract"/>.</summary>
    private sealed class StopException(string reason) : Exception(reason);

    /// <summary>The state of one run, so that a stop at any stage can report how far it got.</summary>
    private sealed class Run(CountingOracle oracle, SearchSpace space, ExtractionOptions options, LinearAlgebraBackend backend)
    {
        private readonly RandomKey _key = RandomKey.FromSeed(options.Seed);
        private readonly double _scale = space.Scale;
        private readonly Scalarizer _scalarizer = Scalarizer.Random(oracle.OutputSize, RandomKey.FromSeed(options.Seed).Split("scalarizer").Stream());
        private NetworkPrefix _prefix = new(oracle.InputSize, []);
        private readonly List<Hyperplane> _units = [];

        /// <summary>The units of <see cref="_units"/> whose surface left coefficients free, and those features.</summary>
        private readonly Dictionary<Hyperplane, IReadOnlyList<FreeFeature>> _free = new(ReferenceEqualityComparer.Instance);

        /// <summary>Kinks confirmed on the units kept (<see cref="ExtractionResult.CriticalPoints"/>).</summary>
        private readonly List<double[]> _critical = [];

        /// <summary>Units of the layer searched whose check agreed less than <see cref="SurfaceCheck.Certain"/>: kept or dropped at the end of the search.</summary>
        private readonly List<SurfaceCheck> _doubtful = [];
        private Network? _network;
        private int _lines, _discarded, _signUnknowns, _adoptions, _settled, _missedOn;
        private double _outputScale;

        /// <summary>Inputs where a unit that <see cref="MissedByMisfit"/> found differs from its state at the samples, and f there.</summary>
        private (Matrix Inputs, Matrix Outputs) _witnesses = (new Matrix(0, oracle.InputSize), new Matrix(0, oracle.OutputSize));

        /// <summary>In a box: whether the last depth test found no orientation of the layer that explains the linear part of the fit, which the output layer then carries (<see cref="LastLayer"/>).</summary>
        private bool _linearRemainder;

        /// <summary>Completion rounds run in a box, for their keys.</summary>
        private int _boxCompletions;

        /// <summary>Searches for a unit on nearly everywhere in a box (<see cref="MissedOnInBox"/>) so far; while more than one is missing the linear part names none, and nothing is searched.</summary>
        private int _missedOnInBox;

        /// <summary>Why the last depth test fitted f yet found no orientation of the layer; null when it did not fail so.</summary>
        private string? _signProblem;

        public ExtractionStage Stage { get; private set; } = ExtractionStage.Scale;

        /// <summary>The hidden layer being worked on, from 1: the one searched, or the last one found once it is in the prefix.</summary>
        private int _layer = 1;

        private QueryLabel Label => new(Stage, Stage is ExtractionStage.Scale or ExtractionStage.OutputLayer or ExtractionStage.Verification ? null : _layer);

        public ExtractionResult Stop(ExtractionStage stage, string reason)
        {
            int[] widths = _layer > _prefix.Depth ? [.. _prefix.Widths, _units.Count] : _prefix.Widths;
            return new ExtractionResult(_network, widths, oracle.Ledger, new ExtractionFailure(stage, _layer, widths[_layer - 1], reason),
                _lines, _discarded, _signUnknowns, null)
            { RecoveredLayers = _prefix.ToPreActivations(), CriticalPoints = _critical, SettledCoefficients = _settled };
        }

        public ExtractionResult Execute()
        {
            _outputScale = ScaleProbe();
            while (true)
            {
                _layer = _prefix.Depth + 1;
                // In a box the chords can miss a unit whose surface cuts off a corner of it; where it differs
                // from its state elsewhere f is not affine in the features found, and chords through there find it.
                if (space.Box is not null && _prefix.Depth > 0)
                {
                    if (CompleteLastLayer()) break;
                    (Stage, _layer) = (ExtractionStage.OutputLayer, _prefix.Depth);
                    throw new StopException($"f is not affine in the features of the {_prefix.Widths[0]} units of layer 1 found on the domain: a deeper network, or a unit of layer 1 that the chords missed; extraction on a box recovers one hidden layer for now");
                }
                Search();
                if (_units.Count == 0)
                {
                    if (_prefix.Depth == 0) throw new StopException($"no kink found on any line: f is affine{(space.Box is null ? "" : " on the domain")}, so it has no hidden unit to recover");
                    int depth = _prefix.Depth;
                    if (CompleteLastLayer()) break;
                    if (_signProblem is not null) throw new StopException($"{_signProblem}; no missing unit of the layer was found on further lines");
                    throw new StopException($"f is not affine in the features of layer {depth}, but no unit of layer {depth + 1} was found, nor a missed unit of layer {depth} on lines through the inputs those features do not explain");
                }
                if (AdoptMissed())
                {
                    if (LastLayer()) break;
                    continue;
                }
                Stage = ExtractionStage.Signs;
                Hyperplane[] layer;
                if (_prefix.Depth == 0) layer = [.. _units];
                else
                {
                    var (prefix, discarded, free) = (_prefix, _discarded, new Dictionary<Hyperplane, IReadOnlyList<FreeFeature>>(_free, ReferenceEqualityComparer.Instance));
                    try
                    {
                        layer = SolvePrefixSigns();
                    }
                    catch (StopException) when (_missedOn < CompletionRounds)
                    {
                        // The units of the next layer are kept, and the layer as it was: a unit of it on
                        // wherever they were traced may explain what no orientation does.
                        (_prefix, _discarded) = (prefix, discarded);
                        foreach (var (unit, features) in free) _free[unit] = features;
                        _missedOn++;
                        if (!FindMissedOn()) throw;
                        continue;
                    }
                }
                _prefix = _prefix.Append(layer);
                ClearUnits();
                if (LastLayer()) break;
                if (_prefix.Depth == options.MaxHiddenLayers)
                    throw new StopException($"f is still not affine in the features of layer {_prefix.Depth}, the most hidden layers searched");
            }

            var outputRandom = _key.Split("output layer").Stream();
            // In a box a depth test passes on samples that all miss where a unit whose surface cuts off a
            // corner differs, and each completion finds the one or two that its worst inputs show.
            int completions = space.Box is null ? 1 : BoxCompletions;
            for (int completed = 0; ; completed++)
            {
                Stage = ExtractionStage.OutputLayer;
                bool linear = _linearRemainder;
                var (inputs, outputs) = WithWitnesses(SamplePoints.Draw(_prefix, SampleCount(linear), space, outputRandom, linear));
                var (coefficients, residual, rank, _) = FeatureFit.Fit(_prefix, inputs, outputs, linear);
                // Checked further out too: a unit that the search missed can be dead near the origin, where every
                // sample so far lay (nn.Linear-initialised 40-20-10-10-1 has one of layer 3 active in 12 % of
                // the directions far out and at no Gaussian input).
                var wide = WideInputs(WideChecks, outputRandom);
                var wideOutputs = oracle.Query(Label, wide);
                double wideResidual = FeatureFit.Check(_prefix, wide, wideOutputs, coefficients, linear);
                int n = _prefix.Widths[^1], columns = (linear ? _prefix.FeatureSize : n) + 1;
                if (rank == columns && residual <= FitTolerance && wideResidual <= FitTolerance)
                {
                    _network = Assemble(coefficients, linear);
                    break;
                }
                // The depth test's samples can all miss where a unit of the last layer that the search missed is
                // active; these did not.
                if (completed == completions || !CompleteLastLayer(space.Box is null ? null : (wide, wideOutputs)))
                    throw new StopException($"the units found do not explain f: output-layer fit of rank {rank} of {columns}, relative residual {residual:G3} ({wideResidual:G3} on {(space.Box is null ? $"inputs out to {1 << WideSpreads - 1} times the scale" : "uniform inputs of the domain")})");
            }

            Stage = ExtractionStage.Verification;
            double? error = Verify(_network);
            return new ExtractionResult(_network, _prefix.Widths, oracle.Ledger, null, _lines, _discarded, _signUnknowns, error)
            { RecoveredLayers = _prefix.ToPreActivations(), CriticalPoints = _critical, SettledCoefficients = _settled };
        }

        /// <summary>Max |f| over a few Gaussian (or, in a box, uniform) inputs: the output magnitude that gradient jumps are compared with.</summary>
        private double ScaleProbe()
        {
            var outputs = oracle.Query(Label, space.Draw(4, 1, _key.Split("scale").Stream()));
            return Math.Max(outputs.Data.Max(Math.Abs), double.Epsilon);
        }

        /// <summary>
        /// Sweeps lines for the units of the next layer until <see cref="ExtractionOptions.StableLines"/>
        /// lines in a row bring none; the units found are in <see cref="_units"/>, refined.
        /// </summary>
        private void Search()
        {
            int layer = _prefix.Depth + 1;
            var lineRandom = _key.Split($"lines {layer}").Stream();
            var unitRandom = _key.Split($"units {layer}").Stream();
            var candidates = new HyperplaneCatalog(_scale);
            var tested = new HashSet<int>();
            double halfLength = options.LineHalfLength * _scale;
            int stable = 0, exhausted = 0, lines = 0;
            // Past layer 1 a unit can be one that few lines meet (its surface in a narrow cone far out), and a
            // line costs little beside the traces: twice as many lines in a row must bring nothing new.
            // So too in a box, where a unit whose surface cuts off a corner is met by few chords.
            int needed = layer == 1 && space.Box is null ? options.StableLines : 2 * options.StableLines;
            while (stable < needed)
            {
                if (lines == options.MaxLines)
                    throw new StopException($"new units of layer {layer} still appeared after {lines} lines");
                Stage = ExtractionStage.Sweep;
                // Past layer 1 every other line starts far out: a unit dead or always on near the origin has
                // its surface in a narrow cone far out, which a line through the origin seldom meets and a
                // line passing at a distance sweeps across (three times as often for such a unit of
                // nn.Linear-initialised 10-20-20-1).
                // In a box every other chord runs between points near its corners, for a unit whose surface cuts one off.
                double spread = (layer > 1 || space.Box is not null) && lines % 2 == 1 ? FarLines : 1;
                var (searchLine, half) = space.Line(spread, halfLength, lineRandom);
                var swept = new LineSweeper(oracle, _scalarizer, Label).Sweep(searchLine, half);
                int line = _lines++;
                lines++;
                if (swept.Exhausted)
                {
                    // Two lines in a row that bend everywhere: not a piecewise-linear function. (One now and
                    // then is a line through a tight cluster of kinks, whose search can run to dozens of lines.)
                    if (++exhausted >= 2)
                        throw new StopException($"f is not piecewise linear along line {line + 1} at double precision: it bends on every interval searched (not a ReLU network, or outputs rounded to float32 or noisy, which the sweep does not handle yet)");
                    stable = 0;
                    continue;
                }
                exhausted = 0;
                Stage = ExtractionStage.Signatures;
                bool found = layer == 1 ? FirstLayerLine(swept, line, candidates, tested, unitRandom) : DeeperLine(swept, line, candidates, unitRandom);
                stable = found ? 0 : swept.Unresolved == 0 ? stable + 1 : stable;
            }
            SettleDoubtful();
            _discarded += candidates.Unconfirmed;
        }

        /// <summary>
        /// Completes the last layer when f is not affine in its features, yet the search for a further
        /// layer found no unit: the layer lacks a unit that the search lines seldom meet (one active only in
        /// a thin cone, 2 % of the directions far out at 784-64-64-10). Where that unit is active the layers
        /// found do not explain f, so fresh inputs (<see cref="SamplePoints"/>' and <see cref="WideChecks"/>
        /// Gaussian ones out to 64 times the scale) are fitted in the layer's features, and lines through those with the largest
        /// residuals, which cross its surface wherever they leave its active cone, are searched at the
        /// layer again; then the depth is tested again. Up to <see cref="CompletionRounds"/> rounds;
        /// returns whether f is then affine in the layer's features (the layer is the last, its signs
        /// solved).
        /// </summary>
        /// <param name="seen">In a box: inputs, and f there, that a failed output fit did not explain; a unit whose surface cuts off a corner can differ at a few of 4,096 only, and fresh draws miss it.</param>
        private bool CompleteLastLayer((Matrix Inputs, Matrix Outputs)? seen = null)
        {
            for (int round = 0; round < CompletionRounds; round++)
            {
                int depth = _prefix.Depth;
                Stage = ExtractionStage.OutputLayer;
                _layer = depth;
                // In a box each completion draws afresh (the same draws would show the same misfit again).
                var random = _key.Split(space.Box is null ? $"completion {depth} {round}" : $"completion {depth} {round} {_boxCompletions++}").Stream();
                int count = SampleCount(linear: true);
                var samples = SamplePoints.Draw(_prefix, count, space, random, linear: true);
                var inputs = new Matrix(count + WideChecks, oracle.InputSize);
                samples.Data.CopyTo(inputs.Data, 0);
                WideInputs(WideChecks, random).Data.CopyTo(inputs.Data, samples.Data.Length);
                var outputs = oracle.Query(Label, inputs);
                if (seen is var (seenInputs, seenOutputs))
                {
                    (inputs, outputs) = (Stack(inputs, seenInputs), Stack(outputs, seenOutputs));
                    seen = null;
                }
                // Its draws around misfitted inputs range over all of ℝ^d.
                if (space.Box is null && MissedByMisfit(samples, outputs, inputs, random))
                {
                    if (LastLayer()) return true;
                    continue;
                }
                var (_, _, _, residuals) = FeatureFit.Fit(_prefix, inputs, outputs, linear: true);
                double rms = Math.Sqrt(outputs.Data.Sum(v => v * v) / inputs.Rows);
                var worst = Enumerable.Range(0, inputs.Rows).Where(r => residuals[r] > FitTolerance * rms)
                    .OrderByDescending(r => residuals[r]).Take(CompletionSamples).ToArray();
                if (worst.Length == 0) return false;
                if (SearchLastLayerThrough([.. worst.Select(r => inputs.Row(r).ToArray())], random) == 0) return false;
                // In a box no walk reaches the surface of a unit that cuts off a corner of it from the samples'
                // inner starts, so no sample need straddle it; the inputs it was found through do.
                if (space.Box is not null) _witnesses = (Stack(_witnesses.Inputs, Rows(inputs, worst)), Stack(_witnesses.Outputs, Rows(outputs, worst)));
                if (LastLayer()) return true;
            }
            return false;
        }

        /// <summary>
        /// Searches the prefix's last layer again, over the layers below it, on <see cref="CompletionLines"/>
        /// lines through each of <paramref name="points"/>, its units known; adds the units found to it and
        /// returns how many.
        /// </summary>
        private int SearchLastLayerThrough(IReadOnlyList<double[]> points, RandomStream random)
        {
            // Its units are oriented now, so over the features of the layers below their skip coefficients are zero.
            int depth = _prefix.Depth;
            var last = _prefix.Layer(depth - 1);
            var below = _prefix.WithoutLast();
            int fanIn = last[0].Normal.Length, skip = below.FeatureSize - fanIn;
            _prefix = below;
            _units.AddRange(last.Select(u => new Hyperplane([.. u.Normal, .. new double[skip]], u.Bias)));
            var candidates = new HyperplaneCatalog(_scale);
            var tested = new HashSet<int>();
            if (depth == 1)
                foreach (var unit in last)
                {
                    candidates.Add(unit.Normal, [.. unit.Normal.Select(v => -unit.Bias * v)], -1);
                    candidates.AddWitness(candidates.Count - 1, -2);
                    tested.Add(candidates.Count - 1);
                }
            foreach (var point in points)
                for (int k = 0; k < CompletionLines; k++)
                {
                    Stage = ExtractionStage.Sweep;
                    var (searchLine, half) = space.Through(point, options.LineHalfLength * _scale, random);
                    var swept = new LineSweeper(oracle, _scalarizer, Label).Sweep(searchLine, half);
                    int line = _lines++;
                    if (swept.Exhausted) continue;
                    Stage = ExtractionStage.Signatures;
                    _ = depth == 1 ? FirstLayerLine(swept, line, candidates, tested, random) : DeeperLine(swept, line, candidates, random);
                }
            SettleDoubtful();
            _discarded += candidates.Unconfirmed;
            // Over layer 1 a unit found is a hyperplane of the input already.
            var added = _units.Skip(last.Count).Select(u => depth == 1 ? u : OverOrientedLast(u)).OfType<Hyperplane>().ToArray();
            ClearUnits();
            _prefix = below.Append([.. last, .. added]);
            return added.Length;
        }

        /// <summary>
        /// Adds to the prefix's last layer the units that <see cref="ResidualUnits"/> reads off the misfit at
        /// <paramref name="inputs"/> (the <paramref name="samples"/> first, then wide ones; f's values in
        /// <paramref name="outputs"/>) of the fit on the samples, when that fit is exact; returns whether any
        /// was added.
        /// </summary>
        private bool MissedByMisfit(Matrix samples, Matrix outputs, Matrix inputs, RandomStream random)
        {
            var sampleOutputs = new Matrix(samples.Rows, outputs.Columns, outputs.Data[..(samples.Rows * outputs.Columns)]);
            if (TrimmedFit(samples, sampleOutputs) is not { } coefficients) return false;
            var last = _prefix.Layer(_prefix.Depth - 1);
            int needed = ResidualUnits.Needed(_prefix);
            for (int round = 0; ; round++)
            {
                var misfitted = ResidualUnits.Misfitted(FeatureFit.Misfit(_prefix, inputs, outputs, coefficients, linear: true), outputs);
                if (misfitted.Count == 0) return false;
                var missed = misfitted.Count < needed ? [] : ResidualUnits.Find(_prefix, inputs, outputs, coefficients, random).Where(u => !last.Any(k => Same(k, u.Unit))).ToArray();
                if (missed.Length > 0)
                {
                    _prefix = _prefix.ReplaceLast([.. last, .. missed.Select(u => u.Unit)]);
                    // The samples of later fits, drawn around the units' surfaces, can all miss such a unit's
                    // cone: inputs where it differs join them, so that its feature is not zero in every row.
                    foreach (var (_, rows) in missed)
                    {
                        var taken = rows.Take(needed).ToArray();
                        _witnesses = (Stack(_witnesses.Inputs, Rows(inputs, taken)), Stack(_witnesses.Outputs, Rows(outputs, taken)));
                    }
                    return true;
                }
                if (round == AroundRounds) return false;
                // A unit that differs in a thin cone far out (0.15 % of the directions at nn.Linear-initialised
                // 40-20-10-10-1, seed 3) shows at a few wide inputs only, and a unit of the layer below can be
                // on at 0.3 % of its cone, leaving its coefficient free: more inputs are drawn around the
                // misfitted ones, at distances up to half their norm, most of which lie in the same cone,
                // twice as many each round; and past the surfaces of units of the layer below that are off at
                // every misfitted input, whose coefficients those leave free (ResidualUnits.Across).
                var around = new Matrix((AroundDraws << round) * needed, oracle.InputSize);
                for (int r = 0; r < around.Rows; r++)
                {
                    var centre = inputs.Row(misfitted[random.NextInt32(misfitted.Count)]);
                    double radius = Math.Sqrt(PrefixPoint.Dot(centre, centre)) / (2 << r % 3) / Math.Sqrt(oracle.InputSize);
                    var row = around.Row(r);
                    for (int i = 0; i < row.Length; i++) row[i] = centre[i] + radius * random.NextNormal();
                }
                around = Stack(around, ResidualUnits.Across(_prefix, inputs, misfitted, AroundDraws << round, random));
                inputs = Stack(inputs, around);
                outputs = Stack(outputs, oracle.Query(Label, around));
            }
        }

        /// <summary>
        /// The fit in the prefix's features (with the skip features) of the samples at which the units the
        /// prefix lacks keep one state, taken as the bulk: when the fit of all is not exact, the quarter with
        /// the largest residuals is left out and the rest fitted again, while the fit stays determined; null
        /// when no exact fit is reached.
        /// </summary>
        private Matrix? TrimmedFit(Matrix samples, Matrix outputs)
        {
            int columns = _prefix.FeatureSize + 1;
            int[] rows = [.. Enumerable.Range(0, samples.Rows)];
            while (true)
            {
                var (coefficients, residual, rank, residuals) = FeatureFit.Fit(_prefix, Rows(samples, rows), Rows(outputs, rows), linear: true);
                if (rank < columns) return null;
                if (residual <= FitTolerance) return coefficients;
                int keep = rows.Length * 3 / 4;
                if (keep < columns + ResidualUnits.Spare) return null;
                rows = [.. Enumerable.Range(0, rows.Length).OrderBy(r => residuals[r]).Take(keep).Select(r => rows[r])];
            }
        }

        private static Matrix Stack(Matrix top, Matrix bottom) => new(top.Rows + bottom.Rows, top.Columns, [.. top.Data, .. bottom.Data]);

        private static Matrix Rows(Matrix matrix, int[] rows)
        {
            var result = new Matrix(rows.Length, matrix.Columns);
            for (int r = 0; r < rows.Length; r++) matrix.Row(rows[r]).CopyTo(result.Row(r));
            return result;
        }

        /// <summary>The fit's samples with <see cref="_witnesses"/> below them, and f there (only the samples are queried).</summary>
        private (Matrix Inputs, Matrix Outputs) WithWitnesses(Matrix samples) =>
            (Stack(samples, _witnesses.Inputs), Stack(oracle.Query(Label, samples), _witnesses.Outputs));

        /// <summary>Gaussian inputs whose spreads cycle through 1, 2, 4, … 2^(<see cref="WideSpreads"/> − 1) times the scale; in a box, uniform ones and ones near its corners.</summary>
        private Matrix WideInputs(int count, RandomStream random)
        {
            // In a box half uniform, half near its corners (SearchSpace.Draw).
            if (space.Box is not null) return Stack(space.Draw(count / 2, 1, random), space.Draw(count - count / 2, FarLines, random));
            var inputs = new Matrix(count, oracle.InputSize);
            for (int r = 0; r < count; r++)
            {
                var row = inputs.Row(r);
                for (int i = 0; i < row.Length; i++) row[i] = (1 << r % WideSpreads) * _scale * random.NextNormal();
            }
            return inputs;
        }

        /// <summary>
        /// Moves the units found in the search for the next layer that do not depend on the prefix's last
        /// layer (coefficients on its units zero to <see cref="SilentWeight"/>) into that layer: they are
        /// units of it that its own search missed, expressed over the layer before it, which the features
        /// hold as their skip part (its orientations are solved by then). Returns whether any moved; the
        /// next layer is then searched again, over the completed one. At most
        /// <see cref="CompletionRounds"/> times in a run.
        /// </summary>
        private bool AdoptMissed()
        {
            if (_prefix.Depth == 0 || _adoptions == CompletionRounds) return false;
            int n = _prefix.Widths[^1];
            var missed = _units.Where(u =>
            {
                var alphas = u.Normal[..n];
                return Math.Sqrt(PrefixPoint.Dot(alphas, alphas)) <= SilentWeight;
            }).ToList();
            if (missed.Count == 0) return false;
            _adoptions++;
            var adopted = missed.Select(u => Hyperplane.Scaled(u.Normal[n..], u.Bias));
            _prefix = _prefix.ReplaceLast([.. _prefix.Layer(_prefix.Depth - 1), .. adopted]);
            ClearUnits();
            return true;
        }

        /// <summary>Forgets the units found (and their free features) for a new search.</summary>
        private void ClearUnits()
        {
            _units.Clear();
            _free.Clear();
        }

        /// <summary>
        /// A unit found over the features of the prefix, whose last layer is oriented already (its skip
        /// coefficients are zero), as a hyperplane over that layer alone, its free coefficients settled;
        /// null when they cannot be (<see cref="SettleFree"/>).
        /// </summary>
        private Hyperplane? OverOrientedLast(Hyperplane unit)
        {
            int n = _prefix.Widths[^1], skip = _prefix.FeatureSize - n;
            if (!_free.TryGetValue(unit, out var free)) return Hyperplane.Scaled(unit.Normal[..n], unit.Bias);
            var alphas = new Matrix(n, 1, unit.Normal[..n]);
            var linear = new Matrix(skip, 1, unit.Normal[n..]);
            double[] constants = [unit.Bias];
            return SettleFree(0, free, [.. Enumerable.Range(0, n)], new bool[n], alphas, linear, constants) ? Hyperplane.Scaled(alphas.Data, constants[0]) : null;
        }

        /// <summary>
        /// Layer 1: files every kink of a line as a witness of a candidate hyperplane, then tests the
        /// candidates seen on two lines for straightness; returns whether a unit was added.
        /// </summary>
        private bool FirstLayerLine(SweptLine swept, int line, HyperplaneCatalog candidates, HashSet<int> tested, RandomStream random)
        {
            var probe = new GradientProbe(oracle, Label, space.Box);
            var kinks = swept.Kinks;
            var jacobians = new Matrix?[kinks.Length + 1];
            for (int k = 0; k < kinks.Length; k++)
            {
                var x = swept.Line.At(kinks[k]);
                if (candidates.Locate(x) is int known)
                {
                    candidates.AddWitness(known, line);
                    continue;
                }
                if (Normal(probe, swept, jacobians, k, null) is { } normal) candidates.Add(normal, x, line);
            }
            bool found = false;
            for (int c = 0; c < candidates.Count; c++)
            {
                if (!candidates.IsConfirmed(c) || !tested.Add(c)) continue;
                Stage = ExtractionStage.Refinement;
                // Every other candidate is a known plane to keep off the segments, confirmed or not.
                var others = _units.Concat(Enumerable.Range(0, candidates.Count).Where(o => o != c).Select(candidates.Plane)).ToList();
                found |= Judge(Refiner().Refine(_prefix, others, candidates.Plane(c), random));
            }
            return found;
        }

        /// <summary>
        /// Layer 2 and deeper: traces every kink on no known surface into a unit and keeps it if the
        /// refinement confirms it; returns whether a unit was added. Kinks whose trace failed (a deeper
        /// unit's) are filed by their local plane in <paramref name="rejected"/>, so that kinks of the same
        /// piece cost nothing later.
        /// </summary>
        private bool DeeperLine(SweptLine swept, int line, HyperplaneCatalog rejected, RandomStream random)
        {
            var kinks = swept.Kinks;
            var jacobians = new Matrix?[kinks.Length + 1];
            var basis = new TraceCoordinates(_prefix).Basis;
            bool found = false;
            for (int k = 0; k < kinks.Length; k++)
            {
                var x = swept.Line.At(kinks[k]);
                var at = _prefix.At(x);
                double tolerance = SurfaceTolerance * (_scale + Math.Sqrt(PrefixPoint.Dot(x, x)));
                if (at.Boundary(tolerance) is not null || _units.Concat(_doubtful.Select(c => c.Refined!)).Any(u => at.IsOn(u, tolerance))) continue;
                if (rejected.Locate(x) is int known)
                {
                    rejected.AddWitness(known, line);
                    continue;
                }
                Stage = ExtractionStage.Signatures;
                if (Normal(new GradientProbe(oracle, Label), swept, jacobians, k, basis) is not { } normal) continue;
                Stage = ExtractionStage.Following;
                var tracer = new SurfaceTracer(new LineSweeper(oracle, _scalarizer, Label), new KinkProbe(oracle, _scalarizer, Label),
                    new GradientProbe(oracle, Label), JumpNoise, _scale);
                var estimate = tracer.Trace(_prefix, _units, x, normal, random);
                Stage = ExtractionStage.Refinement;
                var check = estimate is null ? null : Refiner().Refine(_prefix, _units, estimate, random);
                if (check is not null && Judge(check)) found = true;
                else if (check?.Refined is null)
                {
                    rejected.Add(normal, x, line);
                    _discarded++;
                }
            }
            return found;
        }

        /// <summary>
        /// Adds a checked unit that is certain, or files one that agreed less but enough as doubtful
        /// (decided in <see cref="SettleDoubtful"/>); returns whether a certain unit was added.
        /// </summary>
        private bool Judge(SurfaceCheck check)
        {
            if (check.Refined is not { } unit) return false;
            if (check.Agreement >= SurfaceCheck.Certain)
            {
                Keep(check);
                return true;
            }
            // A surface that leaves coefficients free and agrees only in part is as likely a piece of a deeper one.
            if (check.Free.Count > 0) return false;
            // A doubtful unit found again from another kink of the same surface is kept once.
            if (!_doubtful.Any(c => Same(c.Refined!, unit))) _doubtful.Add(check);
            return false;
        }

        /// <summary>
        /// At the end of a layer's search: a doubtful unit is kept when its agreeing kinks lie on both sides
        /// of at least <see cref="LeastSeparations"/> known boundaries (a true unit invisible on much of its
        /// surface), and dropped when they all lie in one region (a piece of a deeper surface).
        /// </summary>
        private void SettleDoubtful()
        {
            var certain = _units.ToList();
            foreach (var check in _doubtful)
            {
                if (check.Separations(_prefix, certain) >= LeastSeparations && !_units.Any(u => Same(u, check.Refined!))) Keep(check);
                else _discarded++;
            }
            _doubtful.Clear();
        }

        /// <summary>Adds a checked unit, and its confirmed kinks to the critical points.</summary>
        private void Keep(SurfaceCheck check)
        {
            _units.Add(check.Refined!);
            if (check.Free.Count > 0) _free[check.Refined!] = check.Free;
            _critical.AddRange(check.Kinks.Take(ExtractionResult.CriticalPointsPerUnit));
        }

        private static bool Same(Hyperplane a, Hyperplane b) =>
            1 - Math.Abs(PrefixPoint.Dot(a.Normal, b.Normal) + a.Bias * b.Bias) / Math.Sqrt((1 + a.Bias * a.Bias) * (1 + b.Bias * b.Bias)) <= 1e-9;

        private SurfaceRefiner Refiner() => new(new KinkProbe(oracle, _scalarizer, Label), space, options.ExtraRefinementPoints);

        /// <summary>
        /// The normal of kink <paramref name="k"/> from the Jacobians of the pieces on its two sides (cached
        /// per piece); null when the jump is not rank one or is lost in rounding. Past layer 1 every normal
        /// lies in the span of the first layer's normals, so only the Jacobian's product with its basis is
        /// measured (<see cref="TraceCoordinates.Basis"/>): 65 queries a piece instead of 785 at 784-64.
        /// </summary>
        private double[]? Normal(GradientProbe probe, SweptLine swept, Matrix?[] jacobians, int k, IReadOnlyList<double[]>? basis)
        {
            var jump = Subtract(jacobians[k + 1] ??= PieceJacobian(probe, swept, k + 1, basis), jacobians[k] ??= PieceJacobian(probe, swept, k, basis));
            var normal = KinkNormal.FromJump(jump, JumpNoise);
            if (normal is null || basis is null) return normal;
            var full = new double[oracle.InputSize];
            for (int c = 0; c < basis.Count; c++)
                for (int i = 0; i < full.Length; i++) full[i] += normal[c] * basis[c][i];
            return full;
        }

        /// <summary>The Frobenius norm of a Jacobian jump below which it is rounding: forward differences of f at magnitude |f| carry about 1e-10 of it per unit step.</summary>
        private double JumpNoise => 1e-9 * _outputScale / _scale;

        /// <summary>The Jacobian of f on piece <paramref name="piece"/> of the line (between kinks piece − 1 and piece).</summary>
        private Matrix PieceJacobian(GradientProbe probe, SweptLine swept, int piece, IReadOnlyList<double[]>? basis)
        {
            var kinks = swept.Kinks;
            double t, room;
            if (kinks.Length == 0) (t, room) = (0, swept.End);
            else if (piece == 0)
            {
                room = Math.Min((kinks[0] - swept.Start) / 2, _scale);
                t = kinks[0] - room;
            }
            else if (piece == kinks.Length)
            {
                room = Math.Min((swept.End - kinks[^1]) / 2, _scale);
                t = kinks[^1] + room;
            }
            else
            {
                room = (kinks[piece] - kinks[piece - 1]) / 2;
                t = kinks[piece - 1] + room;
            }
            // A step well inside the piece: a boundary passes this close to the point only at a shallow angle.
            var point = swept.Line.At(t);
            return basis is null ? probe.Jacobian(point, 1e-3 * room) : probe.Jacobian(point, 1e-3 * room, basis);
        }

        private static Matrix Subtract(Matrix a, Matrix b)
        {
            var c = new Matrix(a.Rows, a.Columns);
            for (int k = 0; k < c.Data.Length; k++) c.Data[k] = a.Data[k] - b.Data[k];
            return c;
        }

        /// <summary>
        /// When the orientations of the prefix's last layer L are not solved by the units found for layer
        /// L + 1: looks for a unit of layer L on wherever those were traced (<see cref="MissedOnUnit"/>), its
        /// normal from the sign system, its bias from a kink on lines through the inputs where it falls
        /// lowest, and adds it to layer L, whose next layer is then searched again. Returns whether one was
        /// added.
        /// </summary>
        private bool FindMissedOn()
        {
            var (alphas, linear, _, _, unsettled) = SignSystem();
            if (MissedOnUnit.OutgoingWeights(linear, _prefix.Layer(_prefix.Depth - 1)) is not { } beta) return false;
            (alphas, _) = DropSilent(alphas);
            var last = _prefix.Layer(_prefix.Depth - 1);
            var (flipped, free, _, omega) = SignSolver.Solve(alphas, linear, last, options.MaxFreeSigns, unsettled, beta);
            _signUnknowns += free;
            if (flipped is null || omega is null) return false;
            _layer = _prefix.Depth;
            var random = _key.Split($"missed on {_prefix.Depth} {_missedOn}").Stream();
            var targets = MissedOnUnit.Targets(_prefix, omega, WideInputs(WideChecks, random), CompletionSamples);
            // Past layer 1 a kink's normal lies in the span of the first layer's normals; a missed unit of layer 1 need not.
            var basis = _prefix.Depth >= 2 ? new TraceCoordinates(_prefix).Basis : null;
            foreach (var target in targets)
                for (int k = 0; k < CompletionLines; k++)
                {
                    Stage = ExtractionStage.Sweep;
                    var swept = new LineSweeper(oracle, _scalarizer, Label).Sweep(SearchLine.Through(target, random), options.LineHalfLength * _scale);
                    _lines++;
                    if (swept.Exhausted) continue;
                    Stage = ExtractionStage.Signatures;
                    var probe = new GradientProbe(oracle, Label);
                    var jacobians = new Matrix?[swept.Kinks.Length + 1];
                    for (int i = 0; i < swept.Kinks.Length; i++)
                    {
                        var x = swept.Line.At(swept.Kinks[i]);
                        var at = _prefix.At(x);
                        if (at.Boundary(SurfaceTolerance * (_scale + Math.Sqrt(PrefixPoint.Dot(x, x)))) is not null) continue;
                        if (Normal(probe, swept, jacobians, i, basis) is not { } normal || MissedOnUnit.Bias(at, omega, normal, last.Count) is not { } bias) continue;
                        _prefix = _prefix.ReplaceLast([.. last, Hyperplane.Scaled(omega, bias)]);
                        ClearUnits();
                        return true;
                    }
                }
            return false;
        }

        /// <summary>
        /// The sign system of the prefix's last layer from the units found over [ReLU(ẑ); h]: their
        /// coefficients on its units (n × m), on h (skip × m), their constants, free features, and the
        /// directions those move the skip terms along. A free coefficient moves a unit's skip terms along
        /// the free feature's normal only: the sign equations of that unit hold across the rest (taken
        /// before a silent unit is dropped, whose free coefficient still moves them).
        /// </summary>
        private (Matrix Alphas, Matrix Linear, double[] Constants, IReadOnlyList<FreeFeature>[] Free, IReadOnlyList<double[]>[] Unsettled) SignSystem()
        {
            int n = _prefix.Widths[^1], m = _units.Count, skip = _prefix.FeatureSize - n;
            var alphas = new Matrix(n, m);
            var linear = new Matrix(skip, m);
            var constants = new double[m];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++) alphas[j, i] = _units[i].Normal[j];
                for (int r = 0; r < skip; r++) linear[r, i] = _units[i].Normal[n + r];
                constants[i] = _units[i].Bias;
            }
            var free = _units.Select(u => _free.GetValueOrDefault(u, [])).ToArray();
            var last = _prefix.Layer(_prefix.Depth - 1);
            var unsettled = free.Select(f => (IReadOnlyList<double[]>)[.. f.Select(feature => last[feature.Feature].Normal)]).ToArray();
            return (alphas, linear, constants, free, unsettled);
        }

        /// <summary>
        /// The signs of the prefix's last layer from the units just found over [ReLU(ẑ); h]: their
        /// coefficients on h are −Σ_{j flipped} U_j·ŵ_j. Flips those units in the prefix and returns the
        /// new units as hyperplanes over the prefix's output alone. The units that left coefficients free
        /// (<see cref="FreeFeature"/>) take part across the directions those move (<see cref="SignSystem"/>);
        /// their free coefficients are then the ones that cancel their skip coefficients under the signs found.
        /// </summary>
        private Hyperplane[] SolvePrefixSigns()
        {
            var (alphas, linear, constants, free, unsettled) = SignSystem();
            int m = _units.Count;
            _free.Clear();
            int[] kept;
            (alphas, kept) = DropSilent(alphas);
            var flipped = SolveFlips(alphas, linear, unsettled);
            // A unit whose free coefficient the signs leave undetermined is dropped: its surface was seen on
            // one side of a unit that is off there, and its coefficient matters only on the other side, which
            // the probes did not reach but f may well bend on. A later search can find it again.
            var settled = Enumerable.Range(0, m).Where(i => free[i].Count == 0 || SettleFree(i, free[i], kept, flipped, alphas, linear, constants)).ToArray();
            _discarded += m - settled.Length;
            constants = Flip(flipped, alphas, constants);
            int n = alphas.Rows;
            var layer = new Hyperplane[settled.Length];
            for (int k = 0; k < settled.Length; k++)
            {
                int i = settled[k];
                var w = new double[n];
                for (int j = 0; j < n; j++) w[j] = alphas[j, i];
                double norm = Math.Sqrt(PrefixPoint.Dot(w, w));
                if (!(norm > 0)) throw new StopException($"unit {i + 1} of layer {_prefix.Depth + 1} does not depend on layer {_prefix.Depth}");
                layer[k] = Hyperplane.Scaled(w, constants[i]);
            }
            return layer;
        }

        /// <summary>
        /// Which units of the prefix's last layer are flipped, from the coefficients of the next layer's units
        /// (columns of <paramref name="alphas"/> on their features and of <paramref name="linear"/> on the skip
        /// features), each unit's skip terms known only up to its directions in <paramref name="unsettled"/>.
        /// </summary>
        private bool[] SolveFlips(Matrix alphas, Matrix linear, IReadOnlyList<double[]>[] unsettled)
        {
            var (flipped, free, problem, _) = SignSolver.Solve(alphas, linear, _prefix.Layer(_prefix.Depth - 1), options.MaxFreeSigns, unsettled);
            _signUnknowns += free;
            return flipped ?? throw new StopException($"layer {_prefix.Depth}: {problem}");
        }

        /// <summary>
        /// Sets the free coefficients of unit <paramref name="unit"/> (column of <paramref name="alphas"/>,
        /// <paramref name="linear"/>, <paramref name="constants"/>) to those that cancel its skip coefficients
        /// once the prefix's last layer is oriented by <paramref name="flipped"/>: a coefficient t on the ReLU of
        /// a unit j on at the kinks adds t to α_j and −t·(ŵ_j, b̂_j) to the skip and constant, one on a unit
        /// off there only t to α_j; the skip must come to −Σ_{j flipped} α_j·ŵ_j. A coefficient that this
        /// leaves undetermined (a unit off at the kinks in its true orientation) leaves the unit unsettled:
        /// false.
        /// <paramref name="kept"/> maps the layer's units after <see cref="DropSilent"/> to their indices in
        /// the features.
        /// </summary>
        private bool SettleFree(int unit, IReadOnlyList<FreeFeature> free, int[] kept, bool[] flipped, Matrix alphas, Matrix linear, double[] constants)
        {
            var last = _prefix.Layer(_prefix.Depth - 1);
            int skip = linear.Rows;
            var residual = new double[skip];
            double scale = 0;
            for (int r = 0; r < skip; r++) residual[r] = -linear[r, unit];
            for (int j = 0; j < last.Count; j++)
            {
                double a = alphas[j, unit];
                scale += Math.Abs(a);
                if (flipped[j]) for (int r = 0; r < skip; r++) residual[r] -= a * last[j].Normal[r];
            }
            scale += Math.Sqrt(PrefixPoint.Dot(residual, residual));
            var columns = new Matrix(skip, free.Count);
            // A unit dropped as silent leaves its column zero, and its coefficient with it.
            var units = free.Select(f => Array.IndexOf(kept, f.Feature)).ToArray();
            for (int c = 0; c < free.Count; c++)
            {
                if (units[c] < 0) continue;
                if (flipped[units[c]] == free[c].On) return false;
                double factor = flipped[units[c]] ? 1 : -1;
                for (int r = 0; r < skip; r++) columns[r, c] = factor * last[units[c]].Normal[r];
            }
            var solution = LeastSquares.Solve(columns, new Matrix(skip, 1, residual));
            if (!(solution.ResidualNorms[0] <= SurfaceTolerance * scale))
                throw new StopException($"unit {unit + 1} of layer {_prefix.Depth + 1} lies on one side of units of layer {_prefix.Depth}, and no choice of its coefficients on them cancels its skip terms under the signs found (residual {solution.ResidualNorms[0] / scale:G3}): layer {_prefix.Depth} may lack a unit that is on nearly everywhere, which shows only in those skip terms");
            for (int c = 0; c < free.Count; c++)
            {
                if (units[c] < 0) continue;
                double t = solution.Solution[c, 0];
                alphas[units[c], unit] += t;
                if (free[c].On) constants[unit] -= t * last[units[c]].Bias;
                _settled++;
            }
            return true;
        }

        /// <summary>
        /// Flips the units of the prefix's last layer that <paramref name="flipped"/> names, and returns
        /// <paramref name="constants"/> with what they hand over to the next layer, whose coefficients on them
        /// are <paramref name="alphas"/> (n × m): ReLU(z) = ReLU(−z) + z, whose ŵ part cancels the skip and
        /// whose b̂ part is constant.
        /// </summary>
        private double[] Flip(bool[] flipped, Matrix alphas, double[] constants)
        {
            var last = _prefix.Layer(_prefix.Depth - 1);
            var result = constants.ToArray();
            var units = new Hyperplane[last.Count];
            for (int j = 0; j < last.Count; j++)
            {
                if (flipped[j])
                    for (int k = 0; k < result.Length; k++) result[k] += alphas[j, k] * last[j].Bias;
                units[j] = flipped[j] ? last[j].Flipped() : last[j];
            }
            _prefix = _prefix.ReplaceLast(units);
            return result;
        }

        /// <summary>
        /// Whether f is affine in the features [ReLU(ẑ_L); h_{L−1}] of the layers found, on fresh inputs:
        /// then layer L is the last, and its signs are solved from the fit as a one-layer network's are.
        /// </summary>
        private bool LastLayer()
        {
            Stage = ExtractionStage.OutputLayer;
            var (inputs, outputs) = WithWitnesses(SamplePoints.Draw(_prefix, SampleCount(linear: true), space, _key.Split($"depth test {_prefix.Depth}").Stream(), linear: true));
            Stage = ExtractionStage.Signs;
            var (coefficients, residual, rank, _) = FeatureFit.Fit(_prefix, inputs, outputs, linear: true);
            int n = _prefix.Widths[^1], columns = _prefix.FeatureSize + 1, m = oracle.OutputSize;
            if (residual > FitTolerance) return false;
            if (rank < columns)
                throw new StopException($"f is affine in the features of layer {_prefix.Depth} on the samples, but they do not determine the output layer (rank {rank} of {columns})");
            var alphas = new Matrix(n, m);
            var linear = new Matrix(columns - 1 - n, m);
            for (int j = 0; j < n; j++) coefficients.Row(j).CopyTo(alphas.Row(j));
            for (int r = 0; r < linear.Rows; r++) coefficients.Row(n + r).CopyTo(linear.Row(r));
            var (rows, _) = DropSilent(alphas);
            var (flipped, free, problem, _) = SignSolver.Solve(rows, linear, _prefix.Layer(_prefix.Depth - 1), options.MaxFreeSigns, new IReadOnlyList<double[]>[m]);
            _signUnknowns += free;
            if (flipped is null && space.Box is { } box)
            {
                if (_missedOnInBox < CompletionRounds && MissedOnInBox(rows, linear, box)) return LastLayer();
                // On a box no orientation need explain the linear part: a unit on throughout it adds its
                // pre-activation there, and a unit's flip only moves z between its ReLU and that part. What
                // the fit cannot orient stays as measured; the output layer is fitted with the linear part,
                // which units on throughout the box carry (Assemble).
                _linearRemainder = true;
                _signProblem = null;
                return true;
            }
            if (flipped is null)
            {
                // Near the samples f is affine in the features, but no orientation explains the linear part:
                // the layer lacks a unit that is on at every sample (its surface far out), which adds its
                // pre-activation to that part. The next search finds it as a unit silent on the layer.
                _signProblem = $"layer {_prefix.Depth}: {problem}";
                return false;
            }
            Flip(flipped, rows, coefficients.Row(columns - 1).ToArray());
            _signProblem = null;
            _linearRemainder = false;
            return true;
        }

        /// <summary>
        /// In a box, with two outputs or more, when no orientation explains the output fit's linear part: a
        /// unit of the last layer on nearly everywhere in the box, which the chords missed, adds its
        /// pre-activation to that part as a unit on throughout would (<see cref="MissedOnUnit"/>: the part off
        /// the found normals is then of rank one and gives its outgoing weights, the sign solve across it its
        /// normal ω). It is off, if anywhere in the box, near the corner where ω·x is least or the one where it
        /// is greatest (ω's sign is not known): the last layer is searched again on chords from both.
        /// Returns whether a unit was added. (nn.Linear-initialised 20-16-3 on [0,1]^20, seed 5, has a unit off
        /// only within 7 % of its range of its least value, which no input drawn reaches.)
        /// </summary>
        private bool MissedOnInBox(Matrix rows, Matrix linear, Box box)
        {
            var last = _prefix.Layer(_prefix.Depth - 1);
            if (linear.Columns < 2 || MissedOnUnit.OutgoingWeights(linear, last) is not { } beta) return false;
            var (flipped, free, _, omega) = SignSolver.Solve(rows, linear, last, options.MaxFreeSigns, new IReadOnlyList<double[]>[linear.Columns], beta);
            _signUnknowns += free;
            if (flipped is null || omega is null) return false;
            double[] least = [.. omega.Select((w, i) => w > 0 ? box.Lower[i] : box.Upper[i])];
            double[] greatest = [.. omega.Select((w, i) => w > 0 ? box.Upper[i] : box.Lower[i])];
            _layer = _prefix.Depth;
            return SearchLastLayerThrough([least, greatest], _key.Split($"missed on in box {_missedOnInBox++}").Stream()) > 0;
        }

        /// <summary>
        /// Removes from the prefix's last layer the units whose rows of <paramref name="alphas"/> (their
        /// weights into the next layer or the output) vanish to rounding: local pieces of deeper surfaces
        /// that passed for units, or units no query can see; returns the rows of the units kept, and their
        /// indices before.
        /// </summary>
        private (Matrix Rows, int[] Kept) DropSilent(Matrix alphas)
        {
            var norms = Enumerable.Range(0, alphas.Rows).Select(j => Math.Sqrt(PrefixPoint.Dot(alphas.Row(j), alphas.Row(j)))).ToArray();
            double largest = norms.Max();
            int[] kept = [.. Enumerable.Range(0, alphas.Rows).Where(j => norms[j] > SilentWeight * largest)];
            if (kept.Length == alphas.Rows) return (alphas, kept);
            _discarded += alphas.Rows - kept.Length;
            var last = _prefix.Layer(_prefix.Depth - 1);
            _prefix = _prefix.ReplaceLast([.. kept.Select(j => last[j])]);
            var rows = new Matrix(kept.Length, alphas.Columns);
            for (int r = 0; r < kept.Length; r++) alphas.Row(kept[r]).CopyTo(rows.Row(r));
            return (rows, kept);
        }

        private int SampleCount(bool linear) => 3 * ((linear ? _prefix.FeatureSize : _prefix.Widths[^1]) + 1) + 16;

        /// <summary>
        /// The prefix followed by the output layer whose rows 0 … n − 1 of <paramref name="coefficients"/> are Vᵀ
        /// and the last row is c. With <paramref name="linear"/> (in a box, <see cref="_linearRemainder"/>) rows n …
        /// n + d − 1 hold the linear part L: units on throughout the box that carry it
        /// (<see cref="SearchSpace.Carry"/>) join the last layer.
        /// </summary>
        private Network Assemble(Matrix coefficients, bool linear)
        {
            int n = _prefix.Widths[^1], m = oracle.OutputSize, d = linear ? _prefix.FeatureSize - n : 0;
            var bias = coefficients.Row(n + d).ToArray();
            var part = new Matrix(d, m);
            for (int i = 0; i < d; i++) coefficients.Row(n + i).CopyTo(part.Row(i));
            var (on, carried, taken) = linear ? space.Carry(part) : ([], new Matrix(m, 0), new double[m]);
            _prefix = _prefix.ReplaceLast([.. _prefix.Layer(_prefix.Depth - 1), .. on]);
            var weights = new Matrix(m, n + on.Length);
            for (int k = 0; k < m; k++)
            {
                for (int j = 0; j < n; j++) weights[k, j] = coefficients[j, k];
                for (int j = 0; j < on.Length; j++) weights[k, n + j] = carried[k, j];
                bias[k] -= taken[k];
            }
            return _prefix.ToNetwork(weights, bias);
        }

        /// <summary>Max |f − f̂| / max |f| on fresh Gaussian (in a box, uniform) inputs; null when none are asked for.</summary>
        private double? Verify(Network network)
        {
            if (options.VerificationPoints == 0) return null;
            var inputs = space.Draw(options.VerificationPoints, 1, _key.Split("verification").Stream());
            var truth = oracle.Query(Label, inputs);
            var recovered = Forward.Evaluate(network, inputs, backend);
            double error = 0, magnitude = 0;
            for (int k = 0; k < truth.Data.Length; k++)
            {
                error = Math.Max(error, Math.Abs(truth.Data[k] - recovered.Data[k]));
                magnitude = Math.Max(magnitude, Math.Abs(truth.Data[k]));
            }
            return magnitude > 0 ? error / magnitude : error;
        }
    }
}
