using NetSym.Networks;
using NetSym.Reduction;

namespace NetSym.Identifiability;

/// <summary>
/// The independent check of a candidate network for the zero function: its outputs on a dense grid
/// and far out in the tails, and whether the reducer finds anything to remove.
/// </summary>
/// <param name="Points">Number of inputs evaluated (grid and tails).</param>
/// <param name="GridDescription">The points in words, e.g. "2001 points of [−8, 8] and ±10^k, k = 1, 1.5, …, 6".</param>
/// <param name="MaxAbsOutput">max |f(x)| over the points, in float64.</param>
/// <param name="MaxRelativeResidual">max over the points of |f(x)| / (T(x) + T̄), T(x) = Σⱼ |uⱼ·yⱼ(x)| + |c| and T̄ its mean on the dense grid: how far the terms fail to cancel.</param>
/// <param name="ExactlyZero">For a piecewise-linear network, whether exact dyadic evaluation gives 0 at every point; null otherwise.</param>
/// <param name="Reduction">The reducer's result at the twin tolerance: no steps means no zero weights and no twins.</param>
/// <param name="NearlyConstant">
/// Hidden neurons whose output varies over the check points by less than the twin tolerance times
/// max(1, max |y|): within that margin of a constant neuron. This is the functional form of the
/// reducer's zero-incoming rule, which looks at the weights one by one and misses a neuron whose
/// incoming signal is small (weights that nearly cancel) or which sits deep in saturation, where
/// tanh(z + b) ≈ e^(−2b)·tanh(z) + 1 − e^(−2b) is nearly an affine symmetry.
/// </param>
/// <param name="Narrow">
/// Hidden neurons of a smooth (not piecewise-linear) ρ whose pre-activation spans less than the
/// options' minimum range over the check points. On a narrow interval ρ is nearly its Taylor
/// polynomial, so a few neurons reading one small signal can cancel to many orders (three tanh
/// neurons over a range of 0.1 reach 10⁻¹⁰) without any exact identity behind it.
/// </param>
/// <param name="OnePiece">
/// Hidden neurons of a piecewise-linear, not globally affine ρ whose pre-activation stays in one linear
/// piece of ρ at every check point: affine (or constant) there, as the reducer's on-domain rules would
/// fold them given the check points as the domain.
/// </param>
/// <param name="Tolerance">The relative tolerance the residual was held to.</param>
public sealed record ZeroFunctionVerification(
    int Points,
    string GridDescription,
    double MaxAbsOutput,
    double MaxRelativeResidual,
    bool? ExactlyZero,
    ReductionResult Reduction,
    IReadOnlyList<Neuron> NearlyConstant,
    IReadOnlyList<Neuron> Narrow,
    IReadOnlyList<Neuron> OnePiece,
    double Tolerance)
{
    /// <summary>Whether the outputs vanish: exactly where exact evaluation applies and says so, else to the tolerance.</summary>
    public bool RealisesZero => ExactlyZero == true || MaxRelativeResidual <= Tolerance;

    /// <summary>
    /// Whether the reducer found nothing to remove and no neuron is nearly constant, narrow or in one
    /// piece: no internal symmetry NetSym knows, with a margin.
    /// </summary>
    public bool Irreducible => Reduction.Steps.Count == 0 && NearlyConstant.Count == 0 && Narrow.Count == 0 && OnePiece.Count == 0;

    /// <summary>A witness: realises 0 and is irreducible.</summary>
    public bool Passed => RealisesZero && Irreducible;
}
