namespace NetSym.Networks.Regions;

/// <summary>The outcome of <see cref="LinearRegions.Enumerate"/>.</summary>
/// <param name="Regions">The regions found, in the order the walk reached them.</param>
/// <param name="Complete">Whether the walk ran out of regions to visit (false: it stopped at the cap).</param>
/// <param name="Box">The regions are those meeting this box, clipped to it.</param>
/// <param name="ThinnestRadius">The smallest inradius accepted: regions thinner than this (relative to their distance from 0) are taken as empty.</param>
/// <param name="LinearPrograms">Linear programs solved (one per region, one per candidate facet; none when the cells were clipped).</param>
/// <param name="Method">How each region's cell was found.</param>
public sealed record LinearRegionEnumeration(IReadOnlyList<LinearRegion> Regions, bool Complete, Box Box,
    double ThinnestRadius, int LinearPrograms, RegionCellMethod Method);
