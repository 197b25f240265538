using NetSym.Canonical;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Extraction;

/// <summary>
/// The recovered network compared with the truth, when the truth is known (a benchmark, an audit of
/// one's own model): the recovery is first rounded to the precision its certificate proves, so that
/// the verdict rests on no digit the queries did not determine, then <see cref="Equivalence.Compare"/>
/// gives the map h with h·recovered ≈ truth, or a witness input where they differ.
/// </summary>
/// <param name="Rounded">The recovered network with every weight and bias rounded to <paramref name="SignificantBits"/> significant bits.</param>
/// <param name="SignificantBits">⌊certified bits⌋, between 1 and 53 (53: nothing rounded).</param>
/// <param name="Tolerance">The relative tolerance of the comparison: the default 10⁻⁹, or 2^(2 − bits) when the rounding alone may move the canonical form further.</param>
/// <param name="Equivalence">Truth (A) against the rounded recovery (B).</param>
public sealed record TruthComparison(Network Rounded, int SignificantBits, double Tolerance, EquivalenceResult Equivalence)
{
    /// <summary>
    /// Rounds <paramref name="recovered"/> to ⌊<paramref name="certifiedBits"/>⌋ significant bits and
    /// compares <paramref name="truth"/> with it. Rounding a parameter to p bits moves it by at most
    /// 2^−p of itself, and the canonical form (units normalised and sorted) by at most a few times that
    /// relative to a layer's largest parameter: the tolerance is 2^(2−p) when that exceeds the default.
    /// </summary>
    /// <param name="truth">The network behind the oracle.</param>
    /// <param name="recovered">The recovered network.</param>
    /// <param name="certifiedBits">The certificate's <see cref="ExtractionCertificate.Bits"/>.</param>
    /// <param name="backend">Runs the witness search.</param>
    /// <param name="seed">Seed of the witness search.</param>
    /// <param name="progress">Told of the comparison's stages.</param>
    /// <param name="domain">The box the extraction was restricted to: both networks are reduced on it and compared there only (null: everywhere).</param>
    /// <exception cref="ArgumentException">The networks have different input or output sizes.</exception>
    public static TruthComparison Compare(Network truth, Network recovered, double certifiedBits, LinearAlgebraBackend backend, int seed,
        IProgress<ProgressReport>? progress = null, Box? domain = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(recovered);
        int bits = (int)Math.Clamp(Math.Floor(certifiedBits), 1, ExtractionCertificate.MaxBits);
        var theta = recovered.GetParameters();
        for (int i = 0; i < theta.Length; i++) theta[i] = RoundToBits(theta[i], bits);
        var rounded = recovered.WithParameters(theta);
        double tolerance = Math.Max(new EquivalenceOptions().Tolerance, Math.ScaleB(1, 2 - bits));
        var result = Canonical.Equivalence.Compare(truth, rounded, backend, new EquivalenceOptions { Tolerance = tolerance, Seed = seed, Box = domain }, progress);
        return new TruthComparison(rounded, bits, tolerance, result);
    }

    /// <summary>Refuses, before any query, a truth that cannot be compared with what the oracle computes.</summary>
    /// <exception cref="ArgumentException">The truth's input or output size is not the oracle's.</exception>
    public static void CheckShape(Network truth, IQueryOracle oracle, string truthName)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(oracle);
        if (truth.InputSize != oracle.InputSize || truth.OutputSize != oracle.OutputSize)
            throw new ArgumentException($"{truthName}: the truth maps {truth.InputSize} inputs to {truth.OutputSize} outputs, but the oracle maps {oracle.InputSize} to {oracle.OutputSize}");
    }

    /// <summary><paramref name="value"/> rounded to the nearest number of <paramref name="bits"/> significant bits (ties to even); 0 stays 0.</summary>
    public static double RoundToBits(double value, int bits)
    {
        if (value == 0 || !double.IsFinite(value) || bits >= 53) return value;
        int quantum = Math.ILogB(value) - bits + 1;
        return Math.ScaleB(Math.Round(Math.ScaleB(value, -quantum), MidpointRounding.ToEven), quantum);
    }
}
