using NetSym.Canonical;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Reduction;

namespace NetSym.Extraction;

/// <summary>
/// What an extraction can prove about its result without the truth: how far the recovered network f̂
/// is from the oracle f on fresh inputs, the bits of precision that makes, and the recovered network's
/// reduced form and canonical fingerprint (the same for every network of its symmetry orbit).
/// </summary>
/// <param name="Points">Fresh inputs f and f̂ were compared on.</param>
/// <param name="Domain">The box the inputs were drawn uniformly from; null when they were Gaussian.</param>
/// <param name="InputScale">The standard deviation of the Gaussian inputs (unused with a box).</param>
/// <param name="MaxAbsoluteError">max |f(x)_k − f̂(x)_k| over every input and output.</param>
/// <param name="MaxRelativeError"><see cref="MaxAbsoluteError"/> / max |f(x)_k| (the absolute error when f is 0 on every input).</param>
/// <param name="OutputMagnitude">max |f(x)_k| over every input and output: what the relative error is relative to.</param>
/// <param name="Bits">−log2 of the larger of <see cref="MaxRelativeError"/> and <see cref="MaxCriticalRelativeError"/>, at most <see cref="MaxBits"/>.</param>
/// <param name="CriticalPoints">Critical points of f found by the extraction that f and f̂ were also compared on (<see cref="ExtractionResult.CriticalPoints"/>).</param>
/// <param name="MaxCriticalError">max |f(x)_k − f̂(x)_k| over those points and every output (0 when there are none).</param>
/// <param name="Reduction">The recovered network reduced (exact rules: dead, zero and twin units removed).</param>
/// <param name="Fingerprint">The canonical fingerprint of the reduced network.</param>
/// <remarks>
/// The error is measured, not bounded: a unit whose kink lies where no input of the sample goes is not
/// checked by it. With the truth at hand, <see cref="TruthComparison"/> decides equivalence instead.
/// </remarks>
public sealed record ExtractionCertificate(
    int Points,
    Box? Domain,
    double InputScale,
    double MaxAbsoluteError,
    double MaxRelativeError,
    double OutputMagnitude,
    double Bits,
    ReductionResult Reduction,
    Fingerprint Fingerprint,
    int CriticalPoints,
    double MaxCriticalError)
{
    /// <summary><see cref="MaxCriticalError"/> relative to <see cref="OutputMagnitude"/>, as <see cref="MaxRelativeError"/> is.</summary>
    public double MaxCriticalRelativeError => OutputMagnitude > 0 ? MaxCriticalError / OutputMagnitude : MaxCriticalError;

    /// <summary>The most bits a certificate claims: a double's 53, reached when f̂ reproduced every output bit for bit.</summary>
    public const double MaxBits = 53;

    /// <summary>The key the certificate's inputs are drawn from, split from the run's seed.</summary>
    public const string KeyPurpose = "certificate";

    // Inputs per query: 2^20 numbers (8 MiB) bound the memory for wide inputs and keep a process oracle's lines short.
    private const int BatchEntries = 1 << 20;

    /// <summary>
    /// Compares <paramref name="recovered"/> with <paramref name="oracle"/> on <see cref="CertificateOptions.Points"/>
    /// fresh inputs, uniform in the oracle's domain or N(0, s²I) at the input scale s without one, and at
    /// <paramref name="criticalPoints"/>, asked in batches under <see cref="ExtractionStage.Verification"/>;
    /// f̂ is evaluated on <paramref name="backend"/>. Then reduces <paramref name="recovered"/> and
    /// fingerprints its canonical form.
    /// </summary>
    /// <param name="oracle">The oracle the network was extracted from (its ledger and budget count these queries too).</param>
    /// <param name="recovered">The recovered network, of the oracle's input and output sizes.</param>
    /// <param name="options">Points, seed, input scale.</param>
    /// <param name="backend">Evaluates the recovered network.</param>
    /// <param name="criticalPoints">Critical points of f found by the extraction (none: only the fresh inputs); those outside the oracle's box are left out.</param>
    /// <param name="progress">Told of each batch compared, then of the reduction.</param>
    /// <exception cref="ArgumentException">Invalid options, or a network of other sizes than the oracle.</exception>
    /// <exception cref="QueryBudgetExceededException">The budget left is smaller than the points.</exception>
    /// <exception cref="OracleException">The oracle failed.</exception>
    public static ExtractionCertificate Compute(CountingOracle oracle, Network recovered, CertificateOptions options, LinearAlgebraBackend backend,
        IReadOnlyList<double[]>? criticalPoints = null, IProgress<ProgressReport>? progress = null)
    {
        // A critical point outside the oracle's box (none today: extraction refuses boxes) cannot be asked.
        criticalPoints = [.. (criticalPoints ?? []).Where(x => oracle.Domain is not { } domain || x.Length != oracle.InputSize || domain.Contains(x))];
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(recovered);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backend);
        options.Validate();
        if (recovered.InputSize != oracle.InputSize || recovered.OutputSize != oracle.OutputSize)
            throw new ArgumentException($"the recovered network maps {recovered.InputSize} inputs to {recovered.OutputSize} outputs, the oracle {oracle.InputSize} to {oracle.OutputSize}");
        // Refused before any query: a certificate the budget cannot pay for whole would certify less than it says.
        if (criticalPoints.Any(x => x.Length != oracle.InputSize))
            throw new ArgumentException($"a critical point is not of the oracle's {oracle.InputSize} inputs");
        if (oracle.Ledger.Remaining is long left && left < options.Points + criticalPoints.Count)
            throw new QueryBudgetExceededException(oracle.Ledger, new QueryLabel(ExtractionStage.Verification), options.Points + criticalPoints.Count);

        int d = oracle.InputSize, batch = Math.Max(1, Math.Min(options.Points, BatchEntries / d));
        int batches = (options.Points + batch - 1) / batch;
        var stages = new ProgressStages(progress, 2);
        stages.Begin($"comparing f and f̂ on {options.Points} inputs");
        var key = RandomKey.FromSeed(options.Seed).Split(KeyPurpose);
        var box = oracle.Domain;
        Func<RandomStream, int, double> draw = box is null
            ? (random, _) => options.InputScale * random.NextNormal()
            : (random, k) => box.Lower[k] + (box.Upper[k] - box.Lower[k]) * random.NextDouble();
        double error = 0, magnitude = 0;
        for (int b = 0; b < batches; b++)
        {
            int rows = Math.Min(batch, options.Points - b * batch);
            var inputs = RandomNetworks.Inputs(rows, d, key.Split(b), draw);
            var truth = oracle.Query(new QueryLabel(ExtractionStage.Verification), inputs);
            var estimate = Forward.Evaluate(recovered, inputs, backend);
            for (int k = 0; k < truth.Data.Length; k++)
            {
                error = Math.Max(error, Math.Abs(truth.Data[k] - estimate.Data[k]));
                magnitude = Math.Max(magnitude, Math.Abs(truth.Data[k]));
            }
            stages.Within?.Invoke((b + 1.0) / batches);
        }
        double critical = 0;
        for (int start = 0; start < criticalPoints.Count; start += batch)
        {
            var inputs = Matrix.FromRows([.. criticalPoints.Skip(start).Take(batch)]);
            var truth = oracle.Query(new QueryLabel(ExtractionStage.Verification), inputs);
            var estimate = Forward.Evaluate(recovered, inputs, backend);
            for (int k = 0; k < truth.Data.Length; k++) critical = Math.Max(critical, Math.Abs(truth.Data[k] - estimate.Data[k]));
        }
        double relative = magnitude > 0 ? error / magnitude : error, criticalRelative = magnitude > 0 ? critical / magnitude : critical;
        double worst = Math.Max(relative, criticalRelative);
        stages.Begin("reducing and fingerprinting f̂");
        var reduction = Reducer.Reduce(recovered);
        var fingerprint = Fingerprint.Of(reduction.Network);
        stages.Complete();
        return new ExtractionCertificate(options.Points, box, options.InputScale, error, relative, magnitude,
            worst > 0 ? Math.Min(MaxBits, -Math.Log2(worst)) : MaxBits, reduction, fingerprint, criticalPoints.Count, critical);
    }
}
