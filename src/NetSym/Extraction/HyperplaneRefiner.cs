using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Extraction;

/// <summary>
/// Precision refinement of one unit's hyperplane (research note §8, rebuilt): points on the estimated
/// hyperplane spread around its nearest point to the origin; through each, a short segment along the
/// normal that, by the estimates of all the other hyperplanes, crosses this one only; there g is
/// exactly two affine pieces, so two queries per side give both lines and their intersection is the
/// kink to rounding, no bisection needed. The hyperplane through the d + extra kinks is then fitted
/// with a unit normal (no b = −1 normalisation, which fails at b ≈ 0).
/// </summary>
/// <param name="oracle">The oracle.</param>
/// <param name="label">The label of its queries.</param>
/// <param name="scale">The input scale: spread of the points and longest half-segment.</param>
/// <param name="extraPoints">Points beyond the d that fix a hyperplane.</param>
internal sealed class HyperplaneRefiner(CountingOracle oracle, QueryLabel label, double scale, int extraPoints)
{
    /// <summary>The shortest half-segment, relative to the scale, before a point is drawn again.</summary>
    private const double ShortestSegment = 1e-6;

    /// <summary>Draws per wanted point before giving up on a crowded hyperplane.</summary>
    private const int DrawsPerPoint = 20;

    /// <summary>
    /// Hyperplane <paramref name="index"/> of <paramref name="planes"/> re-located, the kinks read
    /// through g = <paramref name="scalarizer"/>·f (best: the unit's own output direction); null when
    /// too few clean segments could be found.
    /// </summary>
    public Hyperplane? Refine(IReadOnlyList<Hyperplane> planes, int index, Scalarizer scalarizer, RandomStream random)
    {
        var plane = planes[index];
        int d = plane.Normal.Length, wanted = d + extraPoints;
        var kinks = new List<double[]>();
        for (int draw = 0; draw < DrawsPerPoint * wanted && kinks.Count < wanted; draw++)
        {
            // A Gaussian point projected onto the estimated hyperplane.
            var point = new double[d];
            for (int i = 0; i < d; i++) point[i] = scale * random.NextNormal();
            double value = plane.Value(point);
            for (int i = 0; i < d; i++) point[i] -= value * plane.Normal[i];
            var line = new SearchLine(point, plane.Normal);
            double half = scale;
            for (int other = 0; other < planes.Count; other++)
                if (other != index) half = Math.Min(half, 0.45 * Math.Abs(line.Crossing(planes[other].Normal, planes[other].Bias)));
            if (!(half >= ShortestSegment * scale)) continue;

            var g = scalarizer.Apply(oracle.Query(label, line.Points(-half, -half / 2, half / 2, half)));
            double left = (g[1] - g[0]) / (half / 2), right = (g[3] - g[2]) / (half / 2);
            if (left == right) continue;
            // g[1] + left·(t + h/2) = g[2] + right·(t − h/2).
            double t = (g[2] - g[1] - (left + right) * half / 2) / (left - right);
            if (Math.Abs(t) >= half / 2) continue;
            kinks.Add(line.At(t));
        }
        return kinks.Count < d ? null : Fit(kinks, plane);
    }

    /// <summary>
    /// The hyperplane through <paramref name="points"/> in the least-squares sense: w = n₀ + Q·β with
    /// Q an orthonormal basis of n₀'s complement, β from min ‖(X − x̄)·(n₀ + Q·β)‖, then normalised;
    /// b = −w·x̄. Keeps the orientation of <paramref name="estimate"/>.
    /// </summary>
    private static Hyperplane Fit(List<double[]> points, Hyperplane estimate)
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
        var beta = d > 1 ? LeastSquares.Solve(a, b).Solution : new Matrix(0, 1);
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
