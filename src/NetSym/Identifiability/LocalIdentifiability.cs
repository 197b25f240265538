using System.Globalization;
using System.Numerics;
using NetSym.Dimension;
using NetSym.Embedding;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Reduction;

namespace NetSym.Identifiability;

/// <summary>
/// Local identifiability of a ReLU-family network from a finite sample set X: the conditions C_S
/// (Theorem 9) and C_N (Theorem 8) of Bona-Pellissier, Bachoc &amp; Malgouyres (NeurIPS 2022), the
/// sufficient condition of Stock &amp; Gribonval (Constr. Approx. 2022), and direct structural checks,
/// each named, with the verdict and the condition that decided it.
/// </summary>
/// <remarks>
/// <para>The network computes f_θ(X) = A(X, θ)·Φ(θ) with A locally constant off the activation
/// boundaries (<see cref="LocalLinearParameterization"/>). Γ(X, θ) is the Jacobian of θ ↦ f_θ(X) in
/// the chart of <see cref="FixedWeights"/>, with P − #hidden columns (the bound). C_S: R_Γ = bound
/// makes θ ↦ f_θ(X) an immersion of the chart, hence locally injective modulo rescaling. C_N fails
/// when R_Γ = R_A &lt; bound: the chart's Jacobian then has constant rank rank A near θ (it is at
/// most rank A everywhere and rank is lower semicontinuous), so the fibre through θ is a manifold
/// of positive dimension — parameters arbitrarily close to θ, not rescalings of it, agree on X.</para>
/// <para>R_Γ comes from the certified modular Jacobian (or float64 singular values); it equals the
/// batch functional dimension of <see cref="FunctionalDimension"/>: every fixed column is a combination
/// of the others through the rescaling vectors of the kernel, whose restriction to the fixed columns is
/// triangular with the fixed weights on its diagonal. R_A = Σ_o rank α_o (<see cref="ActivationMatrixRank"/>).</para>
/// <para>Order of decision: the theorems' hypotheses (degenerate neurons: undetermined); C_S, then Stock
/// &amp; Gribonval's condition (identifiable — on the samples off the boundary, since identifiability from
/// a subset of X implies it from X); twin or constant neurons, then a neuron silent on X (not identifiable,
/// by an explicit curve of equivalent parameters); boundary samples (undetermined); C_N failing (not
/// identifiable); otherwise undetermined.</para>
/// </remarks>
public static class LocalIdentifiability
{
    /// <summary>
    /// A sample size for <see cref="Check"/>: four times the points whose Jacobian rows just reach the
    /// bound P − #hidden neurons, and at least 1,024, since small linear regions are hit rarely.
    /// </summary>
    public static int SuggestSampleSize(Network network)
    {
        network.RequireDenseLayers("local identifiability");
        const int oversampling = 4, minimum = 1024;
        int bound = network.ParameterCount - network.HiddenNeuronCount, m = network.OutputSize;
        return Math.Max(minimum, oversampling * ((bound + m - 1) / m));
    }

    /// <summary>
    /// The peak memory of <see cref="Check"/> on <paramref name="samples"/> inputs: Γ, the parameter
    /// Jacobian (samples·m) × P in doubles, and as much again for the Jacobian of the next prime or the
    /// SVD's copy, which is built before the garbage collector has taken back the first.
    /// </summary>
    public static MemoryEstimate EstimateMemory(Network network, int samples)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.RequireDenseLayers("local identifiability");
        long rows = (long)samples * network.OutputSize, p = network.ParameterCount;
        return new MemoryEstimate(
        [
            new("network", MemoryEstimate.Doubles(1, p)),
            new($"{samples} samples", MemoryEstimate.Doubles(samples, network.InputSize)),
            new($"Γ {rows} × {p}", MemoryEstimate.Doubles(rows, p)),
            new("a second Γ (next prime or SVD copy)", MemoryEstimate.Doubles(rows, p)),
        ]);
    }

    /// <summary>Checks every condition for <paramref name="network"/> on the rows of <paramref name="inputs"/>.</summary>
    /// <param name="network">The network (positively homogeneous activations).</param>
    /// <param name="inputs">The samples, one per row.</param>
    /// <param name="backend">The linear-algebra engine.</param>
    /// <param name="options">Rank method, tolerance, primes, limits; the defaults when null.</param>
    /// <param name="progress">Told of each stage: activation pattern, rank of Γ, rank of α, Stock–Gribonval conditions.</param>
    /// <exception cref="ArgumentException">
    /// An activation that is not positively homogeneous (the message names it and the supported ones),
    /// inputs of the wrong width or with a non-finite entry, or bad options.
    /// </exception>
    public static IdentifiabilityResult Check(Network network, Matrix inputs, LinearAlgebraBackend backend, IdentifiabilityOptions? options = null,
        IProgress<ProgressReport>? progress = null)
    {
        options ??= IdentifiabilityOptions.Default;
        network.RequireDenseLayers("local identifiability");
        options.Validate();
        PathLifting.EnsureSupported(network);
        if (inputs.Columns != network.InputSize)
            throw new ArgumentException($"the samples have {inputs.Columns} coordinates, the network has {network.InputSize} inputs");
        var la = backend ?? throw new ArgumentNullException(nameof(backend));
        var method = options.Method ?? RankMethod.Exact;
        int bound = network.ParameterCount - network.HiddenNeuronCount;
        var paths = PathCount.Of(network).PerOutput;
        var fixedWeights = FixedWeights.Of(network);
        var stages = new ProgressStages(progress, 4);
        stages.Begin($"activation pattern of {inputs.Rows} samples");
        var pattern = ActivationPattern.Certify(network, inputs, la);
        var boundary = pattern.SamplesOnKinks;
        var nonzero = NonzeroNeurons(fixedWeights);
        var onBoundary = Boundary(pattern);

        if (!fixedWeights.IsChart)
        {
            stages.Complete();
            string why = "not evaluated: Γ's chart needs a non-zero outgoing weight and a non-zero incoming weight or bias at every hidden neuron";
            return new IdentifiabilityResult
            {
                Verdict = IdentifiabilityVerdict.Undetermined,
                DecidedBy = IdentifiabilityConditionKind.NonzeroNeurons,
                Witness = nonzero.Detail + "; Theorems 8 and 9 exclude such parameters",
                Certified = false,
                Scope = IdentifiabilityScope.Of(network),
                Conditions = [nonzero, onBoundary, new(IdentifiabilityConditionKind.Sufficient, null, why), new(IdentifiabilityConditionKind.Necessary, null, why)],
                Bound = bound, PathsPerOutput = paths, Points = inputs.Rows, BoundarySamples = boundary, Method = method,
                Primes = [], FixedWeights = fixedWeights, DependentParameters = [], AlphaMethod = why, Backend = la.Description,
            };
        }

        var keep = Enumerable.Range(0, inputs.Rows).Except(boundary).ToList();
        var x = Rows(inputs, keep);
        var offBoundary = pattern.Subset(keep);
        var fields = method == RankMethod.Exact
            ? PrimeField.Draws(options.Seed).Take(Math.Max(options.Primes, IdentifiabilityOptions.MinimumAlphaPrimes)).ToList()
            : [];
        stages.Begin($"rank of Γ on {x.Rows} samples");
        var gamma = method == RankMethod.Exact
            ? GammaRank.Exact(network, x, offBoundary, fixedWeights, fields.Take(options.Primes).ToList(), la)
            : GammaRank.Float(network, x, fixedWeights, options.Tolerance, la);
        stages.Begin("rank of the activation matrices α");
        var slopes = PatternSlopes.Of(network, offBoundary);
        var upper = ActivationMatrixRank.UpperBounds(network, offBoundary, slopes);
        var (alpha, alphaMethod, alphaPrimes, alphaTooLarge) = AlphaRanks(network, x, slopes, upper, fields, method, options, la);
        int rGamma = gamma.Rank;
        if (method == RankMethod.Exact && alpha is not null && alpha.Sum() <= rGamma && rGamma < upper.Sum()
            && ActivationMatrixRank.OverRationals(network, x, offBoundary, slopes) is { } overQ)
        {
            // C_N would fail on ranks mod p alone: where α is small its rank over Q settles R_A exactly.
            alpha = upper = overQ;
            alphaMethod += "; then rank over Q by BigInteger elimination on at most N_0 + 1 samples per activation pattern";
        }
        int? ra = alpha?.Sum();
        int raUpper = upper.Sum();

        var sufficient = Sufficient(network, gamma, bound, x.Rows, boundary.Count);
        bool? necessary = ra is int r ? rGamma < r || sufficient.Holds == true : null;
        var necessaryCondition = new IdentifiabilityCondition(IdentifiabilityConditionKind.Necessary, necessary, ra is null
            ? "not evaluated: "
            : necessary == true
                ? sufficient.Holds == true ? $"C_S holds (R_A = {ra})" : $"R_Γ = {rGamma} < R_A = {ra}"
                : $"R_Γ = R_A = {rGamma} < bound {bound}" + (rGamma >= raUpper
                    ? $" (R_A ≤ {raUpper} is proven, so R_Γ = R_A exactly)"
                    : $" (rank α mod p over {alphaPrimes} prime(s); R_A's proven upper bound is {raUpper})"))
        {
            TooLarge = alphaTooLarge,
        };
        var redundant = Redundant(network);
        var active = Active(network, pattern);
        stages.Begin("Stock–Gribonval conditions on Φ");
        var (determinesPhi, phiInjective, sgSufficient) = StockGribonval(network, fixedWeights, alpha, paths, bound, options, la);

        var conditions = new List<IdentifiabilityCondition>
        {
            nonzero, onBoundary, sufficient, necessaryCondition, redundant, active, determinesPhi, phiInjective, sgSufficient,
        };
        bool exact = method == RankMethod.Exact;
        var (verdict, decidedBy, certified) =
            sufficient.Holds == true ? (IdentifiabilityVerdict.Identifiable, sufficient, exact)
            : sgSufficient.Holds == true ? (IdentifiabilityVerdict.Identifiable, sgSufficient, exact)
            : redundant.Holds == false ? (IdentifiabilityVerdict.NotIdentifiable, redundant, true)
            : active.Holds == false ? (IdentifiabilityVerdict.NotIdentifiable, active, true)
            : boundary.Count > 0 ? (IdentifiabilityVerdict.Undetermined, onBoundary, false)
            : necessary == false ? (IdentifiabilityVerdict.NotIdentifiable, necessaryCondition, exact && rGamma >= raUpper)
            : (IdentifiabilityVerdict.Undetermined, necessaryCondition, false);
        string witness = verdict == IdentifiabilityVerdict.Undetermined && decidedBy == necessaryCondition && necessary == true
            ? $"C_N holds ({necessaryCondition.Detail}) but C_S fails ({sufficient.Detail}): neither theorem decides"
            : decidedBy.Detail;

        stages.Complete();
        return new IdentifiabilityResult
        {
            Verdict = verdict,
            DecidedBy = decidedBy.Kind,
            Witness = witness,
            Certified = certified,
            Scope = IdentifiabilityScope.Of(network),
            Conditions = conditions,
            RGamma = rGamma,
            RA = ra,
            AlphaRanks = alpha,
            RAUpperBound = raUpper,
            Bound = bound,
            PathsPerOutput = paths,
            Points = inputs.Rows,
            BoundarySamples = boundary,
            Method = method,
            Primes = [.. fields.Take(Math.Max(gamma.Primes.Count, alphaPrimes)).Select(f => f.P)], // both take the primes from the front
            Tolerance = gamma.Tolerance,
            FixedWeights = fixedWeights,
            DependentParameters = gamma.DependentParameters,
            AlphaMethod = alphaMethod,
            AlphaTooLarge = alphaTooLarge,
            Backend = la.Description,
        };
    }

    private static IdentifiabilityCondition NonzeroNeurons(FixedWeights fixedWeights)
    {
        if (fixedWeights.IsChart)
            return new(IdentifiabilityConditionKind.NonzeroNeurons, true, "every hidden neuron has a non-zero outgoing weight and a non-zero incoming weight or bias");
        var problems = fixedWeights.ZeroOutgoing.Select(v => $"neuron {v}: outgoing weights all zero")
            .Concat(fixedWeights.ZeroIncoming.Select(v => $"neuron {v}: incoming weights and bias all zero")).ToList();
        return new(IdentifiabilityConditionKind.NonzeroNeurons, false, string.Join("; ", problems.Take(3)) + (problems.Count > 3 ? $"; {problems.Count - 3} more" : ""));
    }

    private static IdentifiabilityCondition Boundary(ActivationPattern pattern)
    {
        if (pattern.Kinks.Count == 0) return new(IdentifiabilityConditionKind.NoBoundarySamples, true, "no pre-activation lies exactly on a breakpoint (certified)");
        var k = pattern.Kinks[0];
        return new(IdentifiabilityConditionKind.NoBoundarySamples, false,
            $"{pattern.SamplesOnKinks.Count} sample(s) on an activation boundary; first: sample {k.Sample}, whose pre-activation at neuron {k.Neuron} is exactly a breakpoint");
    }

    private static IdentifiabilityCondition Sufficient(Network network, GammaRankResult gamma, int bound, int used, int dropped)
    {
        string where = dropped > 0 ? $" on the {used} samples off the boundary (identifiability from a subset of X implies it from X)" : "";
        if (gamma.Rank == bound) return new(IdentifiabilityConditionKind.Sufficient, true, $"R_Γ = bound = {bound}{where}");
        string dependent = gamma.DependentParameters.Count == 0 ? ""
            : "; dependent columns: " + string.Join(", ", gamma.DependentParameters.Take(3).Select(network.DescribeParameter))
              + (gamma.DependentParameters.Count > 3 ? $" and {gamma.DependentParameters.Count - 3} more" : "");
        string rows = used * network.OutputSize < bound ? $"; X gives only {used * network.OutputSize} rows" : "";
        return new(IdentifiabilityConditionKind.Sufficient, false, $"R_Γ = {gamma.Rank} < bound {bound} (deficit {bound - gamma.Rank}{rows}{dependent}){where}");
    }

    private static IdentifiabilityCondition Redundant(Network network)
    {
        var steps = Reducer.Reduce(network).Steps;
        if (steps.Count == 0) return new(IdentifiabilityConditionKind.NoRedundantNeurons, true, "the exact reduction finds no twin or constant hidden neuron");
        return new(IdentifiabilityConditionKind.NoRedundantNeurons, false,
            $"{steps[0]} — a curve of parameters through θ, not rescalings of it, computes the same function everywhere");
    }

    private static IdentifiabilityCondition Active(Network network, ActivationPattern pattern)
    {
        var kinks = pattern.Kinks.Select(k => k.Neuron).ToHashSet();
        for (int l = 0; l + 1 < network.Layers.Count; l++)
        {
            var slopes = ExactPieces.Of(network.Layers[l].Activation).Slopes;
            int width = network.Layers[l].OutputSize;
            var pieces = pattern.LayerPieces(l);
            for (int j = 0; j < width; j++)
            {
                bool silent = pattern.SampleCount > 0 && !kinks.Contains(new Neuron(l, j));
                for (int i = 0; i < pattern.SampleCount && silent; i++) silent = slopes[pieces[i * width + j]].Sign == 0;
                if (silent)
                    return new(IdentifiabilityConditionKind.NeuronsActive, false,
                        $"neuron {new Neuron(l, j)} is never active on X: at all {pattern.SampleCount} samples its pre-activation lies strictly in a piece of slope 0, so its incoming weights and bias can move without changing f on X");
            }
        }
        return new(IdentifiabilityConditionKind.NeuronsActive, true, "every hidden neuron has a non-zero slope at some sample");
    }

    private static (int[]? Ranks, string Method, int Primes, Oversize? TooLarge) AlphaRanks(Network network, Matrix x, Matrix[] slopes, int[] upper,
        List<PrimeField> fields, RankMethod method, IdentifiabilityOptions options, LinearAlgebraBackend la)
    {
        if (ActivationMatrixRank.Route(network, x.Rows, options.MaxPaths, out var tooLarge) is not { } route) return (null, "", 0, tooLarge);
        if (method == RankMethod.Float)
        {
            var arithmetic = new FloatArithmetic(options.Tolerance, la);
            var found = ActivationMatrixRank.Compute(network, x, slopes, arithmetic, route);
            return (found.PerOutput, Describe(route, x.Rows) + $", float64 singular values above {arithmetic.UsedTolerance.ToString("G3", CultureInfo.InvariantCulture)}", 0, null);
        }
        // Each output keeps its largest rank over the primes; the search stops when every output is at its proven upper bound (exact).
        var best = BestRankOverPrimes.FindEach(fields, upper,
            field => ActivationMatrixRank.Compute(network, x, slopes, new ModularArithmetic(field, la), route).PerOutput,
            ranks => ranks);
        int tried = best is null ? 0 : best[0].Tried.Count;
        return (best?.Select(b => b.Rank).ToArray(), Describe(route, x.Rows) + $", largest rank mod p over {tried} prime(s)", tried, null);
    }

    private static string Describe(AlphaRoute route, int n) => route == AlphaRoute.Gram
        ? $"Gram matrix αα^T ({n}×{n}) by the layer recursion, α never materialised"
        : $"α materialised ({n} samples × paths per output)";

    private static (IdentifiabilityCondition DeterminesPhi, IdentifiabilityCondition PhiInjective, IdentifiabilityCondition Sufficient) StockGribonval(
        Network network, FixedWeights fixedWeights, int[]? alpha, IReadOnlyList<BigInteger> paths, int bound,
        IdentifiabilityOptions options, LinearAlgebraBackend la)
    {
        IdentifiabilityCondition determines = alpha is null
            ? new(IdentifiabilityConditionKind.SampleDeterminesPhi, null, "not evaluated: rank α was not computed")
            : alpha.Select((r, o) => r == paths[o]).All(b => b)
                ? new(IdentifiabilityConditionKind.SampleDeterminesPhi, true, $"rank α = {paths[0]} paths per output: f_θ(X) determines Φ(θ)")
                : new(IdentifiabilityConditionKind.SampleDeterminesPhi, false, $"rank α = {alpha.Min()} < {paths.Min():N0} paths per output: X does not determine Φ(θ) (it needs at least as many samples as paths)");
        var field = PrimeField.Draws(options.Seed).First();
        int? rank = PhiJacobianRank.Compute(network, fixedWeights, field, options.MaxPaths, la, out var tooLarge);
        IdentifiabilityCondition injective = rank is null
            ? new(IdentifiabilityConditionKind.PhiLocallyInjective, null, "not evaluated: ") { TooLarge = tooLarge }
            : new(IdentifiabilityConditionKind.PhiLocallyInjective, rank == bound, rank == bound
                ? $"rank DΦ·E = {bound} = P − #hidden (mod p, certified)"
                : $"rank DΦ·E = {rank} < {bound} mod p");
        bool? both = determines.Holds == false || injective.Holds == false ? false
            : determines.Holds == true && injective.Holds == true ? true : null;
        string detail = both switch
        {
            true => "X determines Φ and Φ is locally injective modulo rescaling",
            false => determines.Holds == false ? "X does not determine Φ" : "Φ is not locally injective modulo rescaling (mod p)",
            _ => "not evaluated: " + (determines.Holds is null ? determines.Detail : injective.Detail),
        };
        return (determines, injective, new(IdentifiabilityConditionKind.StockGribonvalSufficient, both, detail)
        {
            TooLarge = both is null && determines.Holds is not null ? injective.TooLarge : null,
        });
    }

    private static Matrix Rows(Matrix inputs, IReadOnlyList<int> keep)
    {
        if (keep.Count == inputs.Rows) return inputs;
        var kept = new Matrix(keep.Count, inputs.Columns);
        for (int i = 0; i < keep.Count; i++) inputs.Row(keep[i]).CopyTo(kept.Row(i));
        return kept;
    }
}
