using System.Globalization;
using NetSym.Cli.Rendering;
using NetSym.Identifiability;
using NetSym.LinearAlgebra;

namespace NetSym.Cli.Analysis;

/// <summary>
/// The zero-function search for a nonlinearity: what was searched (architectures, starts, seed,
/// tolerances), the constructive candidates and their verification, and the witness network when
/// one was found.
/// </summary>
internal static class ZeroFunctionSection
{
    /// <summary>The section for <paramref name="result"/>, run from <paramref name="seed"/> on <paramref name="backend"/>.</summary>
    public static ReportSection Describe(ZeroFunctionSearchResult result, int seed, string backend)
    {
        var options = result.Options;
        var witness = result.Witness;
        var space = ZeroFunctionSearch.Architectures(options);
        return new ReportSection("zero_function", "Zero-function search")
        {
            Facts =
            [
                new("activation", "Activation", result.Activation.Spec),
                new("found", "Found", result.Found, result.Found
                    ? "a network with no zero weight and no twins realises 0: ρ's affine symmetries do not give all networks realising a function"
                    : "none within the search space: evidence, not proof (for tanh the proof is the papers' theorem)"),
                new("search_space", "Search space", F($"{space.Count} architectures: {options.MaxInputs switch { 1 => "1 input", var m => $"1–{m} inputs" }}, {options.MaxHiddenLayers} hidden layer(s) of widths 2–{options.MaxWidth}, 1 output")),
                new("starts", "Starts per architecture", options.Starts, F($"Levenberg–Marquardt, {options.Iterations} iterations, {options.Samples} samples uniform in [−{options.SampleRadius:G6}, {options.SampleRadius:G6}]^d, ‖u‖₂ = 1; stops at the first witness: {(options.StopWhenFound ? "yes" : "no")}")),
                new("starts_run", "Starts run", result.StartsRun),
                new("seed", "Seed", seed, F($"key {result.Key}: architecture i from key.Split(i)")),
                new("tolerance", "Tolerance", options.Tolerance, "|f(x)| ≤ tolerance · (Σ|terms at x| + their mean on the grid) at every check point (or an exact dyadic zero where piecewise linear)"),
                new("twin_tolerance", "Twin tolerance", options.TwinTolerance, "the reducer at this tolerance must remove nothing"),
                .. witness is null ? Array.Empty<Fact>() : WitnessFacts(result, witness),
            ],
            Tables =
            [
                new ReportTable("constructive", "Constructive candidates",
                    [new("family", "family"), new("architecture", "architecture"), new("realises_zero", "realises 0"), new("max_relative_residual", "max relative residual"), new("exactly_zero", "exact"), new("irreducible", "irreducible"), new("argument", "why")],
                    [.. result.Constructive.Select(o => (IReadOnlyList<ReportValue>)
                    [
                        o.Candidate.Origin, o.Candidate.Network.Architecture, o.Verification.RealisesZero, o.Verification.MaxRelativeResidual,
                        o.Verification.ExactlyZero is { } e ? e : "n/a", o.Verification.Irreducible, o.Candidate.Argument,
                    ])])
                {
                    Caption = "each verified on the check grid and tails; exact: dyadic evaluation for piecewise-linear networks, n/a otherwise",
                },
                new ReportTable("architectures", "Numerical search",
                    [new("architecture", "architecture"), new("starts", "starts"), new("best_sample_residual", "best sample RMS"), new("converged", "converged"), new("not_zero_on_grid", "0 on samples only"), new("degenerate", "degenerate"), new("found", "found")],
                    [.. result.Architectures.Select(a => (IReadOnlyList<ReportValue>)[a.Architecture.ToString(), a.Starts, a.BestSampleResidual, a.Converged, a.NotZeroOnGrid, a.Degenerate, a.Found])])
                {
                    Caption = "converged: sample RMS ≤ 1e-10, then checked on the grid; degenerate: 0 on the grid but reducible at the twin tolerance (near-twins, near-zero weights) or with a neuron nearly constant, narrow, or in one piece of ρ over the check points",
                },
                .. witness is null ? Array.Empty<ReportTable>() : [WitnessLayers(witness)],
            ],
            Method = F($"constructive families (linear map, linear pair, clip triangle) and Levenberg–Marquardt from seeded starts, float64 on {backend}; every candidate verified on a dense grid of [−{options.GridRadius:G6}, {options.GridRadius:G6}]^d ({options.GridPoints} points for d = 1, its square root per axis for d = 2) and on rays out to 10^6, and by the reducer with margins"),
        };
    }

    private static IEnumerable<Fact> WitnessFacts(ZeroFunctionSearchResult result, ZeroCandidateOutcome witness)
    {
        var v = witness.Verification;
        yield return new("witness_origin", "Witness", witness.Candidate.Origin, witness.Candidate.Argument);
        yield return new("witness_architecture", "Witness architecture", witness.Candidate.Network.Architecture);
        yield return new("witness_max_abs_output", "Max |f(x)|", v.MaxAbsOutput, F($"float64 over {v.Points} points: {v.GridDescription}"));
        yield return new("witness_max_relative_residual", "Max relative residual", v.MaxRelativeResidual, "|f(x)| / (Σ|terms at x| + their mean on the grid)");
        yield return new("witness_exactly_zero", "Exactly zero", v.ExactlyZero is { } e ? e : "n/a",
            v.ExactlyZero is null ? "not piecewise linear: float64 only" : "exact dyadic evaluation at every check point");
        yield return new("witness_irreducible", "Irreducible", v.Irreducible,
            F($"the reducer at tolerance {v.Reduction.Tolerance:G3} removes nothing, every hidden output varies by more than that (relative) over the check points, every smooth neuron's pre-activation spans at least {result.Options.MinPreActivationRange:G3}, and none stays in one linear piece of a piecewise-linear ρ"));
    }

    private static ReportTable WitnessLayers(ZeroCandidateOutcome witness) => new("witness_layers", "Witness network",
        [new("layer", "layer"), new("activation", "activation"), new("weights", "weights (out × in)"), new("bias", "bias")],
        [.. witness.Candidate.Network.Layers.Select((l, i) => (IReadOnlyList<ReportValue>)
            [i, l.Activation.Spec, new MatrixValue(new Matrix(l.OutputSize, l.InputSize, l.Weights.ToArray())), new RealListValue(l.Bias.ToArray())])])
    {
        Caption = "write it with -o FILE.json",
    };

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
