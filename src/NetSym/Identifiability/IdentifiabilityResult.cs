using System.Numerics;
using NetSym.Dimension;

namespace NetSym.Identifiability;

/// <summary>
/// Local identifiability of a network from a finite sample set X (Bona-Pellissier, Bachoc &amp;
/// Malgouyres 2022; Stock &amp; Gribonval 2022): the verdict, the condition that decided it with its
/// witness, every named check, and the ranks they compare.
/// </summary>
public sealed record IdentifiabilityResult
{
    /// <summary>Identifiable, not identifiable, or undetermined.</summary>
    public required IdentifiabilityVerdict Verdict { get; init; }

    /// <summary>The condition that decided the verdict.</summary>
    public required IdentifiabilityConditionKind DecidedBy { get; init; }

    /// <summary>
    /// Why, in words: the ranks, the neuron never active on X, the boundary sample, the degenerate neuron;
    /// when the deciding condition's <see cref="IdentifiabilityCondition.TooLarge"/> is set, the words that lead up to it.
    /// </summary>
    public required string Witness { get; init; }

    /// <summary>
    /// Whether the verdict is proven without relying on a rank mod p being the rank over Q: true for
    /// C_S reached exactly (a lower bound equal to the upper bound), for the exact structural checks,
    /// and for C_N failing when R_Γ reaches a proven upper bound on R_A; false in float and for undetermined.
    /// </summary>
    public required bool Certified { get; init; }

    /// <summary>
    /// Whether the network lies in the setting where the papers prove C_S and C_N (fully-connected ReLU,
    /// identity output), or how it departs from it; the verdict rests on the same arguments either way
    /// (docs/identifiability.md, "Beyond the papers' setting").
    /// </summary>
    public required IdentifiabilityScope Scope { get; init; }

    /// <summary>Every check, in the order of <see cref="IdentifiabilityConditionKind"/>.</summary>
    public required IReadOnlyList<IdentifiabilityCondition> Conditions { get; init; }

    /// <summary>R_Γ = rank Γ(X, θ); null when the chart of Γ does not exist (a degenerate neuron).</summary>
    public int? RGamma { get; init; }

    /// <summary>R_A = rank A(X, θ) = Σ_o rank α_o (N_L·rank α for an identity output layer); null when not computed.</summary>
    public int? RA { get; init; }

    /// <summary>rank α_o for every output (restricted to the samples where its slope is non-zero); null when not computed.</summary>
    public IReadOnlyList<int>? AlphaRanks { get; init; }

    /// <summary>A proven upper bound on R_A (paths, and distinct activation patterns times N_0 + 1); null when not computed.</summary>
    public int? RAUpperBound { get; init; }

    /// <summary>N_0N_1 + … + N_{L−1}N_L + N_L for a dense MLP; P − #hidden neurons in general.</summary>
    public required int Bound { get; init; }

    /// <summary>The number of paths ending at each output (columns of α_o).</summary>
    public required IReadOnlyList<BigInteger> PathsPerOutput { get; init; }

    /// <summary>|X|.</summary>
    public required int Points { get; init; }

    /// <summary>The samples (indices into X) with a pre-activation exactly on a breakpoint; the ranks use the others.</summary>
    public required IReadOnlyList<int> BoundarySamples { get; init; }

    /// <summary>Exact or float.</summary>
    public required RankMethod Method { get; init; }

    /// <summary>Exact: the primes tried for R_Γ, then those added for α; float: empty.</summary>
    public required IReadOnlyList<long> Primes { get; init; }

    /// <summary>Float: the singular-value threshold of Γ; exact: null.</summary>
    public double? Tolerance { get; init; }

    /// <summary>The fixed outgoing edges of Γ's chart and the degenerate neurons.</summary>
    public required FixedWeights FixedWeights { get; init; }

    /// <summary>Exact: the parameters whose columns of Γ depend on earlier ones (one per unit of deficit).</summary>
    public required IReadOnlyList<int> DependentParameters { get; init; }

    /// <summary>How rank α was computed (Gram recursion or materialised), or why it was not; empty when <see cref="AlphaTooLarge"/> says why.</summary>
    public required string AlphaMethod { get; init; }

    /// <summary>Why rank α was not computed when α was too large for its limits; otherwise null.</summary>
    public Oversize? AlphaTooLarge { get; init; }

    /// <summary>The linear-algebra engine that ran.</summary>
    public required string Backend { get; init; }

    /// <summary>The check of kind <paramref name="kind"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such check in this result.</exception>
    public IdentifiabilityCondition Condition(IdentifiabilityConditionKind kind) =>
        Conditions.FirstOrDefault(c => c.Kind == kind) ?? throw new KeyNotFoundException($"no condition {kind}");
}
