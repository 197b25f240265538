using System.Globalization;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Identifiability;

/// <summary>
/// Searches for a network with no internal symmetry that realises the zero function — the obstruction
/// in Vlačić &amp; Bölcskei's theorem: when none exists for ρ, the networks obtained from one realising
/// f by ρ's affine symmetries are all the networks realising f. Constructive families first
/// (<see cref="ZeroNetworkFamilies"/>), then a numerical minimisation of the outputs over small
/// architectures from seeded random starts; every candidate is verified by <see cref="ZeroFunctionCheck"/>.
/// </summary>
/// <remarks>
/// "None found" is evidence about the searched architectures, not a proof: for tanh the proof is the
/// papers' theorem. A found network is a proof that ρ is not of tanh type as far as NetSym's reducer
/// states "no internal symmetry" (no zero incoming or outgoing weights, no two neurons of a layer
/// related by an affine symmetry of ρ).
/// </remarks>
public static class ZeroFunctionSearch
{
    // Sample RMS below which a start counts as converged and is checked on the grid.
    private const double ConvergedBelow = 1e-10;

    // Far sample points added to the uniform ones.
    private const int FarSamples = 16;

    /// <summary>Runs the search for hidden activation <paramref name="activation"/> (identity output layer).</summary>
    /// <param name="activation">ρ, used in every hidden layer.</param>
    /// <param name="options">Search space, starts and tolerances.</param>
    /// <param name="key">The random key: architecture i draws its samples from key.Split(i).Split("samples") and start s from key.Split(i).Split(s).</param>
    /// <param name="backend">Linear algebra for evaluation and Jacobians.</param>
    /// <exception cref="ArgumentException">Options out of range.</exception>
    public static ZeroFunctionSearchResult Run(Activation activation, ZeroSearchOptions options, RandomKey key, LinearAlgebraBackend backend)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backend);
        options.Validate();

        var constructive = (options.Constructive ? ZeroNetworkFamilies.Candidates(activation, LinearPairTolerance(options)) : [])
            .Select(c => new ZeroCandidateOutcome(c, ZeroFunctionCheck.Verify(c.Network, options, backend)))
            .ToList();
        var witness = constructive.FirstOrDefault(o => o.Verification.Passed);

        var summaries = new List<ZeroSearchArchitecture>();
        if (options.Starts > 0)
        {
            var architectures = Architectures(options);
            for (int i = 0; i < architectures.Count && !(witness is not null && options.StopWhenFound); i++)
            {
                var (summary, found) = SearchArchitecture(activation, architectures[i], options, key.Split(i), backend);
                summaries.Add(summary);
                witness ??= found;
            }
        }
        return new ZeroFunctionSearchResult(activation, options, key, constructive, summaries, witness);
    }

    /// <summary>The architectures searched, smallest first: d-n-1, then d-n₁-n₂-1, for d = 1, 2, ….</summary>
    public static IReadOnlyList<Architecture> Architectures(ZeroSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = new List<Architecture>();
        for (int d = 1; d <= options.MaxInputs; d++)
        {
            for (int n = 2; n <= options.MaxWidth; n++) list.Add(new Architecture([d, n, 1]));
            if (options.MaxHiddenLayers < 2) continue;
            for (int n1 = 2; n1 <= options.MaxWidth; n1++)
                for (int n2 = 2; n2 <= options.MaxWidth; n2++)
                    list.Add(new Architecture([d, n1, n2, 1]));
        }
        return list;
    }

    // The linear pair must hold far more tightly than a network's cancellation is checked, or the
    // family would be offered on a coincidence of the grid.
    private static double LinearPairTolerance(ZeroSearchOptions options) => Math.Max(options.Tolerance, 1e-12);

    private static (ZeroSearchArchitecture Summary, ZeroCandidateOutcome? Found) SearchArchitecture(
        Activation activation, Architecture architecture, ZeroSearchOptions options, RandomKey key, LinearAlgebraBackend backend)
    {
        int d = architecture.InputSize;
        var samples = Samples(d, options, key.Split("samples").Stream());

        double best = double.PositiveInfinity;
        int converged = 0, notZero = 0, degenerate = 0, found = 0;
        ZeroCandidateOutcome? first = null;
        for (int s = 0; s < options.Starts; s++)
        {
            var start = RandomStart(architecture, activation, key.Split(s).Stream());
            var (network, residual) = ZeroResidualMinimizer.Minimize(start, samples, options.Iterations, backend);
            best = Math.Min(best, residual);
            if (!(residual <= ConvergedBelow)) continue;
            converged++;
            var verification = ZeroFunctionCheck.Verify(network, options, backend);
            if (!verification.RealisesZero) notZero++;
            else if (!verification.Irreducible) degenerate++;
            if (!verification.Passed) continue;
            found++;
            first ??= new ZeroCandidateOutcome(new ZeroCandidate(network, string.Create(CultureInfo.InvariantCulture, $"numerical: {architecture}, start {s}"),
                string.Create(CultureInfo.InvariantCulture, $"Levenberg–Marquardt on {options.Samples} sample inputs reached RMS output {residual:G3} with ‖u‖₂ = 1")), verification);
            if (options.StopWhenFound) return (new ZeroSearchArchitecture(architecture, s + 1, best, converged, notZero, degenerate, found), first);
        }
        return (new ZeroSearchArchitecture(architecture, options.Starts, best, converged, notZero, degenerate, found), first);
    }

    // Uniform in the box, plus far points (radius 10 to 10³ in random directions): a network that is 0 on
    // the box alone, with its kinks or saturation outside it, is not what is sought.
    private static Matrix Samples(int d, ZeroSearchOptions options, RandomStream random)
    {
        var samples = new Matrix(options.Samples + FarSamples, d);
        for (int i = 0; i < options.Samples; i++)
            for (int k = 0; k < d; k++) samples[i, k] = (2 * random.NextDouble() - 1) * options.SampleRadius;
        for (int i = 0; i < FarSamples; i++)
        {
            double radius = Math.Pow(10, 1 + 2.0 * i / (FarSamples - 1));
            var direction = new double[d];
            double norm = 0;
            for (int k = 0; k < d; k++) { direction[k] = random.NextNormal(); norm += direction[k] * direction[k]; }
            norm = Math.Sqrt(norm);
            for (int k = 0; k < d; k++) samples[options.Samples + i, k] = radius * direction[k] / norm;
        }
        return samples;
    }

    // Hidden weights and biases N(0, 1), output weights N(0, 1) (normalised by the minimiser), output bias 0.
    private static Network RandomStart(Architecture architecture, Activation activation, RandomStream random)
    {
        var widths = architecture.Widths;
        var layers = new List<(double[] Weights, double[] Bias, Activation Activation)>();
        for (int l = 1; l < widths.Count; l++)
        {
            bool output = l == widths.Count - 1;
            var w = new double[widths[l] * widths[l - 1]];
            var b = new double[widths[l]];
            for (int k = 0; k < w.Length; k++) w[k] = random.NextNormal();
            if (!output) for (int k = 0; k < b.Length; k++) b[k] = random.NextNormal();
            layers.Add((w, b, output ? new IdentityActivation() : activation));
        }
        return Network.Sequential(architecture.InputSize, layers);
    }
}
