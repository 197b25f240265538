namespace NetSym.Networks.Regions;

/// <summary>How <see cref="LinearRegions.Enumerate"/> finds each region's interior and facets.</summary>
public enum RegionCellMethod
{
    /// <summary>
    /// Any input dimension: a Chebyshev-centre linear program per region, one per constraint for its facet
    /// (the centre is that of the largest inscribed ball).
    /// </summary>
    LinearPrograms,

    /// <summary>
    /// Input dimension 1 or 2: the box clipped by each constraint half-space in turn, giving the region's
    /// interval or convex polygon itself (<see cref="IntervalCells"/>, <see cref="PolygonCells"/>).
    /// </summary>
    Clipping,
}
