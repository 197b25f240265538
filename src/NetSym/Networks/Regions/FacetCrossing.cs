namespace NetSym.Networks.Regions;

/// <summary>
/// A facet of a region, as the walk crosses it: a step of at most half <paramref name="Radius"/> from
/// <paramref name="Centre"/> along <paramref name="Normal"/> leaves the region through it.
/// </summary>
/// <param name="Normal">The outward normal: the row of the constraint that is tight on the facet.</param>
/// <param name="Centre">A point in the middle of the facet.</param>
/// <param name="Radius">How far the facet extends around <paramref name="Centre"/> within its hyperplane, and for
/// clipped cells no farther than the next constraint line ahead (<see cref="Through"/>); infinite where nothing limits the step.</param>
internal readonly record struct FacetCrossing(double[] Normal, double[] Centre, double Radius)
{
    /// <summary>
    /// The crossing of facet <paramref name="facet"/> (a row of the region's constraints) at <paramref name="centre"/>, of
    /// half-extent <paramref name="extent"/>, limited by the distance along the normal to the nearest other constraint
    /// line beyond the facet (lines within <see cref="LinearRegions.ThinRadius"/> of it are crossed with it).
    /// </summary>
    /// <remarks>
    /// Those lines bound the neighbour wherever the first layer draws them, so a step of half the distance lands
    /// inside it even when the neighbour is thinner than the walk's default step (a tiny triangle among 150 lines
    /// has an inradius near 10⁻⁷, where a fixed step of 10⁻⁶ would jump over it).
    /// </remarks>
    public static FacetCrossing Through(List<double[]> rows, List<double> bounds, int facet, double[] centre, double extent)
    {
        var normal = rows[facet];
        double length = Math.Sqrt(normal.Sum(v => v * v));
        double floor = LinearRegions.ThinRadius * (1 + Math.Sqrt(centre.Sum(c => c * c)));
        double reach = extent;
        for (int j = 0; j < rows.Count; j++)
        {
            var a = rows[j];
            double along = 0, value = 0;
            for (int k = 0; k < centre.Length; k++)
            {
                along += a[k] * normal[k];
                value += a[k] * centre[k];
            }
            if (along <= 0) continue;
            double distance = (bounds[j] - value) / along * length;
            if (distance > floor) reach = Math.Min(reach, distance);
        }
        return new FacetCrossing(normal, centre, reach);
    }
}
