namespace NetSym.Networks.Regions;

/// <summary>
/// Region cells for two inputs: the region is a convex polygon, the box clipped by each constraint
/// half-plane a·x ≤ b in turn (Sutherland–Hodgman), O(constraints × vertices). Every edge remembers the
/// constraint whose line carries it; an edge of positive length is a facet, crossed at its middle by a step
/// short enough to stop before the next constraint line (<see cref="FacetCrossing.Through"/>).
/// </summary>
/// <remarks>
/// <para>The clipping runs in doubles. A vertex v with |a·v − b| ≤ <see cref="LinearRegions.ClippingTolerance"/>·(|b| + Σ|a_k v_k|)
/// counts as on the line: that is a few hundred roundings of the terms, so the polygon is the exact cell up
/// to rounding, and near-coincident lines (a neuron and its rescaled copy) add no sliver vertices.</para>
/// <para>The interior ball is centred at the polygon's centroid, with radius its distance to the nearest
/// constraint line or box side. That ball is not always the largest inscribed one (the linear-program path's),
/// but at least 2/3 of it: the centroid lies at least a third of the width from every supporting line, and
/// the inradius is at most half the width. Emptiness uses <see cref="LinearRegions.ThinRadius"/> on that
/// radius, as the linear-program path does on its own; the two agree except on regions within a factor
/// 1.5 of the threshold. A facet is kept when its half-length passes the same test.</para>
/// </remarks>
internal sealed class PolygonCells(Box box) : IRegionCells
{
    // Vertices counter-clockwise; edge k runs from vertex k to vertex k + 1 and lies on constraint Labels[k]'s line (−1: a side of the box).
    private List<(double X, double Y)> _vertices = [];
    private List<int> _labels = [];
    private List<(double X, double Y)> _nextVertices = [];
    private List<int> _nextLabels = [];
    private readonly List<double> _sides = [];

    /// <inheritdoc/>
    public int LinearPrograms => 0;

    /// <inheritdoc/>
    public RegionCell? Cell(List<double[]> rows, List<double> bounds)
    {
        _vertices.Clear();
        _labels.Clear();
        double x0 = box.Lower[0], x1 = box.Upper[0], y0 = box.Lower[1], y1 = box.Upper[1];
        _vertices.AddRange([(x0, y0), (x1, y0), (x1, y1), (x0, y1)]);
        _labels.AddRange([-1, -1, -1, -1]);
        for (int i = 0; i < rows.Count; i++)
            if (!Clip(rows[i], bounds[i], i)) return null;
        if (Centroid() is not { } centre) return null;
        double radius = Math.Min(Math.Min(centre[0] - x0, x1 - centre[0]), Math.Min(centre[1] - y0, y1 - centre[1]));
        for (int i = 0; i < rows.Count; i++)
        {
            var a = rows[i];
            radius = Math.Min(radius, (bounds[i] - a[0] * centre[0] - a[1] * centre[1]) / Math.Sqrt(a[0] * a[0] + a[1] * a[1]));
        }
        if (!(radius > 0) || !LinearRegions.Thick(radius, centre)) return null;
        var facets = new List<FacetCrossing>();
        for (int k = 0; k < _vertices.Count; k++)
        {
            if (_labels[k] < 0) continue;
            var (p, q) = (_vertices[k], _vertices[(k + 1) % _vertices.Count]);
            double half = Math.Sqrt((q.X - p.X) * (q.X - p.X) + (q.Y - p.Y) * (q.Y - p.Y)) / 2;
            double[] middle = [(p.X + q.X) / 2, (p.Y + q.Y) / 2];
            if (LinearRegions.Thick(half, middle)) facets.Add(FacetCrossing.Through(rows, bounds, _labels[k], middle, half));
        }
        return new RegionCell(centre, radius, facets);
    }

    /// <summary>Cuts the polygon by a·x ≤ b (constraint <paramref name="label"/>); false when nothing of positive area is left.</summary>
    private bool Clip(double[] a, double b, int label)
    {
        int n = _vertices.Count;
        _sides.Clear();
        bool anyOut = false, anyIn = false;
        foreach (var (x, y) in _vertices)
        {
            double s = a[0] * x + a[1] * y - b;
            double tolerance = LinearRegions.ClippingTolerance * (Math.Abs(b) + Math.Abs(a[0] * x) + Math.Abs(a[1] * y));
            // −1 inside, 0 on the line, +1 outside.
            int side = s > tolerance ? 1 : s < -tolerance ? -1 : 0;
            anyOut |= side > 0;
            anyIn |= side < 0;
            _sides.Add(side == 0 ? 0 : s);
        }
        if (!anyOut) return true;
        if (!anyIn) return false;
        _nextVertices.Clear();
        _nextLabels.Clear();
        for (int k = 0; k < n; k++)
        {
            var (p, q) = (_vertices[k], _vertices[(k + 1) % n]);
            double sp = _sides[k], sq = _sides[(k + 1) % n];
            if (sp <= 0 && sq <= 0) Emit(p, _labels[k]);
            else if (sp < 0) { Emit(p, _labels[k]); Emit(Cross(p, q, sp, sq), label); }
            else if (sp == 0) Emit(p, label);
            else if (sq < 0) Emit(Cross(p, q, sp, sq), _labels[k]);
            // Outside to on or outside: q is emitted with the next edge, if at all.
        }
        (_vertices, _nextVertices) = (_nextVertices, _vertices);
        (_labels, _nextLabels) = (_nextLabels, _labels);
        return _vertices.Count >= 3;
    }

    private void Emit((double X, double Y) vertex, int label)
    {
        _nextVertices.Add(vertex);
        _nextLabels.Add(label);
    }

    // Where the edge p→q meets the line, its ends strictly on opposite sides (s values of opposite signs).
    private static (double X, double Y) Cross((double X, double Y) p, (double X, double Y) q, double sp, double sq)
    {
        double t = sp / (sp - sq);
        return (p.X + t * (q.X - p.X), p.Y + t * (q.Y - p.Y));
    }

    // The polygon's centroid, taken relative to its first vertex so that small cells far from 0 keep their digits; null when its area is not positive.
    private double[]? Centroid()
    {
        var origin = _vertices[0];
        double twiceArea = 0, cx = 0, cy = 0;
        for (int k = 1; k + 1 < _vertices.Count; k++)
        {
            double px = _vertices[k].X - origin.X, py = _vertices[k].Y - origin.Y;
            double qx = _vertices[k + 1].X - origin.X, qy = _vertices[k + 1].Y - origin.Y;
            double cross = px * qy - qx * py;
            twiceArea += cross;
            cx += (px + qx) * cross;
            cy += (py + qy) * cross;
        }
        if (!(twiceArea > 0)) return null;
        return [origin.X + cx / (3 * twiceArea), origin.Y + cy / (3 * twiceArea)];
    }
}
