namespace NetSym.Networks.Regions;

/// <summary>What the walk needs of one non-empty region: a ball inside it, and its facets.</summary>
/// <param name="Centre">The centre of a ball inside the region.</param>
/// <param name="Radius">That ball's radius.</param>
/// <param name="Facets">The facets that lead to neighbouring regions (the box's own sides excluded).</param>
internal sealed record RegionCell(double[] Centre, double Radius, IReadOnlyList<FacetCrossing> Facets);
