namespace NetSym.Networks.Regions;

/// <summary>
/// Region cells for one input: the region is the box's interval cut by each constraint a·x ≤ b, so its
/// ends are the tightest bounds b/a from either side, and the constraint giving an end is the facet there.
/// </summary>
/// <remarks>
/// The centre and radius are the interval's midpoint and half-length: exactly the Chebyshev ball of the
/// linear-program path, computed with one division per constraint. An interval whose half-length is below
/// <see cref="LinearRegions.ThinRadius"/> (relative to its distance from the origin) is empty, as there.
/// </remarks>
internal sealed class IntervalCells(Box box) : IRegionCells
{
    /// <inheritdoc/>
    public int LinearPrograms => 0;

    /// <inheritdoc/>
    public RegionCell? Cell(List<double[]> rows, List<double> bounds)
    {
        double lower = box.Lower[0], upper = box.Upper[0];
        int lowerBy = -1, upperBy = -1;
        for (int i = 0; i < rows.Count; i++)
        {
            // Rows are never zero (RegionForms leaves those out), so each is a bound on one side.
            double a = rows[i][0], end = bounds[i] / a;
            if (a > 0 && end < upper) (upper, upperBy) = (end, i);
            else if (a < 0 && end > lower) (lower, lowerBy) = (end, i);
        }
        double radius = (upper - lower) / 2;
        double[] centre = [(lower + upper) / 2];
        if (!(radius > 0) || !LinearRegions.Thick(radius, centre)) return null;
        var facets = new List<FacetCrossing>(2);
        // An end is a point: only the next breakpoint beyond it limits the step across it.
        if (lowerBy >= 0) facets.Add(FacetCrossing.Through(rows, bounds, lowerBy, [lower], double.PositiveInfinity));
        if (upperBy >= 0) facets.Add(FacetCrossing.Through(rows, bounds, upperBy, [upper], double.PositiveInfinity));
        return new RegionCell(centre, radius, facets);
    }
}
