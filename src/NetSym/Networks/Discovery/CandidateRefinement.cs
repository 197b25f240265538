namespace NetSym.Networks.Discovery;

/// <summary>
/// Sharpens a candidate inner map (a, b) by Levenberg–Marquardt on the projected residual
/// (<see cref="ProjectedResidual"/>, c and d eliminated), with central-difference derivatives: at an exact
/// symmetry the residual vanishes, so the iteration converges to it to rounding whatever the derivative
/// errors, also where ρ has kinks.
/// </summary>
internal static class CandidateRefinement
{
    private const int MaxIterations = 60;

    /// <summary>The refined (a, b); a keeps its sign.</summary>
    public static (double A, double B) Refine(ProjectedResidual residual, double a, double b)
    {
        int n = residual.Count;
        var r = new double[n];
        var plus = new double[n];
        var minus = new double[n];
        var ja = new double[n];
        var jb = new double[n];
        var trial = new double[n];
        double f = residual.Evaluate(a, b, r);
        if (!double.IsFinite(f)) return (a, b);
        double mu = 1e-3;
        for (int iteration = 0; iteration < MaxIterations && f > 1e-30; iteration++)
        {
            double ha = 1e-7 * Math.Abs(a), hb = 1e-7 * Math.Max(1, Math.Abs(b));
            if (!Difference(residual, a + ha, b, a - ha, b, 2 * ha, plus, minus, ja)
                || !Difference(residual, a, b + hb, a, b - hb, 2 * hb, plus, minus, jb))
                break;
            double saa = 0, sab = 0, sbb = 0, ga = 0, gb = 0;
            for (int i = 0; i < n; i++)
            {
                saa += ja[i] * ja[i];
                sab += ja[i] * jb[i];
                sbb += jb[i] * jb[i];
                ga += ja[i] * r[i];
                gb += jb[i] * r[i];
            }
            bool improved = false;
            while (mu < 1e12)
            {
                double daa = saa * (1 + mu) + 1e-300, dbb = sbb * (1 + mu) + 1e-300, det = daa * dbb - sab * sab;
                double da = -(dbb * ga - sab * gb) / det, db = -(daa * gb - sab * ga) / det;
                double na = a + da, nb = b + db;
                if (!double.IsFinite(na) || !double.IsFinite(nb) || Math.Sign(na) != Math.Sign(a))
                {
                    mu *= 10;
                    continue;
                }
                double g = residual.Evaluate(na, nb, trial);
                if (g < f)
                {
                    bool tiny = Math.Abs(da) <= 1e-16 * Math.Abs(a) && Math.Abs(db) <= 1e-16 * Math.Max(1, Math.Abs(b));
                    // At a symmetry f falls by orders of magnitude per step; a crawl means a misfit that stays.
                    bool stalled = g > f * (1 - 1e-4);
                    (a, b, f) = (na, nb, g);
                    trial.CopyTo(r, 0);
                    mu = Math.Max(mu / 10, 1e-12);
                    improved = !tiny && !stalled;
                    break;
                }
                mu *= 10;
            }
            if (!improved) break;
        }
        return (a, b);
    }

    // Central difference of the residual vector into derivative; false when either side is not finite.
    private static bool Difference(ProjectedResidual residual, double a1, double b1, double a2, double b2, double width, double[] plus, double[] minus, double[] derivative)
    {
        if (!double.IsFinite(residual.Evaluate(a1, b1, plus)) || !double.IsFinite(residual.Evaluate(a2, b2, minus))) return false;
        for (int i = 0; i < derivative.Length; i++) derivative[i] = (plus[i] - minus[i]) / width;
        return true;
    }
}
