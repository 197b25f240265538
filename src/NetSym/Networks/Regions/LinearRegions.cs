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
/// evaluating the networks there (certified: <see cref="ActivationPattern.Certify"/>). The regions of a continuous piecewise-linear partition are connected
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
    public static LinearRegionEnumeration Enumerate(IReadOnlyList<Network> networks, int maxRegions, LinearAlgebraBackend backend,
        IProgress<ProgressReport>? progress = null, Box? box = null)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(backend);
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
        var start = PatternsAt(networks, [middle, Nudge(middle, box)], backend).FirstOrDefault(p => p is not null);
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
            var crossings = new List<(double[] Normal, double[] Centre, double Radius)>();
            for (int i = 0; i < facets; i++)
            {
                programs++;
                if (FacetCentre(rows, bounds, i, Width(box)) is { } facet) crossings.Add((rows[i], facet.Centre, facet.Radius));
            }
            foreach (var next in Across(networks, crossings, backend))
                if (seen.Add(Key(next))) queue.Enqueue(next);
        }
        return new(regions, true, box, ThinRadius, programs);
    }

    private static bool Thick(double radius, double[] centre) => radius > ThinRadius * Scale(centre);

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
    /// The patterns just across each facet: a short step from its centre along the outward normal,
    /// shortened eightfold while the point lies exactly on a breakpoint, down to the thinnest step that
    /// counts. A facet where no step works is degenerate and leads nowhere.
    /// </summary>
    private static IEnumerable<int[][]> Across(IReadOnlyList<Network> networks, List<(double[] Normal, double[] Centre, double Radius)> crossings,
        LinearAlgebraBackend backend)
    {
        var steps = crossings.Select(c => Math.Min(c.Radius / 2, 1e-6 * Scale(c.Centre))).ToArray();
        var pending = Enumerable.Range(0, crossings.Count).ToList();
        while (pending.Count > 0)
        {
            var points = pending.Select(i =>
            {
                var (normal, centre, _) = crossings[i];
                double length = Math.Sqrt(normal.Sum(v => v * v));
                return centre.Select((c, k) => c + steps[i] * normal[k] / length).ToArray();
            }).ToList();
            var patterns = PatternsAt(networks, points, backend);
            var retry = new List<int>();
            for (int p = 0; p < pending.Count; p++)
            {
                int i = pending[p];
                if (patterns[p] is { } found) yield return found;
                else if ((steps[i] /= 8) > ThinRadius * Scale(crossings[i].Centre)) retry.Add(i);
            }
            pending = retry;
        }
    }

    private static double Scale(double[] x) => 1 + Math.Sqrt(x.Sum(c => c * c));

    /// <summary>
    /// Every network's certified activation pattern at each point (<see cref="ActivationPattern.Certify"/>:
    /// floating point where its error bound decides, exact arithmetic otherwise), or null for a point on a breakpoint.
    /// </summary>
    private static int[][]?[] PatternsAt(IReadOnlyList<Network> networks, IReadOnlyList<double[]> points, LinearAlgebraBackend backend)
    {
        int d = networks[0].InputSize;
        var x = new Matrix(points.Count, d, [.. points.SelectMany(p => p)]);
        var result = new int[][]?[points.Count];
        for (int p = 0; p < points.Count; p++) result[p] = new int[networks.Count][];
        for (int n = 0; n < networks.Count; n++)
        {
            var certified = ActivationPattern.Certify(networks[n], x, backend);
            var onKink = certified.SamplesOnKinks.ToHashSet();
            for (int p = 0; p < points.Count; p++)
            {
                if (result[p] is null) continue;
                if (onKink.Contains(p)) { result[p] = null; continue; }
                result[p]![n] = [.. Enumerable.Range(0, certified.LayerWidths.Count)
                    .SelectMany(l => Enumerable.Range(0, certified.LayerWidths[l]).Select(j => certified.Piece(p, l, j)))];
            }
        }
        return result;
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
