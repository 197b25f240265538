using NetSym.Reduction;

namespace NetSym.Identifiability;

/// <summary>
/// The independent check of a candidate network for the zero function: its outputs on a dense grid
/// and far out in the tails, and whether the reducer finds anything to remove.
/// </summary>
/// <param name="Points">Number of inputs evaluated (grid and tails).</param>
/// <param name="GridDescription">The points in words, e.g. "2001 points of [−8, 8] and ±10^k, k = 1, 1.5, …, 6".</param>
/// <param name="MaxAbsOutput">max |f(x)| over the points, in float64.</param>
/// <param name="MaxRelativeResidual">max over the points of |f(x)| / (Σⱼ |uⱼ·yⱼ(x)| + |c|): how far the terms fail to cancel.</param>
/// <param name="ExactlyZero">For a piecewise-linear network, whether exact dyadic evaluation gives 0 at every point; null otherwise.</param>
/// <param name="Reduction">The reducer's result at the twin tolerance: no steps means non-degenerate.</param>
/// <param name="Tolerance">The relative tolerance the residual was held to.</param>
public sealed record ZeroFunctionVerification(
    int Points,
    string GridDescription,
    double MaxAbsOutput,
    double MaxRelativeResidual,
    bool? ExactlyZero,
    ReductionResult Reduction,
    double Tolerance)
{
    /// <summary>Whether the outputs vanish: exactly where exact evaluation applies and says so, else to the tolerance.</summary>
    public bool RealisesZero => ExactlyZero == true || MaxRelativeResidual <= Tolerance;

    /// <summary>Whether the reducer found nothing to remove, so that the network has no internal symmetry NetSym knows.</summary>
    public bool Irreducible => Reduction.Steps.Count == 0;

    /// <summary>A witness: realises 0 and is irreducible.</summary>
    public bool Passed => RealisesZero && Irreducible;
}
