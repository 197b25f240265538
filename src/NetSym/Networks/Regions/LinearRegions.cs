using NetSym.LinearAlgebra;

namespace NetSym.Networks.Regions;

/// <summary>
/// Enumerates the linear regions of piecewise-linear networks — of one, or the common refinement of
/// several on the same inputs — that meet a large box, by walking from region to region across facets.
/// </summary>
/// <remarks>
/// <para>Start at the region of the box's centre. For a region (an activation pattern per network), the
/// constraints that keep every neuron on its piece are affine (<see cref="RegionForms"/>); its Chebyshev
/// centre (a linear program) gives a point deep inside it, and a radius that says it is not empty. For each
/// constraint, a second program finds the largest ball inside the facet it bounds; when the facet is not
/// empty, a step across its centre lands in the neighbouring region, whose pattern is read off by
/// evaluating the networks there. The regions of a continuous piecewise-linear partition are connected
/// through facets, so the walk reaches all of them.</para>
/// <para>Linear programs run in floating point: a region or facet thinner than
/// <see cref="ThinRadius"/> (relative to its distance from the origin) is taken as empty. That is the one
/// tolerance of the enumeration, and results state it.</para>
/// </remarks>
public static class LinearRegions
{
    /// <summary>Half-width of the box the regions must meet: 10^6, beyond the kink sampler's lines (scales up to 10^3).</summary>
    public const double BoxHalfWidth = 1e6;

    /// <summary>Relative inradius below which a region or facet counts as empty.</summary>
    public const double ThinRadius = 1e-9;

    /// <summary>
    /// The regions of the common refinement of <paramref name="networks"/> (all with the same input size and
    /// piecewise-linear activations) that meet <paramref name="box"/> (default [−<see cref="BoxHalfWidth"/>,
    /// <see cref="BoxHalfWidth"/>]^d), clipped to it, up to <paramref name="maxRegions"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No network, input sizes differ, the box does not fit, or an activation is not piecewise linear.</exception>
    public static LinearRegionEnumeration Enumerate(IReadOnlyList<Network> networks, int maxRegions, IProgress<ProgressReport>? progress = null, Box? box = null)
    {
        ArgumentNullException.ThrowIfNull(networks);
        if (networks.Count == 0) throw new ArgumentException("at least one network is needed", nameof(networks));
        int d = networks[0].InputSize;
        foreach (var network in networks)
        {
            if (network.InputSize != d) throw new ArgumentException("the networks take inputs of different sizes");
            foreach (var layer in network.Layers)
                if (layer.Activation.Pieces is null) throw new ArgumentException($"activation {layer.Activation.Name} is not piecewise linear");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRegions, 1);
        box ??= Box.Uniform(d, -BoxHalfWidth, BoxHalfWidth);
        if (box.Dimension != d) throw new ArgumentException($"the box has {box.Dimension} coordinates, the networks take {d} inputs");
        var middle = Enumerable.Range(0, d).Select(k => (box.Lower[k] + box.Upper[k]) / 2).ToArray();

        var regions = new List<LinearRegion>();
        var seen = new HashSet<string>();
        var queue = new Queue<int[][]>();
        int programs = 0;
        var start = PatternsAt(networks, middle) ?? PatternsAt(networks, Nudge(middle, box));
        if (start is null) throw new InvalidOperationException("no point near the box's centre lies inside a region");
        seen.Add(Key(start));
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            if (regions.Count >= maxRegions) return new(regions, false, box, ThinRadius, programs);
            var patterns = queue.Dequeue();
            var forms = patterns.Select((p, i) => RegionForms.Of(networks[i], p)).ToArray();
            var (rows, bounds) = Constraints(forms, box);
            programs++;
            if (LinearProgram.ChebyshevCentre(rows, bounds, Width(box)) is not { } ball || !Thick(ball.Radius, ball.Centre)) continue;
            regions.Add(new LinearRegion(patterns, ball.Centre, ball.Radius, [.. forms.Select(f => f.Output)]));
            progress?.Report(new ProgressReport($"{regions.Count} linear regions, {queue.Count} to visit", regions.Count, regions.Count + queue.Count + 1));
            int facets = rows.Count - 2 * d;
            for (int i = 0; i < facets; i++)
            {
                programs++;
                if (FacetCentre(rows, bounds, i, Width(box)) is not { } facet) continue;
                foreach (var next in Across(networks, rows[i], facet.Centre, facet.Radius))
                    if (seen.Add(Key(next))) queue.Enqueue(next);
            }
        }
        return new(regions, true, box, ThinRadius, programs);
    }

    private static bool Thick(double radius, double[] centre) => radius > ThinRadius * (1 + Math.Sqrt(centre.Sum(c => c * c)));

    // The networks' constraints side by side, then the box (its rows last, so that they are never taken as facets).
    private static (List<double[]> Rows, List<double> Bounds) Constraints(RegionForms[] forms, Box box)
    {
        var rows = forms.SelectMany(f => f.Rows).ToList();
        var bounds = forms.SelectMany(f => f.Bounds).ToList();
        int d = box.Dimension;
        for (int k = 0; k < d; k++)
        {
            var up = new double[d]; up[k] = 1;
            var down = new double[d]; down[k] = -1;
            rows.Add(up); bounds.Add(box.Upper[k]);
            rows.Add(down); bounds.Add(-box.Lower[k]);
        }
        return (rows, bounds);
    }

    // The largest radius worth seeking: the box's widest side (the cap only keeps the programs bounded).
    private static double Width(Box box) => Enumerable.Range(0, box.Dimension).Max(k => box.Upper[k] - box.Lower[k]);

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
                if (slack < -ThinRadius * (1 + Math.Abs(bounds[j]))) return null;
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
        return Thick(ball.Radius, centre) ? (centre, ball.Radius) : null;
    }

    /// <summary>
    /// The patterns just across a facet: a short step from its centre along the outward normal, shortened
    /// until the point is clear of every breakpoint. Empty when no step works (the facet is degenerate).
    /// </summary>
    private static IEnumerable<int[][]> Across(IReadOnlyList<Network> networks, double[] normal, double[] centre, double radius)
    {
        double length = Math.Sqrt(normal.Sum(v => v * v));
        double scale = 1 + Math.Sqrt(centre.Sum(c => c * c));
        for (double step = Math.Min(radius / 2, 1e-6 * scale); step > ThinRadius * scale; step /= 8)
        {
            var x = centre.Select((c, k) => c + step * normal[k] / length).ToArray();
            if (PatternsAt(networks, x) is { } patterns) return [patterns];
        }
        return [];
    }

    private static int[][]? PatternsAt(IReadOnlyList<Network> networks, double[] x)
    {
        var patterns = new int[networks.Count][];
        for (int i = 0; i < networks.Count; i++)
            if ((patterns[i] = RegionForms.PatternAt(networks[i], x)!) is null) return null;
        return patterns;
    }

    // A point off the centre with irrational-looking offsets, for when the centre lies on a breakpoint.
    private static double[] Nudge(double[] middle, Box box) =>
        [.. middle.Select((m, k) => m + 1e-3 * Math.Sqrt(k + 2) * Math.Max(1e-6, box.Upper[k] - box.Lower[k]))];

    private static string Key(int[][] patterns) => string.Join("|", patterns.Select(p => string.Join(",", p)));

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
