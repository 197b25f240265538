using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Extraction;

/// <summary>
/// Verification and precision refinement of one unit's surface, the set where its pre-activation
/// z = θ·φ(x) + β vanishes (a hyperplane for layer 1, bent at every known boundary deeper; research
/// note §8, generalised): Gaussian points are moved onto the estimated surface along its local normal
/// (inside their activation region of the prefix, so that the move is exact), and through each a short
/// segment along the normal that, by the prefix and the other units of the layer, crosses this surface
/// only; there <see cref="KinkProbe"/> finds the kink to rounding. A kink where predicted confirms the
/// estimate; the features φ of the kinks then fix θ as the hyperplane through them in feature space.
/// </summary>
/// <remarks>
/// An estimate that is only a local piece of the surface (a deeper unit's kink taken for a layer-1
/// hyperplane, a trace that went astray) is confirmed only in its own region, so most segments show the
/// kink elsewhere or none: the unit is kept only if at least <see cref="LeastAgreement"/> of the probed
/// segments with at most one kink agree, out of at least <see cref="ProbesPerPoint"/> per point wanted. A segment can show no kink where the unit is invisible (every path from it to the
/// output dead), which a true unit rarely is. Two passes: a loose one from the estimate, a strict one
/// from its refit.
/// </remarks>
/// <param name="probe">The probe of every segment.</param>
/// <param name="scale">The input scale: spread of the points and longest half-segment.</param>
/// <param name="extraPoints">Points beyond the feature size that fix a surface.</param>
internal sealed class SurfaceRefiner(KinkProbe probe, double scale, int extraPoints)
{
    /// <summary>The shortest half-segment, relative to the scale, before a point is drawn again.</summary>
    private const double ShortestSegment = 1e-6;

    /// <summary>The longest half-segment, relative to the scale: short segments meet fewer unknown kinks.</summary>
    private const double LongestSegment = 0.25;

    /// <summary>Draws per wanted point before giving up.</summary>
    private const int DrawsPerPoint = 20;

    /// <summary>Where a kink must lie, as a fraction of the half-segment, in the loose and the strict pass.</summary>
    private const double LooseTolerance = 1e-3, StrictTolerance = 1e-6;

    /// <summary>
    /// The least fraction of probed segments whose kink lies where predicted for a surface to be checked
    /// at all. A unit feeding a narrow next layer is invisible on much of its surface near the origin, so
    /// this is low; the caller weighs the agreement (<see cref="SurfaceCheck"/>).
    /// </summary>
    private const double LeastAgreement = 0.2;

    /// <summary>The largest rounding error of a kink, relative to the half-segment, for it to enter the fit.</summary>
    private const double PreciseKink = 1e-10;

    /// <summary>Probed segments per wanted point at least, so that the agreement is measured on enough of them.</summary>
    private const int ProbesPerPoint = 2;

    /// <summary>
    /// <paramref name="unit"/> (over the features of <paramref name="prefix"/>) checked and re-fitted to
    /// rounding, keeping its orientation; the fit is null when its surface is not where it predicts, or
    /// too few clean segments could be found. <paramref name="others"/>: the other units of its layer
    /// (not this one), kept off the segments.
    /// </summary>
    public SurfaceCheck Refine(NetworkPrefix prefix, IReadOnlyList<Hyperplane> others, Hyperplane unit, RandomStream random)
    {
        var loose = Pass(prefix, others, unit, random, LooseTolerance);
        if (loose.Refined is null) return loose;
        var strict = Pass(prefix, others, loose.Refined, random, StrictTolerance);
        return strict with { Agreement = Math.Min(loose.Agreement, strict.Agreement), Kinks = [.. loose.Kinks, .. strict.Kinks] };
    }

    private SurfaceCheck Pass(NetworkPrefix prefix, IReadOnlyList<Hyperplane> others, Hyperplane unit, RandomStream random, double tolerance)
    {
        int d = prefix.InputSize, wanted = prefix.FeatureSize + extraPoints, probed = 0, agreed = 0;
        var points = new List<double[]>();
        var kinks = new List<double[]>();
        for (int draw = 0; draw < DrawsPerPoint * wanted && (points.Count < wanted || probed < ProbesPerPoint * wanted); draw++)
        {
            var start = new double[d];
            for (int i = 0; i < d; i++) start[i] = scale * random.NextNormal();
            var at = prefix.At(start);
            var (value, gradient) = at.Unit(unit);
            if (NetworkPrefix.OntoSurface(at, value, gradient) is not { } surface) continue;
            var (point, direction) = surface;
            var backward = direction.Select(g => -g).ToArray();
            var there = prefix.At(point);
            double half = Math.Min(LongestSegment * scale, 0.45 * Math.Min(there.Exit(direction), there.Exit(backward)));
            foreach (var other in others)
            {
                var (v, g) = there.Unit(other);
                double crossing = -v / PrefixPoint.Dot(g, direction);
                if (double.IsFinite(crossing)) half = Math.Min(half, 0.45 * Math.Abs(crossing));
            }
            if (!(half >= ShortestSegment * scale)) continue;
            double kink = probe.Locate(new SearchLine(point, direction), half, out double error);
            // A segment with more than one kink (an unknown surface nearby) says nothing either way.
            if (double.IsPositiveInfinity(kink)) continue;
            probed++;
            if (!(Math.Abs(kink) <= Math.Max(tolerance * half, 4 * error))) continue;
            agreed++;
            // A small slope change locates its kink coarsely: it confirms the surface but does not fix it.
            if (!(error <= PreciseKink * half)) continue;
            for (int i = 0; i < d; i++) point[i] += kink * direction[i];
            points.Add(prefix.At(point).Features);
            kinks.Add(point);
        }
        double agreement = probed > 0 ? (double)agreed / probed : 0;
        return new SurfaceCheck(points.Count < wanted || agreement < LeastAgreement ? null : Fit(points, unit), agreement, kinks);
    }

    /// <summary>
    /// The hyperplane through <paramref name="points"/> in the least-squares sense: w = n₀ + Q·β with
    /// Q an orthonormal basis of n₀'s complement, β from min ‖(X − x̄)·(n₀ + Q·β)‖, then normalised;
    /// b = −w·x̄. Keeps the orientation of <paramref name="estimate"/>.
    /// </summary>
    private static Hyperplane? Fit(List<double[]> points, Hyperplane estimate)
    {
        int d = estimate.Normal.Length, count = points.Count;
        var mean = new double[d];
        foreach (var p in points) for (int i = 0; i < d; i++) mean[i] += p[i] / count;
        var basis = Complement(estimate.Normal);
        var a = new Matrix(count, d - 1);
        var b = new Matrix(count, 1);
        for (int r = 0; r < count; r++)
        {
            double along = 0;
            for (int i = 0; i < d; i++) along += (points[r][i] - mean[i]) * estimate.Normal[i];
            b[r, 0] = -along;
            for (int c = 0; c < d - 1; c++)
            {
                double sum = 0;
                for (int i = 0; i < d; i++) sum += (points[r][i] - mean[i]) * basis[c][i];
                a[r, c] = sum;
            }
        }
        var solution = d > 1 ? LeastSquares.Solve(a, b) : null;
        // Points that do not span the surface (all in a few regions) leave it undetermined.
        if (solution is not null && solution.Rank < d - 1) return null;
        var beta = solution?.Solution ?? new Matrix(0, 1);
        var w = (double[])estimate.Normal.Clone();
        for (int c = 0; c < d - 1; c++)
            for (int i = 0; i < d; i++) w[i] += beta[c, 0] * basis[c][i];
        double norm = Math.Sqrt(w.Sum(x => x * x));
        for (int i = 0; i < d; i++) w[i] /= norm;
        double bias = 0;
        for (int i = 0; i < d; i++) bias -= w[i] * mean[i];
        return new Hyperplane(w, bias);
    }

    /// <summary>
    /// d − 1 orthonormal vectors orthogonal to the unit vector <paramref name="n"/>: columns 2…d of the
    /// Householder reflection that maps n to ±e_k, k its largest entry.
    /// </summary>
    private static double[][] Complement(double[] n)
    {
        int d = n.Length, k = 0;
        for (int i = 1; i < d; i++) if (Math.Abs(n[i]) > Math.Abs(n[k])) k = i;
        var v = (double[])n.Clone();
        v[k] += n[k] >= 0 ? 1 : -1;
        double vv = v.Sum(x => x * x);
        var basis = new double[d - 1][];
        int c = 0;
        for (int j = 0; j < d; j++)
        {
            if (j == k) continue;
            // Column j of H = I − 2·v·vᵀ/(vᵀv).
            var column = new double[d];
            for (int i = 0; i < d; i++) column[i] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv;
            basis[c++] = column;
        }
        return basis;
    }
}
