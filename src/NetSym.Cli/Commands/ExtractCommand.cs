using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NetSym.Canonical;
using NetSym.Cli.Rendering;
using NetSym.Extraction;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym extract (--oracle MODEL.onnx | --oracle-cmd "CMD") [--domain BOX] [--max-queries N] [--timeout S]
/// [--float32-outputs] [--noise σ] [--truth MODEL] [--verify-points N] -o OUT [--partial FILE]</c>: recovers a
/// ReLU network from queries alone, certifies it on fresh inputs, and with the truth decides equivalence.
/// Exit 0: recovered (and equivalent to --truth); 1: recovered but not equivalent to --truth; 2: bad
/// input or a broken oracle; 3: the extraction stopped short (a partial report; OUT not written, the
/// layers recovered written to --partial FILE when given).
/// </summary>
internal static class ExtractCommand
{
    /// <summary>
    /// The extractor: the one call site, so that switching to the deep extractor (same signature) is this line.
    /// </summary>
    private static readonly Func<CountingOracle, ExtractionOptions, LinearAlgebraBackend, ExtractionResult> Extractor = DeepExtractor.Extract;

    /// <summary>How long a process oracle may take for one exchange unless --timeout says otherwise.</summary>
    public const int DefaultTimeoutSeconds = 60;

    // A day per exchange is past any oracle worth waiting for; TimeSpan holds it easily.
    private const int MaxTimeoutSeconds = 86_400;

    // 2^36 rows is far past any published attack (2^21.5 for 784-128-1): days of queries even to a model in-process.
    private const long MaxQueries = 1L << 36;

    // The run's seed is split per purpose: the extraction's own choices and the noise draws never share a stream.
    private const string NoisePurpose = "noise";

    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var oracle = new Option<string?>("--oracle") { Description = "The function to extract: an ONNX model run by ONNX Runtime (float64 for exact recovery; a float32 model answers in 24 bits)", HelpName = "MODEL.onnx" };
        var oracleCommand = new Option<string?>("--oracle-cmd") { Description = "The function to extract: a shell command speaking the NDJSON protocol of docs/extraction.md", HelpName = "CMD" };
        var maxQueries = NumericOptions.OptionalInteger("--max-queries", 1L, MaxQueries, "The most input rows the oracle may be asked for, certificate included (default: no limit)");
        var timeout = NumericOptions.OptionalInteger("--timeout", 1, MaxTimeoutSeconds, F($"--oracle-cmd: seconds one exchange with the process may take (default {DefaultTimeoutSeconds})"), "SECONDS");
        var float32 = new Option<bool>("--float32-outputs") { Description = "Round every answer to float32 (a robustness experiment)" };
        var noise = NumericOptions.Real("--noise", 0, 0, "Add N(0, σ²) noise to every answer, drawn from --seed (a robustness experiment)", "SIGMA");
        var truth = new Option<string?>("--truth") { Description = "The network behind the oracle: compare it with the recovery (rounded to the certified precision) and give the map or a witness", HelpName = "MODEL" };
        var verifyPoints = NumericOptions.Integer("--verify-points", 1, NumericOptions.MaxPoints, CertificateOptions.DefaultPoints, "Fresh inputs the certificate compares the oracle and the recovery on (counted as queries)");
        var output = CliOptions.OutputFile("Write the recovered network to FILE (.json lossless, .onnx float32), only when the extraction completes");
        var partial = new Option<string?>("--partial")
        {
            Description = "When the extraction stops short, write what it recovered to FILE (.json or .onnx): the hidden layers, with their last layer's pre-activations as outputs, or the whole network when it was assembled but not certified",
            HelpName = "FILE",
        };
        var command = new Command("extract", "Recover a ReLU network from queries alone: widths found, queries counted, error certified, compared with --truth")
        {
            oracle, oracleCommand, options.Domain, maxQueries, timeout, float32, noise, truth, verifyPoints, output, partial,
        };
        command.Validators.Add(result =>
        {
            bool Given(Option option) => result.GetResult(option) is not null;
            if (Given(oracle) == Given(oracleCommand)) result.AddError("give exactly one of --oracle MODEL.onnx and --oracle-cmd \"CMD\"");
            if (Given(timeout) && !Given(oracleCommand)) result.AddError("--timeout limits an --oracle-cmd process; an ONNX model runs in-process");
            string? outputPath = result.GetValue(output), partialPath = result.GetValue(partial);
            if (string.IsNullOrWhiteSpace(outputPath)) result.AddError("give -o OUT (.json or .onnx): the file the recovered network is written to");
            if (Given(partial) && string.IsNullOrWhiteSpace(partialPath)) result.AddError("give --partial a file name (.json or .onnx)");
            else if (!string.IsNullOrWhiteSpace(outputPath) && !string.IsNullOrWhiteSpace(partialPath) && Path.GetFullPath(partialPath) == Path.GetFullPath(outputPath))
                result.AddError("give --partial a file other than -o OUT: one holds a recovered network, the other what a stopped run had found");
        });
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            string path = parse.GetValue(output)!;
            string? partialPath = parse.GetValue(partial);
            // Both files are checked before the first query: a run of minutes must not end on an unwritable path.
            static void CheckTarget(string target)
            {
                ModelFiles.CheckWritable(target);
                WriteTarget.CheckCreatable(target);
            }
            CheckTarget(path);
            if (partialPath is not null) CheckTarget(partialPath);
            var truthModel = parse.GetValue(truth) is { } truthPath ? LoadedModel.Read(invocation, truthPath, null) : null;
            string? modelPath = parse.GetValue(oracle);
            string? shellCommand = parse.GetValue(oracleCommand);
            var (source, owner, name) = OpenOracle(modelPath, shellCommand, parse.GetValue(timeout) ?? DefaultTimeoutSeconds);
            using var _ = owner;
            if (truthModel is not null) TruthComparison.CheckShape(truthModel.Network, source, truthModel.Source);
            var oracleOptions = new OracleOptions
            {
                MaxQueries = parse.GetValue(maxQueries),
                Float32Outputs = parse.GetValue(float32),
                NoiseSigma = parse.GetValue(noise),
                NoiseKey = invocation.Context.Key.Split(NoisePurpose),
                Domain = options.DomainFor(parse, source.InputSize),
            };
            var backend = invocation.Context.Backend;
            var extractionOptions = new ExtractionOptions
            {
                Seed = invocation.Seed,
                // The certificate compares on many more inputs; the extractor's own check would only spend queries.
                VerificationPoints = 0,
            };
            var certificateOptions = new CertificateOptions { Points = parse.GetValue(verifyPoints), Seed = invocation.Seed, InputScale = extractionOptions.InputScale };

            var clock = Stopwatch.StartNew();
            var run = invocation.WithProgress("extract", progress =>
            {
                var (counting, monitor) = MonitoredOracle.Create(source, name, oracleOptions, progress is null ? null : new QueryProgressDisplay(progress));
                var result = Extractor(counting, extractionOptions, backend);
                if (result.Failure is not null || result.Network is null) return new Run(counting, monitor, result, null, result.Failure);
                try
                {
                    return new Run(counting, monitor, result, ExtractionCertificate.Compute(counting, result.Network, certificateOptions, backend, result.CriticalPoints), null);
                }
                catch (Exception e) when (e is QueryBudgetExceededException or OracleException)
                {
                    return new Run(counting, monitor, result, null,
                        new ExtractionFailure(ExtractionStage.Verification, null, result.Widths.Sum(), e is QueryBudgetExceededException
                            ? $"the certificate's {certificateOptions.Points} inputs do not fit in the budget ({e.Message}): give a larger --max-queries or fewer --verify-points"
                            : $"certificate: {e.Message}"));
                }
            });
            clock.Stop();
            if (run.Monitor.Failure is { } broken)
                throw new OracleException(broken.Oracle, F($"{broken.Problem} (during {run.Monitor.LastLabel}, after {run.Counting.Ledger.Total} queries; {path} not written)"), broken);

            var comparison = run.Certificate is { } certificate && truthModel is not null
                ? invocation.WithProgress("extract: compare with the truth", progress =>
                    TruthComparison.Compare(truthModel.Network, run.Result.Network!, certificate.Bits, backend, invocation.Seed, progress, oracleOptions.Domain))
                : null;
            if (run.Failure is null) invocation.WithProgress("extract: write", progress => ModelFiles.Write(run.Result.Network!, path, progress));
            var found = run.Result.Network ?? run.Result.RecoveredLayers;
            if (run.Failure is not null && partialPath is not null && found is not null)
                invocation.WithProgress("extract: write the partial network", progress => ModelFiles.Write(found, partialPath, progress));

            var sections = new List<ReportSection>
            {
                ExtractionSection(run, clock.Elapsed, name, modelPath is not null, oracleOptions, invocation, parse.GetValue(noise), path, partialPath),
            };
            if (run.Certificate is { } proof) sections.Add(CertificateSection(proof, oracleOptions.Domain, invocation));
            if (comparison is not null) sections.Add(TruthSection(comparison, truthModel!, invocation.Seed));
            invocation.Write(new Report(sections));
            if (run.Failure is { } failure)
                throw new ExtractionStoppedException(F($"extraction stopped at {new QueryLabel(failure.Stage, failure.Layer)} after {run.Counting.Ledger.Total} queries: {failure.Reason}; {path} not written"));
            return comparison is null || comparison.Equivalence.Verdict is EquivalenceVerdict.Equivalent or EquivalenceVerdict.SameFunction
                ? ExitCodes.Success
                : ExitCodes.No;
        });
        return command;
    }

    /// <summary>What one extraction produced: the oracle as counted, the monitor, the extractor's result, the certificate (when it completed) and why it stopped short (null when it did not).</summary>
    private sealed record Run(CountingOracle Counting, MonitoredOracle Monitor, ExtractionResult Result, ExtractionCertificate? Certificate, ExtractionFailure? Failure);

    /// <summary>The ONNX model loaded into ONNX Runtime, or the process started and its sizes read.</summary>
    private static (IQueryOracle Oracle, IDisposable Owner, string Name) OpenOracle(string? model, string? command, int timeoutSeconds)
    {
        if (model is not null)
        {
            var onnx = OnnxOracle.Load(model);
            return (onnx, onnx, onnx.Name);
        }
        var process = ProcessOracle.Start(command!, TimeSpan.FromSeconds(timeoutSeconds));
        return (process, process, process.Name);
    }

    private static ReportSection ExtractionSection(Run run, TimeSpan wall, string name, bool onnx, OracleOptions oracle, Invocation invocation, double noise, string path, string? partialPath)
    {
        var result = run.Result;
        var ledger = run.Counting.Ledger;
        long certified = run.Certificate is { } certificate ? certificate.Points + certificate.CriticalPoints : 0;
        List<Fact> facts =
        [
            new("status", "Status", run.Failure is null ? "complete" : "stopped"),
            new("oracle", "Oracle", name, onnx ? "ONNX model run by ONNX Runtime" : "process speaking NDJSON (docs/extraction.md)"),
            new("oracle_kind", "Oracle kind", onnx ? "onnx" : "process"),
            new("inputs", "Inputs", run.Counting.InputSize),
            new("outputs", "Outputs", run.Counting.OutputSize),
            new("widths", "Hidden widths found", new IntegerListValue(result.Widths), run.Failure is null ? "discovered from the kinks, not given" : "units confirmed before the stop"),
        ];
        if (run.Failure is null) facts.Add(new("architecture", "Architecture", result.Network!.Architecture, "recovered: ReLU hidden layers, identity output"));
        facts.AddRange(
        [
            new("lines", "Lines swept", result.Lines, "random lines searched for kinks"),
            new("discarded_candidates", "Discarded kinks", result.DiscardedCandidates, "seen on one line only: not counted as units"),
            new("sign_unknowns", "Sign unknowns", result.SignUnknowns, "free unknowns of the sign system enumerated (0: the linear system fixed every sign)"),
            new("settled_coefficients", "Settled coefficients", result.SettledCoefficients, "coefficients that surfaces on one side of a unit left free, set by the sign solve so that the skip terms vanish"),
            new("queries", "Queries", ledger.Total, "input rows handed to the oracle, certificate included"),
            new("queries_log2", "Queries (log2)", Log2(ledger.Total)),
            new("extraction_queries", "Extraction queries", ledger.Total - certified, "without the certificate's"),
            new("extraction_queries_log2", "Extraction queries (log2)", Log2(ledger.Total - certified)),
            new("budget", "Budget", ledger.Budget is long budget ? budget : "none", "--max-queries; never exceeded"),
            new("wall_time_s", "Wall time (s)", wall.TotalSeconds, "extraction and certificate, oracle included"),
            new("seed", "Seed", invocation.Seed, F($"lines, probes and sample points; the certificate's inputs and the noise from its child keys '{ExtractionCertificate.KeyPurpose}' and '{NoisePurpose}'")),
            new("backend", "Backend", invocation.Context.Backend.Description),
            new("float32_outputs", "float32 outputs", oracle.Float32Outputs),
            new("noise", "Noise σ", noise),
            new("domain", "Domain", oracle.Domain?.ToString() ?? "none (all of ℝ^d)"),
        ]);
        if (run.Failure is { } failure)
        {
            facts.Add(new("failure", "Stopped", new GroupValue(
            [
                new("stage", "stage", StageName(failure.Stage)),
                new("layer", "layer", failure.Layer is int layer ? layer : new NoValue()),
                new("units_found", "units found", failure.UnitsFound),
                new("reason", "reason", failure.Reason),
            ])));
            string written = partialPath is null ? "not written: give --partial FILE" : $"written to {partialPath}";
            facts.Add(new("partial_network", "Partial network", result.Network is { } partial
                ? $"{partial.Architecture}, assembled before the stop ({written})"
                : result.RecoveredLayers is { } layers
                    ? $"hidden layers {layers.Architecture} (input, then each layer's pre-activations) recovered before the stop, no output layer yet ({written})"
                    : "none: the run stopped before any layer was recovered"));
        }
        facts.Add(new("output", "Wrote", run.Failure is null ? path : "(nothing written: the extraction stopped short)"));
        if (run.Failure is null && ModelFormatNames.RoundsToFloat32(path)) facts.Add(new("rounded_to_float32", "Weights rounded to float32", true, "ONNX stores float32; .json keeps every bit"));
        return new ReportSection("extraction", "Extraction")
        {
            Facts = facts,
            Tables = [LedgerTable(ledger)],
            Method = "layer by layer (DeepExtractor, docs/extraction.md): kinks of f along random lines; first-layer units are the hyperplanes that recur and pass fresh probes, "
                + "deeper units are traced across known boundaries and solved in the features of the layers below; signs of a layer from the next layer's skip terms, the last layer's from the output fit; "
                + "surfaces refined to rounding, output layer by least squares; float64, every query counted by the oracle's ledger",
        };
    }

    /// <summary>The ledger: queries per stage and hidden layer, in the order first spent.</summary>
    private static ReportTable LedgerTable(QueryLedger ledger) => new(
        "ledger",
        "Queries per stage",
        [new("stage", "stage"), new("layer", "layer"), new("queries", "queries"), new("queries_log2", "log2")],
        [
            .. ledger.Entries.Select(e => (IReadOnlyList<ReportValue>)
                [StageName(e.Label.Stage), e.Label.Layer is int layer ? layer : new NoValue(), e.Rows, Log2(e.Rows)]),
        ])
    {
        Caption = "layer: the hidden layer a stage worked on (empty for the whole network); verification includes the certificate",
    };

    private static ReportSection CertificateSection(ExtractionCertificate certificate, Box? domain, Invocation invocation) => new("certificate", "Certificate")
    {
        Facts =
        [
            new("points", "Inputs compared", certificate.Points, domain is null
                ? F($"fresh N(0, {certificate.InputScale:G3}²·I) inputs, seed {invocation.Seed}")
                : F($"fresh inputs uniform on {domain}, seed {invocation.Seed}")),
            new("max_abs_error", "Max |f − f̂|", certificate.MaxAbsoluteError, "over every input and output"),
            new("max_rel_error", "Max relative error", certificate.MaxRelativeError, F($"max |f − f̂| / max |f| (max |f| = {certificate.OutputMagnitude:G6})")),
            new("max_error_log2", "Max relative error (log2)", certificate.MaxRelativeError > 0 ? Math.Log2(certificate.MaxRelativeError) : double.NegativeInfinity),
            new("critical_points", "Critical points compared", certificate.CriticalPoints,
                F($"kinks of f the extraction located and confirmed, up to {ExtractionResult.CriticalPointsPerUnit} per unit")),
            new("max_abs_error_critical", "Max |f − f̂| there", certificate.MaxCriticalError, "over every critical point and output"),
            new("max_rel_error_critical", "Max relative error there", certificate.MaxCriticalRelativeError, "relative to the same max |f|"),
            new("bits", "Bits of precision", certificate.Bits, F($"−log2 of the larger max relative error, at most {ExtractionCertificate.MaxBits}")),
            .. ReductionTable.Summary(certificate.Reduction.Network.Architecture, certificate.Reduction).Skip(1),
            new("fingerprint", "Fingerprint", certificate.Fingerprint.Hex, F($"of the reduced recovery's canonical form ({Fingerprint.Version}): the same for every network of its symmetry orbit")),
            new("fingerprint_short", "Short fingerprint", certificate.Fingerprint.Short),
        ],
        Method = F($"the oracle (queries counted under verification) and the recovered network (float64 on {invocation.Context.Backend.Description}) on the same fresh inputs, and at the critical points the extraction found; measured, not bounded: a unit whose kink no input reaches is not checked"),
    };

    private static ReportSection TruthSection(TruthComparison comparison, LoadedModel truth, int seed)
    {
        var result = comparison.Equivalence;
        List<Fact> facts =
        [
            new("truth", "Truth", truth.Source),
            new("verdict", "Verdict", EquivCommand.VerdictName(result.Verdict)),
            new("rounded_bits", "Recovery rounded to", comparison.SignificantBits, comparison.SignificantBits >= ExtractionCertificate.MaxBits
                ? "significant bits: nothing rounded"
                : "significant bits: every weight and bias of the recovery rounded to the nearest such number (ties to even), the precision the certificate proves"),
            new("tolerance", "Tolerance", comparison.Tolerance, "relative, for the canonical forms: max(1e-9, 2^(2 − bits))"),
            .. result.Box is null ? Array.Empty<Fact>() : [new("turned", "Units turned", comparison.Turned,
                "units crossing the domain turned to face as the truth's before the comparison (on the box f leaves that free where units on throughout it carry a linear part: ReLU(−z) = ReLU(z) − z)")],
            new("truth_reduced", "Truth reduced", result.ReductionA.Network.Architecture),
            new("recovery_reduced", "Recovery reduced", result.ReductionB.Network.Architecture),
        ];
        if (result.CanonicalDeviation is { } deviation) facts.Add(new("canonical_deviation", "Canonical deviation", deviation, "largest over layers of max|Δθ| / max|θ|"));
        if (result.MapDeviation is { } mapDeviation) facts.Add(new("map_deviation", "Map deviation", mapDeviation, "max |θ(h·recovery) − θ(truth)| over all parameters"));
        if (result.Search is { Found: true } search) facts.Add(EquivCommand.WitnessFact(search));
        return new ReportSection("truth", "Compared with the truth")
        {
            Facts = facts,
            Tables = result.Map is { } map ? [SymmetryMapTable.Of(map)] : [],
            Method = F($"equiv of the truth (A) and the rounded recovery (B): both reduced{(result.Box is { } box ? $" on the domain {box} (a unit constant or affine there folded), compared there only" : "")}, canonical forms compared, else a witness search (seed {seed}); float64"),
        };
    }

    /// <summary>The stage's stable snake_case name ("output_layer").</summary>
    internal static string StageName(ExtractionStage stage) => stage == ExtractionStage.OutputLayer ? "output_layer" : stage.ToString().ToLowerInvariant();

    /// <summary>log2 of a count; 0 for none, so that a run stopped before its first query reads as 2^0.</summary>
    private static double Log2(long count) => count > 0 ? Math.Log2(count) : 0;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
