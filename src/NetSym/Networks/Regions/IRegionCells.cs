namespace NetSym.Networks.Regions;

/// <summary>
/// Finds the cell of one region for <see cref="LinearRegions.Enumerate"/>'s walk: an interior ball and the
/// facets to cross. Implementations differ only in how (<see cref="RegionCellMethod"/>); the walk is one.
/// </summary>
internal interface IRegionCells
{
    /// <summary>
    /// The cell of {x in the box : rows[i]·x ≤ bounds[i] for all i}, or null when it is empty or thinner
    /// than <see cref="LinearRegions.ThinRadius"/> relative to its distance from the origin.
    /// </summary>
    RegionCell? Cell(List<double[]> rows, List<double> bounds);

    /// <summary>Linear programs solved so far (zero for the clipping methods).</summary>
    int LinearPrograms { get; }
}
