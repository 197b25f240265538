namespace NetSym.Networks.Regions;

/// <summary>A facet of a region, as the walk crosses it: a step from <paramref name="Centre"/> along <paramref name="Normal"/> leaves the region through it.</summary>
/// <param name="Normal">The outward normal: the row of the constraint that is tight on the facet.</param>
/// <param name="Centre">A point in the middle of the facet.</param>
/// <param name="Radius">How far the facet extends around <paramref name="Centre"/> within its hyperplane (infinite for a point facet in d = 1, which limits no step).</param>
internal readonly record struct FacetCrossing(double[] Normal, double[] Centre, double Radius);
