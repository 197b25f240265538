namespace NetSym.Networks.Regions;

/// <summary>
/// One linear region of a piecewise-linear network (or of the common refinement of several): the open
/// polyhedron where every neuron stays on one piece of its activation. On it each network is one affine
/// map, so a finite set of points per region tells everything that holds region by region.
/// </summary>
/// <param name="Patterns">Per network, the piece index of every neuron, layer by layer (<see cref="RegionForms"/> order).</param>
/// <param name="Centre">The centre of a ball inside the region (clipped to the enumeration's box): the largest such ball's with
/// <see cref="RegionCellMethod.LinearPrograms"/>, the centroid with <see cref="RegionCellMethod.Clipping"/>.</param>
/// <param name="Radius">That ball's radius: every point within it lies strictly inside the region.</param>
/// <param name="Outputs">Per network, its affine map on the region.</param>
public sealed record LinearRegion(IReadOnlyList<int[]> Patterns, double[] Centre, double Radius, IReadOnlyList<AffinePiece> Outputs)
{
    /// <summary>
    /// d + 1 affinely independent points strictly inside the region: the centre, and the centre moved by
    /// half the radius along each axis. Anything affine on the region is fixed by its values there.
    /// </summary>
    public double[][] InteriorPoints()
    {
        var points = new double[Centre.Length + 1][];
        points[0] = (double[])Centre.Clone();
        for (int k = 0; k < Centre.Length; k++)
        {
            points[k + 1] = (double[])Centre.Clone();
            points[k + 1][k] += Radius / 2;
        }
        return points;
    }
}
