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
/// <param name="Rounded">The recovered network with every weight and bias rounded to <paramref name="SignificantBits"/> significant bits (on a box, its crossing units then turned as the truth's: <see cref="Turned"/>); the network compared.</param>
/// <param name="SignificantBits">⌊certified bits⌋, between 1 and 53 (53: nothing rounded).</param>
/// <param name="Tolerance">The relative tolerance of the comparison: the default 10⁻⁹, or 2^(2 − bits) when the rounding alone may move the canonical form further.</param>
/// <param name="Equivalence">Truth (A) against the rounded recovery (B).</param>
public sealed record TruthComparison(Network Rounded, int SignificantBits, double Tolerance, EquivalenceResult Equivalence)
{
    /// <summary>
    /// On a box: how many units crossing it were turned to face as the truth's units of the same surface do
    /// before the comparison. When units on throughout the box carry a linear part, f there does not fix
    /// which way a crossing unit faces (ReLU(−z) = ReLU(z) − z); the symmetry group, permutations and
    /// positive scalings, has no such turn, so without it the canonical forms differ.
    /// </summary>
    public int Turned { get; init; }

    /// <summary>|cos| between two units' (w, b) at least this close to 1 for them to be taken for the same surface.</summary>
    private const double SameSurface = 1e-6;

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
        int turned = 0;
        if (domain is not null && TurnedLike(truth, rounded, domain) is var (network, count))
            (rounded, turned) = (network, count);
        double tolerance = Math.Max(new EquivalenceOptions().Tolerance, Math.ScaleB(1, 2 - bits));
        var result = Canonical.Equivalence.Compare(truth, rounded, backend, new EquivalenceOptions { Tolerance = tolerance, Seed = seed, Box = domain }, progress);
        return new TruthComparison(rounded, bits, tolerance, result) { Turned = turned };
    }

    /// <summary>
    /// A one-hidden-layer <paramref name="recovered"/> (ReLU, then an identity output) with each unit that
    /// crosses <paramref name="box"/> and faces against the truth's first-layer unit of the same surface
    /// turned: v·ReLU(z) = v·ReLU(−z) + v·z on the box, so the unit becomes −z and v·z joins the linear
    /// part, which the units on throughout the box carried; those are rebuilt for the new linear part
    /// (<see cref="SearchSpace.Carry"/>). Null when no unit needs turning, or the networks are not of
    /// that form.
    /// </summary>
    private static (Network Network, int Turned)? TurnedLike(Network truth, Network recovered, Box box)
    {
        if (recovered.Layers.Count != 2 || truth.Layers.Count < 2 || recovered.Layers[0].Activation is not ReluActivation
            || truth.Layers[0].Activation is not ReluActivation || !recovered.HasDenseLayersOnly || !truth.HasDenseLayersOnly) return null;
        var (hidden, output) = (recovered.Layers[0], recovered.Layers[1]);
        if (output.Activation is not IdentityActivation) return null;
        int d = recovered.InputSize, n = hidden.OutputSize, m = output.OutputSize;
        var bounds = IntervalBounds.Compute(recovered, box);
        var truthUnits = Units(truth.Layers[0]);
        var units = Units(hidden);
        var weights = output.Weights.ToArray();
        var bias = output.Bias.ToArray();
        var linear = new Matrix(d, m);
        var kept = new List<int>();
        int turned = 0;
        for (int j = 0; j < n; j++)
        {
            var (lower, upper) = bounds.PreActivation(0, j);
            // A unit dead on the box is zero there.
            if (upper <= 0) continue;
            bool crossing = lower <= 0;
            if (crossing)
            {
                kept.Add(j);
                var same = truthUnits.FirstOrDefault(t => Math.Abs(Cosine(t, units[j])) >= 1 - SameSurface);
                if (same is null || Cosine(same, units[j]) > 0) continue;
                turned++;
            }
            // Its v·z joins the linear part (x ↦ Lᵀx, and a constant into the output bias): a unit on throughout
            // the box is v·z there, a turned one v·ReLU(−z) + v·z.
            for (int k = 0; k < m; k++)
            {
                double v = weights[k * n + j];
                for (int i = 0; i < d; i++) linear[i, k] += v * units[j][i];
                bias[k] += v * units[j][d];
            }
            if (crossing) units[j] = [.. units[j].Select(x => -x)];
        }
        if (turned == 0) return null;
        var (on, carried, taken) = SearchSpace.Within(box).Carry(linear);
        int width = kept.Count + on.Length;
        var w = new double[width * d];
        var b = new double[width];
        var v2 = new double[m * width];
        for (int r = 0; r < width; r++)
        {
            double[] unit = r < kept.Count ? units[kept[r]] : [.. on[r - kept.Count].Normal, on[r - kept.Count].Bias];
            unit.AsSpan(0, d).CopyTo(w.AsSpan(r * d, d));
            b[r] = unit[d];
            for (int k = 0; k < m; k++) v2[k * width + r] = r < kept.Count ? weights[k * n + kept[r]] : carried[k, r - kept.Count];
        }
        for (int k = 0; k < m; k++) bias[k] -= taken[k];
        return (Network.Sequential(d, [(w, b, new ReluActivation()), (v2, bias, new IdentityActivation())]), turned);
    }

    /// <summary>Each unit's (w, b) as one row.</summary>
    private static double[][] Units(Layer layer)
    {
        int d = layer.InputSize;
        var weights = layer.Weights;
        var bias = layer.Bias;
        var rows = new double[layer.OutputSize][];
        for (int j = 0; j < rows.Length; j++) rows[j] = [.. weights.Slice(j * d, d), bias[j]];
        return rows;
    }

    private static double Cosine(double[] a, double[] b) => PrefixPoint.Dot(a, b) / Math.Sqrt(PrefixPoint.Dot(a, a) * PrefixPoint.Dot(b, b));

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
