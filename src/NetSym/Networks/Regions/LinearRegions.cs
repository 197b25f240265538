using NetSym.LinearAlgebra;

namespace NetSym.Networks.Regions;

/// <summary>
/// Enumerates the linear regions of piecewise-linear networks — of one, or the common refinement of
/// several on the same inputs — that meet a large box, by walking from region to region across facets.
/// </summary>
/// <remarks>
/// <para>Start at the region of the box's centre. For a region (an activation pattern per network), the
/// constraints that keep every neuron on its piece are affine (<see cref="RegionForms"/>); its cell — a ball
/// inside it, which says it is not empty, and its facets — comes from the <see cref="RegionCellMethod"/>:
/// clipping the box by each constraint (the exact interval or polygon) for one or two inputs, linear
/// programs otherwise (a Chebyshev centre per region, a largest ball inside each candidate facet). A step
/// across the middle of each facet lands in the neighbouring region, whose pattern is read off by
/// evaluating the networks there (certified: <see cref="ActivationPattern.Certify"/>). The regions of a
/// continuous piecewise-linear partition are connected through facets, so the walk reaches all of them.</para>
/// <para>Cells are computed in floating point: a region or facet thinner than <see cref="ThinRadius"/>
/// (relative to its distance from the origin) is taken as empty. That is the one tolerance of the
/// enumeration, and results state it.</para>
/// </remarks>
public static class LinearRegions
{
    /// <summary>Half-width of the box the regions must meet: 10^6, beyond the kink sampler's lines (scales up to 10^3).</summary>
    public const double BoxHalfWidth = 1e6;

    /// <summary>Relative inradius below which a region or facet counts as empty.</summary>
    public const double ThinRadius = 1e-9;

    /// <summary>
    /// With <see cref="RegionCellMethod.Clipping"/>, a vertex v within ClippingTolerance·(|b| + Σ|a_k v_k|) of
    /// a constraint line a·x = b counts as on it: a few hundred roundings of the terms, far below <see cref="ThinRadius"/>.
    /// </summary>
    public const double ClippingTolerance = 1e-12;

    /// <summary>The largest input dimension whose regions are found by <see cref="RegionCellMethod.Clipping"/> unless told otherwise.</summary>
    public const int ClippingDimension = 2;

    /// <summary>
    /// The regions of the common refinement of <paramref name="networks"/> (all with the same input size and
    /// piecewise-linear activations) that meet <paramref name="box"/> (default [−<see cref="BoxHalfWidth"/>,
    /// <see cref="BoxHalfWidth"/>]^d), clipped to it, up to <paramref name="maxRegions"/>. The cells are found
    /// by <paramref name="method"/>, by default clipping for d ≤ <see cref="ClippingDimension"/> and linear programs above.
    /// </summary>
    /// <exception cref="ArgumentException">No network, input sizes differ, the box does not fit, an activation is not piecewise linear, or clipping is asked for in more than two dimensions.</exception>
    public static LinearRegionEnumeration Enumerate(IReadOnlyList<Network> networks, int maxRegions, LinearAlgebraBackend backend,
        IProgress<ProgressReport>? progress = null, Box? box = null, RegionCellMethod? method = null)
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
        var how = method ?? (d <= ClippingDimension ? RegionCellMethod.Clipping : RegionCellMethod.LinearPrograms);
        IRegionCells cells = (how, d) switch
        {
            (RegionCellMethod.LinearPrograms, _) => new ChebyshevCells(box),
            (RegionCellMethod.Clipping, 1) => new IntervalCells(box),
            (RegionCellMethod.Clipping, 2) => new PolygonCells(box),
            _ => throw new ArgumentException($"region cells by clipping need one or two inputs, the networks take {d}", nameof(method)),
        };
        var middle = Enumerable.Range(0, d).Select(k => (box.Lower[k] + box.Upper[k]) / 2).ToArray();

        var regions = new List<LinearRegion>();
        var seen = new HashSet<string>();
        var queue = new Queue<int[][]>();
        var start = PatternsAt(networks, [middle, Nudge(middle, box)], backend).FirstOrDefault(p => p is not null);
        if (start is null) throw new InvalidOperationException("no point near the box's centre lies inside a region");
        seen.Add(Key(start));
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            if (regions.Count >= maxRegions) return new(regions, false, box, ThinRadius, cells.LinearPrograms, how);
            var patterns = queue.Dequeue();
            var forms = patterns.Select((p, i) => RegionForms.Of(networks[i], p)).ToArray();
            if (cells.Cell([.. forms.SelectMany(f => f.Rows)], [.. forms.SelectMany(f => f.Bounds)]) is not { } cell) continue;
            regions.Add(new LinearRegion(patterns, cell.Centre, cell.Radius, [.. forms.Select(f => f.Output)]));
            progress?.Report(new ProgressReport($"{regions.Count} linear regions, {queue.Count} to visit", regions.Count, regions.Count + queue.Count + 1));
            foreach (var next in Across(networks, cell.Facets, backend))
                if (seen.Add(Key(next))) queue.Enqueue(next);
        }
        return new(regions, true, box, ThinRadius, cells.LinearPrograms, how);
    }

    /// <summary>Whether a ball of <paramref name="radius"/> at <paramref name="centre"/> is thick enough to count: radius &gt; <see cref="ThinRadius"/>·(1 + |centre|).</summary>
    internal static bool Thick(double radius, double[] centre) => radius > ThinRadius * Scale(centre);

    /// <summary>
    /// The patterns just across each facet: a short step from its centre along the outward normal (half the
    /// crossing's radius, at most 10⁻⁶ relative), shortened eightfold while the point lies exactly on a
    /// breakpoint, down to the thinnest step that counts. A facet where no step works is degenerate and leads nowhere.
    /// </summary>
    private static IEnumerable<int[][]> Across(IReadOnlyList<Network> networks, IReadOnlyList<FacetCrossing> crossings,
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

    // One character per neuron (piece indices are small): a compact key, as the walk may hold 10^5 of them.
    private static string Key(int[][] patterns) => string.Join("|", patterns.Select(p => new string([.. p.Select(piece => (char)('0' + piece))])));
}
