using NetSym.Reduction;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>The outcome of <see cref="Equivalence.Compare"/>.</summary>
/// <param name="Verdict">What was established.</param>
/// <param name="Reason">One sentence saying why, e.g. that the canonical forms have different shapes.</param>
/// <param name="CanonicalShapesMatch">Whether A and B have the same architecture (widths, activations, sources, masks), so that their canonical forms can be compared entry by entry.</param>
/// <param name="CanonicalDeviation">When the shapes match: the largest over layers of max|Δθ| / max|θ| between the two canonical forms; null otherwise.</param>
/// <param name="Map">For <see cref="EquivalenceVerdict.Equivalent"/>: the element h with h·B ≈ A (of the reduced networks when reduction changed them) (canon_A⁻¹ ∘ canon_B): per hidden layer the permutation and per neuron the symmetry (scale, sign, shift).</param>
/// <param name="MapDeviation">For <see cref="EquivalenceVerdict.Equivalent"/>: the largest |θ(h·B) − θ(A)| over all parameters.</param>
/// <param name="Search">The witness search, when one ran (not for <see cref="EquivalenceVerdict.Equivalent"/>): the witness for <see cref="EquivalenceVerdict.Different"/>, the inputs tried and the largest difference for <see cref="EquivalenceVerdict.AgreeOnTestedInputs"/>.</param>
/// <param name="ReductionA">How A was reduced before its canonical form was taken.</param>
/// <param name="ReductionB">How B was reduced before its canonical form was taken.</param>
public sealed record EquivalenceResult(
    EquivalenceVerdict Verdict,
    string Reason,
    bool CanonicalShapesMatch,
    double? CanonicalDeviation,
    GroupElement? Map,
    double? MapDeviation,
    WitnessSearchResult? Search,
    ReductionResult ReductionA,
    ReductionResult ReductionB);
