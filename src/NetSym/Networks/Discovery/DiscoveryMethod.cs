namespace NetSym.Networks.Discovery;

/// <summary>How a discovery result was obtained, for reports: the settings and what the search examined.</summary>
/// <param name="Options">The settings (box, grids, tolerance, seed).</param>
/// <param name="SearchCells">Cells (a, b) of the coarse grid evaluated; 0 when ρ was affine and no search was needed.</param>
/// <param name="Candidates">Local minima of the coarse misfit that were refined and verified.</param>
/// <param name="Verified">Distinct non-identity symmetries verified within the tolerance.</param>
/// <param name="Rejected">Refined candidates whose residual exceeded <see cref="DiscoveryOptions.UnresolvedResidual"/>.</param>
/// <param name="BestRejectedResidual">The smallest residual among the rejected, or null when none was rejected.</param>
/// <param name="Scale">S, the range of ρ on the grid, the scale of every residual.</param>
/// <param name="TailPoints">Verification points in the tails.</param>
/// <param name="TailLimit">The largest |x| the tails reach (before a jitter of up to 10%).</param>
public sealed record DiscoveryMethod(
    DiscoveryOptions Options,
    int SearchCells,
    int Candidates,
    int Verified,
    int Rejected,
    double? BestRejectedResidual,
    double Scale,
    int TailPoints,
    double TailLimit);
