using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>
/// Whether a one-hidden-layer ReLU network is identifiable from a domain Ω — determined, up to
/// permutation and positive rescaling of its hidden neurons, by its function on Ω — with the
/// conditions checked and every neuron's hyperplane (<see cref="ShallowIdentifiability"/>).
/// </summary>
/// <param name="Applicable">Whether the network has the shape the conditions are about.</param>
/// <param name="Reason">Why not, when not applicable; otherwise null.</param>
/// <param name="Verdict">Identifiable, not identifiable, or undetermined (also when not applicable).</param>
/// <param name="DecidedBy">The condition that decided (null when not applicable).</param>
/// <param name="Witness">The neuron, pair or subset behind the verdict, in words.</param>
/// <param name="Conditions">The named conditions, in order.</param>
/// <param name="Hyperplanes">One entry per hidden neuron.</param>
/// <param name="Domain">The box; null for the whole input space.</param>
public sealed record ShallowIdentifiabilityResult(bool Applicable, string? Reason, IdentifiabilityVerdict Verdict, IdentifiabilityConditionKind? DecidedBy, string Witness,
    IReadOnlyList<IdentifiabilityCondition> Conditions, IReadOnlyList<HyperplaneFacts> Hyperplanes, Box? Domain)
{
    /// <summary>
    /// A non-empty set S of hidden neurons with Σ_{i∈S} v_i·w_iᵀ = 0 (exactly), when one was found: flipping
    /// them to (−w_i, −b_i, v_i) and adding Σ_S v_i·b_i to the output bias gives the same function everywhere.
    /// </summary>
    public IReadOnlyList<int>? CancellingSubset { get; init; }
}
