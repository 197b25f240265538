using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Extraction;

/// <summary>
/// Recovers a one-hidden-layer ReLU network f(x) = V·ReLU(W·x + b) + c from queries alone, exactly up
/// to permutation and positive scaling of the hidden units; the width is discovered (docs/extraction.md).
/// </summary>
/// <remarks>
/// Stages, each counted under its own label:
/// <list type="number">
/// <item>scale: f at a few inputs, for the noise floor of gradient jumps;</item>
/// <item>sweep and signatures: random long lines; their kinks (<see cref="LineSweeper"/>); a kink on no
/// known hyperplane gets the Jacobians of the pieces on both sides (<see cref="GradientProbe"/>) and
/// its normal from their rank-one jump (<see cref="KinkNormal"/>); <see cref="HyperplaneCatalog"/>
/// clusters them into units; the search stops when <see cref="ExtractionOptions.StableLines"/> lines
/// in a row are explained by the units found;</item>
/// <item>signs: the output layer with a linear term on fresh inputs (<see cref="FeatureFit"/>), then
/// <see cref="SignSolver"/>;</item>
/// <item>refinement: every hyperplane re-located to rounding (<see cref="HyperplaneRefiner"/>);</item>
/// <item>output layer: V and c by least squares on fresh inputs;</item>
/// <item>verification: max |f − f̂| on fresh Gaussian inputs.</item>
/// </list>
/// Only unbounded domains are supported: the sign argument needs f's linear part over all of ℝ^d.
/// </remarks>
public static class OneLayerExtractor
{
    /// <summary>Relative residual of the first fit above which f is not explained by the units found.</summary>
    private const double FitTolerance = 1e-6;

    /// <summary>
    /// Extracts f from <paramref name="oracle"/>; the recovered network is evaluated on
    /// <paramref name="backend"/> for the verification. Never throws for a failure of the extraction
    /// (budget, an oracle error, a function that is not a one-hidden-layer ReLU network): the result
    /// says where and why it stopped.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    /// <exception cref="NotSupportedException">The oracle restricts inputs to a box.</exception>
    public static ExtractionResult Extract(CountingOracle oracle, ExtractionOptions options, LinearAlgebraBackend backend)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backend);
        options.Validate();
        if (oracle.Domain is not null)
            throw new NotSupportedException("extraction on a box-restricted domain is not supported yet: the sign recovery needs f on all of ℝ^d");
        var run = new Run(oracle, options, backend);
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
    private sealed class Run(CountingOracle oracle, ExtractionOptions options, LinearAlgebraBackend backend)
    {
        private const int Layer = 1;
        private readonly RandomKey _key = RandomKey.FromSeed(options.Seed);
        private readonly double _scale = options.InputScale;
        private readonly HyperplaneCatalog _catalog = new(options.InputScale);
        private IReadOnlyList<Hyperplane> _units = [];
        private Network? _network;
        private int _lines, _signUnknowns;

        public ExtractionStage Stage { get; private set; } = ExtractionStage.Scale;

        private QueryLabel Label => new(Stage, Stage is ExtractionStage.Scale or ExtractionStage.OutputLayer or ExtractionStage.Verification ? null : Layer);

        public ExtractionResult Stop(ExtractionStage stage, string reason)
        {
            int units = _units.Count > 0 ? _units.Count : _catalog.Units.Count;
            return new ExtractionResult(_network, [units], oracle.Ledger, new ExtractionFailure(stage, Layer, units, reason),
                _lines, _catalog.Unconfirmed, _signUnknowns, null);
        }

        public ExtractionResult Execute()
        {
            int d = oracle.InputSize;
            double outputScale = ScaleProbe();
            Search(outputScale);
            _units = _catalog.Units;
            if (_units.Count == 0) throw new StopException("no kink found on any line: f is affine, so it has no hidden unit to recover");

            Stage = ExtractionStage.Signs;
            var (alphas, constant) = SolveSigns();
            _network = Assemble(_units, alphas, constant);

            Stage = ExtractionStage.Refinement;
            var refiner = new HyperplaneRefiner(oracle, Label, _scale, options.ExtraRefinementPoints);
            var refineRandom = _key.Split("refinement").Stream();
            var refined = new List<Hyperplane>(_units.Count);
            for (int j = 0; j < _units.Count; j++)
            {
                var direction = new Scalarizer([.. Enumerable.Range(0, alphas.Columns).Select(k => alphas[j, k])]);
                refined.Add(refiner.Refine(_units, j, direction, refineRandom)
                    ?? throw new StopException($"unit {j + 1}: fewer than {d} clean crossings of its hyperplane could be found for the refinement"));
            }
            _units = refined;

            Stage = ExtractionStage.OutputLayer;
            var inputs = SamplePoints.Draw(_units, d, SampleCount(), _scale, _key.Split("output layer").Stream());
            var (coefficients, residual, rank) = FeatureFit.Fit(_units, inputs, oracle.Query(Label, inputs), linear: false);
            if (rank < _units.Count + 1 || residual > FitTolerance)
                throw new StopException($"the refined units do not explain f: output-layer fit of rank {rank} of {_units.Count + 1}, relative residual {residual:G3}");
            var weights = new Matrix(_units.Count, oracle.OutputSize);
            for (int j = 0; j < _units.Count; j++) coefficients.Row(j).CopyTo(weights.Row(j));
            _network = Assemble(_units, weights, [.. coefficients.Row(_units.Count)]);

            Stage = ExtractionStage.Verification;
            double? error = Verify(_network);
            return new ExtractionResult(_network, [_units.Count], oracle.Ledger, null, _lines, _catalog.Unconfirmed, _signUnknowns, error);
        }

        /// <summary>Max |f| over a few Gaussian inputs: the output magnitude that gradient jumps are compared with.</summary>
        private double ScaleProbe()
        {
            var random = _key.Split("scale").Stream();
            var inputs = new Matrix(4, oracle.InputSize);
            for (int k = 0; k < inputs.Data.Length; k++) inputs.Data[k] = _scale * random.NextNormal();
            var outputs = oracle.Query(Label, inputs);
            return Math.Max(outputs.Data.Max(Math.Abs), double.Epsilon);
        }

        /// <summary>Sweeps lines and clusters their kinks until the units found explain <see cref="ExtractionOptions.StableLines"/> lines in a row.</summary>
        private void Search(double outputScale)
        {
            var lineRandom = _key.Split("lines").Stream();
            var scalarizer = Scalarizer.Random(oracle.OutputSize, _key.Split("scalarizer").Stream());
            double halfLength = options.LineHalfLength * _scale;
            int stable = 0, exhausted = 0;
            while (stable < options.StableLines)
            {
                if (_lines == options.MaxLines)
                    throw new StopException($"the units found still did not explain every line after {_lines} lines");
                Stage = ExtractionStage.Sweep;
                var swept = new LineSweeper(oracle, scalarizer, Label).Sweep(SearchLine.Random(oracle.InputSize, _scale, lineRandom), halfLength);
                int line = _lines++;
                if (swept.Exhausted)
                {
                    // Two lines that bend everywhere: not a piecewise-linear function.
                    if (++exhausted >= 2)
                        throw new StopException($"f is not piecewise linear along line {line + 1} at double precision: it bends on every interval searched (not a ReLU network, or outputs rounded to float32 or noisy, which the sweep does not handle yet)");
                    stable = 0;
                    continue;
                }
                Stage = ExtractionStage.Signatures;
                bool explained = Signatures(swept, line, outputScale);
                stable = explained && swept.Unresolved == 0 ? stable + 1 : explained ? stable : 0;
            }
        }

        /// <summary>Files every kink of a line; returns whether all of them lay on confirmed units and none was new.</summary>
        private bool Signatures(SweptLine swept, int line, double outputScale)
        {
            var probe = new GradientProbe(oracle, Label);
            var kinks = swept.Kinks;
            var jacobians = new Matrix?[kinks.Length + 1];
            bool explained = true;
            for (int k = 0; k < kinks.Length; k++)
            {
                var x = swept.Line.At(kinks[k]);
                if (_catalog.Locate(x) is int known)
                {
                    explained &= _catalog.IsConfirmed(known);
                    _catalog.AddWitness(known, line);
                    continue;
                }
                explained = false;
                var jump = Subtract(jacobians[k + 1] ??= PieceJacobian(probe, swept, k + 1), jacobians[k] ??= PieceJacobian(probe, swept, k));
                // Forward differences of f at magnitude |f| carry about 1e-10 of it per unit step.
                if (KinkNormal.FromJump(jump, 1e-9 * outputScale / _scale) is { } normal) _catalog.Add(normal, x, line);
            }
            return explained;
        }

        /// <summary>The Jacobian of f on piece <paramref name="piece"/> of the line (between kinks piece − 1 and piece).</summary>
        private Matrix PieceJacobian(GradientProbe probe, SweptLine swept, int piece)
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
            // A step well inside the piece: a hyperplane passes this close to the point only at a shallow angle.
            return probe.Jacobian(swept.Line.At(t), 1e-3 * room);
        }

        private static Matrix Subtract(Matrix a, Matrix b)
        {
            var c = new Matrix(a.Rows, a.Columns);
            for (int k = 0; k < c.Data.Length; k++) c.Data[k] = a.Data[k] - b.Data[k];
            return c;
        }

        /// <summary>
        /// Fits f with a linear term on fresh inputs, solves which units are flipped, and flips them in
        /// <see cref="_units"/>; returns the output weights α (n × m) and the constant for the flipped units.
        /// </summary>
        private (Matrix Alphas, double[] Constant) SolveSigns()
        {
            int n = _units.Count, d = oracle.InputSize, m = oracle.OutputSize;
            Stage = ExtractionStage.OutputLayer;
            var inputs = SamplePoints.Draw(_units, d, SampleCount(), _scale, _key.Split("sign fit").Stream());
            var outputs = oracle.Query(Label, inputs);
            Stage = ExtractionStage.Signs;
            var (coefficients, residual, rank) = FeatureFit.Fit(_units, inputs, outputs, linear: true);
            if (rank < n + d + 1 || residual > FitTolerance)
                throw new StopException($"f is not explained by the {n} units found plus an affine map: fit of rank {rank} of {n + d + 1}, relative residual {residual:G3} (a deeper network, or units missed)");
            var alphas = new Matrix(n, m);
            var linear = new Matrix(d, m);
            for (int j = 0; j < n; j++) coefficients.Row(j).CopyTo(alphas.Row(j));
            for (int i = 0; i < d; i++) coefficients.Row(n + i).CopyTo(linear.Row(i));
            var (flipped, free, problem) = SignSolver.Solve(alphas, linear, _units, options.MaxFreeSigns);
            _signUnknowns = free;
            if (flipped is null) throw new StopException(problem!);
            // ReLU(z) = ReLU(−z) + z: a flipped unit hands α_j·b̂_j to the constant (its α_j·ŵ_j cancels L).
            var constant = coefficients.Row(n + d).ToArray();
            var units = new List<Hyperplane>(n);
            for (int j = 0; j < n; j++)
            {
                if (flipped[j])
                    for (int k = 0; k < m; k++) constant[k] += alphas[j, k] * _units[j].Bias;
                units.Add(flipped[j] ? _units[j].Flipped() : _units[j]);
            }
            _units = units;
            return (alphas, constant);
        }

        private int SampleCount() => 2 * (_units.Count + oracle.InputSize + 1) + 8;

        /// <summary>The network V·ReLU(W·x + b) + c with W, b from <paramref name="units"/> and V from the n × m <paramref name="weights"/>.</summary>
        private Network Assemble(IReadOnlyList<Hyperplane> units, Matrix weights, double[] constant)
        {
            int n = units.Count, d = oracle.InputSize, m = oracle.OutputSize;
            var w = new double[n * d];
            for (int j = 0; j < n; j++) units[j].Normal.CopyTo(w, j * d);
            var v = new double[m * n];
            for (int k = 0; k < m; k++)
                for (int j = 0; j < n; j++) v[k * n + j] = weights[j, k];
            return new Network(d, [
                new Layer(d, n, w, [.. units.Select(u => u.Bias)], new ReluActivation(), [0]),
                new Layer(n, m, v, constant, new IdentityActivation(), [1]),
            ]);
        }

        /// <summary>Max |f − f̂| / max |f| on fresh Gaussian inputs; null when none are asked for.</summary>
        private double? Verify(Network network)
        {
            if (options.VerificationPoints == 0) return null;
            var random = _key.Split("verification").Stream();
            var inputs = new Matrix(options.VerificationPoints, oracle.InputSize);
            for (int k = 0; k < inputs.Data.Length; k++) inputs.Data[k] = _scale * random.NextNormal();
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
