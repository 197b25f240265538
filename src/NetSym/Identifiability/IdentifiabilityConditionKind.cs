namespace NetSym.Identifiability;

/// <summary>
/// The checks in an <see cref="IdentifiabilityResult"/> and a <see cref="ShallowIdentifiabilityResult"/>,
/// in the order results list them.
/// </summary>
public enum IdentifiabilityConditionKind
{
    /// <summary>
    /// Every hidden neuron has a non-zero outgoing weight and a non-zero incoming weight or bias — a
    /// hypothesis of Theorems 8 and 9 (Bona-Pellissier, Bachoc &amp; Malgouyres 2022): without it the
    /// rescaling chart of Γ does not exist. Failing it makes the verdict undetermined.
    /// </summary>
    NonzeroNeurons,

    /// <summary>
    /// No sample lies on an activation boundary (a pre-activation exactly on a breakpoint) — the other
    /// hypothesis of both theorems; where one does, A(X, θ) is not locally constant.
    /// </summary>
    NoBoundarySamples,

    /// <summary>
    /// C_S (Theorem 9): R_Γ = N_0N_1 + … + N_{L−1}N_L + N_L (= P − #hidden neurons), which proves local identifiability.
    /// </summary>
    Sufficient,

    /// <summary>
    /// C_N (Theorem 8): R_Γ &lt; R_A or C_S. When it fails (R_Γ = R_A &lt; bound) θ is not locally identifiable.
    /// </summary>
    Necessary,

    /// <summary>
    /// The exact reduction finds no twin and no constant hidden neuron: either gives a curve of
    /// parameters, not rescalings of θ, that compute the same function everywhere.
    /// </summary>
    NoRedundantNeurons,

    /// <summary>
    /// No hidden neuron is silent on X (strictly inside a zero-slope piece at every sample, e.g. a
    /// ReLU never active): otherwise its incoming weights can move without changing f on X.
    /// </summary>
    NeuronsActive,

    /// <summary>
    /// Stock &amp; Gribonval (2022): rank α = number of paths per output, so A(X, θ) is injective on
    /// the whole path space and f_θ(X) determines Φ(θ) (needs at least as many samples as paths).
    /// </summary>
    SampleDeterminesPhi,

    /// <summary>
    /// Stock &amp; Gribonval (2022): DΦ(θ) restricted to Γ's columns has rank P − #hidden, so Φ is
    /// locally injective modulo rescaling at θ (a property of θ alone).
    /// </summary>
    PhiLocallyInjective,

    /// <summary>
    /// Stock &amp; Gribonval's sufficient condition: both of the above, which proves local
    /// identifiability (and implies C_S: R_Γ = rank(A·DΦ·E) = rank(DΦ·E) when A is injective).
    /// </summary>
    StockGribonvalSufficient,

    /// <summary>Shallow networks: every hidden neuron has w ≠ 0 and outgoing weights v ≠ 0.</summary>
    ShallowNonzero,

    /// <summary>Shallow networks: every hidden neuron's hyperplane w·x + b = 0 meets the open domain.</summary>
    ShallowHyperplanesMeetDomain,

    /// <summary>Shallow networks: no two hidden neurons share a hyperplane.</summary>
    ShallowDistinctHyperplanes,

    /// <summary>Shallow networks: no non-empty set S of hidden neurons has Σ_{i∈S} v_i·w_iᵀ = 0.</summary>
    ShallowNoCancellingSubset,
}
