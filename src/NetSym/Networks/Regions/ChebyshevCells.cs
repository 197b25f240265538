using NetSym.LinearAlgebra;

namespace NetSym.Networks.Regions;

/// <summary>
/// Region cells by linear programs, in any input dimension: the region's Chebyshev centre and inradius,
/// and for each constraint the largest ball inside the facet it bounds (empty facets are dropped).
/// </summary>
/// <remarks>
/// Programs run in floating point: a region or facet whose inradius is below <see cref="LinearRegions.ThinRadius"/>
/// (relative to its distance from the origin) is taken as empty.
/// </remarks>
internal sealed class ChebyshevCells(Box box) : IRegionCells
{
    /// <inheritdoc/>
    public int LinearPrograms { get; private set; }

    /// <inheritdoc/>
    public RegionCell? Cell(List<double[]> rows, List<double> bounds)
    {
        int facets = rows.Count;
        var (allRows, allBounds) = WithBox(rows, bounds);
        LinearPrograms++;
        if (LinearProgram.ChebyshevCentre(allRows, allBounds, Width) is not { } ball || !LinearRegions.Thick(ball.Radius, ball.Centre)) return null;
        var crossings = new List<FacetCrossing>();
        for (int i = 0; i < facets; i++)
        {
            LinearPrograms++;
            if (FacetCentre(allRows, allBounds, i, Width) is { } facet) crossings.Add(new FacetCrossing(allRows[i], facet.Centre, facet.Radius));
        }
        return new RegionCell(ball.Centre, ball.Radius, crossings);
    }

    // The largest radius worth seeking: the box's widest side (the cap only keeps the programs bounded).
    private double Width => Enumerable.Range(0, box.Dimension).Max(k => box.Upper[k] - box.Lower[k]);

    // The networks' constraints, then the box (its rows last, so that they are never taken as facets).
    private (List<double[]> Rows, List<double> Bounds) WithBox(List<double[]> rows, List<double> bounds)
    {
        var allRows = new List<double[]>(rows);
        var allBounds = new List<double>(bounds);
        int d = box.Dimension;
        for (int k = 0; k < d; k++)
        {
            var up = new double[d]; up[k] = 1;
            var down = new double[d]; down[k] = -1;
            allRows.Add(up); allBounds.Add(box.Upper[k]);
            allRows.Add(down); allBounds.Add(-box.Lower[k]);
        }
        return (allRows, allBounds);
    }

    /// <summary>
    /// The largest ball inside the facet where constraint i is tight, within the hyperplane: coordinates y on
    /// an orthonormal basis N of the hyperplane's directions, x = x₀ + N y, every other constraint projected.
    /// </summary>
    private static (double[] Centre, double Radius)? FacetCentre(List<double[]> rows, List<double> bounds, int i, double cap)
    {
        var a = rows[i];
        int d = a.Length;
        double norm2 = a.Sum(v => v * v);
        var x0 = a.Select(v => v * bounds[i] / norm2).ToArray();
        var basis = Complement(a);
        var projected = new List<double[]>();
        var rhs = new List<double>();
        for (int j = 0; j < rows.Count; j++)
        {
            if (j == i) continue;
            var row = basis.Select(n => Dot(n, rows[j])).ToArray();
            double slack = bounds[j] - Dot(rows[j], x0);
            double rowNorm = Math.Sqrt(row.Sum(v => v * v));
            // A constraint parallel to the facet's hyperplane either holds on all of it or on none of it.
            if (rowNorm <= 1e-12 * Math.Sqrt(rows[j].Sum(v => v * v)))
            {
                if (slack < -LinearRegions.ThinRadius * (1 + Math.Abs(bounds[j]))) return null;
                continue;
            }
            projected.Add(row);
            rhs.Add(slack);
        }
        if (d == 1) return rhs.Count == 0 ? (x0, cap) : null;
        if (LinearProgram.ChebyshevCentre(projected, rhs, cap) is not { } ball) return null;
        var centre = (double[])x0.Clone();
        for (int m = 0; m < basis.Length; m++)
            for (int k = 0; k < d; k++) centre[k] += basis[m][k] * ball.Centre[m];
        return LinearRegions.Thick(ball.Radius, centre) ? (centre, ball.Radius) : null;
    }

    /// <summary>An orthonormal basis of the hyperplane a·x = 0: the last d − 1 columns of the Householder reflection taking a to a multiple of e₁.</summary>
    private static double[][] Complement(double[] a)
    {
        int d = a.Length;
        double norm = Math.Sqrt(a.Sum(v => v * v));
        var v = a.Select(x => x / norm).ToArray();
        v[0] += v[0] >= 0 ? 1 : -1;
        double vv = v.Sum(x => x * x);
        var basis = new double[d - 1][];
        for (int m = 1; m < d; m++)
        {
            // Column m of I − 2vvᵀ/(vᵀv).
            var column = new double[d];
            for (int k = 0; k < d; k++) column[k] = (k == m ? 1 : 0) - 2 * v[k] * v[m] / vv;
            basis[m - 1] = column;
        }
        return basis;
    }

    private static double Dot(double[] x, double[] y)
    {
        double s = 0;
        for (int k = 0; k < x.Length; k++) s += x[k] * y[k];
        return s;
    }
}
