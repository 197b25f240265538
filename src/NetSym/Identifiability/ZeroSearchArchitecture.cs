using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>What the numerical search did on one architecture.</summary>
/// <param name="Architecture">Widths n0-n1-…-1.</param>
/// <param name="Starts">Random starts run.</param>
/// <param name="BestSampleResidual">The smallest root-mean-square output on the sample inputs reached (with ‖u‖₂ = 1), over the starts.</param>
/// <param name="Converged">Starts that reached a sample residual small enough to be checked on the grid.</param>
/// <param name="NotZeroOnGrid">Converged starts whose network is not 0 on the check grid and tails (it vanishes on the samples only, e.g. with neurons saturated there).</param>
/// <param name="Degenerate">Converged starts whose network is 0 on the check grid but which the reducer reduces (cancelling twins, dead or constant neurons).</param>
/// <param name="Found">Converged starts that passed verification.</param>
public sealed record ZeroSearchArchitecture(Architecture Architecture, int Starts, double BestSampleResidual, int Converged, int NotZeroOnGrid, int Degenerate, int Found);
