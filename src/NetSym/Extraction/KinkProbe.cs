namespace NetSym.Extraction;

/// <summary>
/// Locates the one kink expected on a short segment with six queries: g at −h, −h/2, h/2 and h gives
/// the lines of g on both ends, and where two affine pieces meet is where the lines cross, to rounding,
/// without bisection; two more queries just beside the crossing check that g follows each line up to
/// it (with two kinks in the segment it does not).
/// The callers choose h from the known boundaries so that one kink is expected, and check the answer
/// against their prediction.
/// </summary>
internal sealed class KinkProbe(CountingOracle oracle, Scalarizer scalarizer, QueryLabel label)
{
    /// <summary>A slope change below this fraction of the slopes (or of g's own scale over the segment) counts as none.</summary>
    private const double SmallestJump = 1e-7;

    /// <summary>Largest |g − line| beside the kink, relative to g's magnitude over the segment, for one kink.</summary>
    private const double MeetTolerance = 1e-9;

    /// <summary>Where g is checked beside the kink, as a fraction of the half-segment.</summary>
    private const double Beside = 1e-4;

    /// <summary>The rounding noise of g relative to its magnitude (as in <see cref="LineSweeper"/>).</summary>
    private const double NoiseRelative = 64 * LinearAlgebra.FloatingPoint.MachineEpsilon;

    /// <summary>
    /// What the segment of <paramref name="line"/> for t ∈ [−h, h], h = <paramref name="half"/>, shows:
    /// its single kink's parameter t ∈ (−h/2, h/2); <see cref="double.NaN"/> when it shows no kink (an
    /// invisible unit there); +∞ when it shows something else (the ends' lines meet outside the middle
    /// half, or g does not meet them there: more than one kink). <paramref name="error"/>: how far t may
    /// be off by rounding, which grows as the slope change shrinks.
    /// </summary>
    public double Locate(SearchLine line, double half, out double error)
    {
        error = double.PositiveInfinity;
        var g = scalarizer.Apply(oracle.Query(label, line.Points(-half, -half / 2, half / 2, half)));
        double left = (g[1] - g[0]) / (half / 2), right = (g[3] - g[2]) / (half / 2);
        double magnitude = Math.Max(Math.Max(Math.Abs(left), Math.Abs(right)), g.Max(Math.Abs) / half);
        if (!(Math.Abs(left - right) > SmallestJump * magnitude)) return double.NaN;
        // g[1] + left·(t + h/2) = g[2] + right·(t − h/2).
        double t = (g[2] - g[1] - (left + right) * half / 2) / (left - right);
        if (!(Math.Abs(t) < half / 2)) return double.PositiveInfinity;
        // Just left of the crossing g must lie on the left line and just right of it on the right one: with
        // a second kink nearby the crossing falls beside both, and one side is on neither line.
        double step = Beside * half;
        var near = scalarizer.Apply(oracle.Query(label, line.Points(t - step, t + step)));
        double tolerance = MeetTolerance * magnitude * half;
        if (!(Math.Abs(near[0] - (g[1] + left * (t - step + half / 2))) <= tolerance
            && Math.Abs(near[1] - (g[2] + right * (t + step - half / 2))) <= tolerance)) return double.PositiveInfinity;
        // Each value carries the noise; the lines' crossing moves by about five of them over the slope change.
        error = 5 * NoiseRelative * magnitude * half / Math.Abs(left - right);
        return t;
    }
}
