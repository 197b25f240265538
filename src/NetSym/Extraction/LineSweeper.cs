namespace NetSym.Extraction;

/// <summary>
/// Finds the kinks of a scalar piecewise-linear g = u·f along a line (research note §2, CJM's sweep
/// with the two-line test): an interval whose one-sided end slopes agree with its chord is affine;
/// otherwise the two end lines meet at t*, and if g(t*) lies on both, t* is the single kink of the
/// interval; else the interval is split at t* (or its midpoint) and both halves are searched.
/// </summary>
/// <remarks>
/// Tolerances are relative: the rounding noise of g is taken as 64·ε times the line's magnitude G
/// (the largest |g| and |slope|·length at its ends), and every slope and value test is scaled from
/// it. The slope step is a thousandth of the interval, so that a kink next to a split point
/// contaminates one level only. Two kinks cancelling exactly in both slope and value, or closer than
/// the resolution, are missed; the line reports the latter as unresolved.
/// </remarks>
internal sealed class LineSweeper(CountingOracle oracle, Scalarizer scalarizer, QueryLabel label)
{
    /// <summary>Slope step as a fraction of the interval searched.</summary>
    private const double StepFraction = 1e-3;

    /// <summary>The smallest interval searched, as a fraction of the line's length.</summary>
    private const double Resolution = 1e-8;

    /// <summary>The rounding noise of g relative to its magnitude.</summary>
    private const double NoiseRelative = 64 * LinearAlgebra.FloatingPoint.MachineEpsilon;

    /// <summary>Intervals searched per kink found (plus a base) before a line counts as not piecewise linear.</summary>
    private const int IntervalsPerKink = 24, BaseIntervals = 64;

    /// <summary>The kinks of g on <paramref name="line"/> for t ∈ [−<paramref name="halfLength"/>, <paramref name="halfLength"/>].</summary>
    public SweptLine Sweep(SearchLine line, double halfLength)
    {
        double start = -halfLength, end = halfLength;
        var ends = Evaluate(line, start, end);
        double length = end - start, minimum = Resolution * length;
        var kinks = new List<double>();
        int unresolved = 0, intervals = 0;
        double magnitude = Math.Max(Math.Abs(ends[0]), Math.Abs(ends[1]));
        var pending = new Stack<(double A, double B, double Ga, double Gb)>();
        pending.Push((start, end, ends[0], ends[1]));
        while (pending.Count > 0)
        {
            if (++intervals > BaseIntervals + IntervalsPerKink * kinks.Count)
                return new SweptLine(line, start, end, [.. kinks.Order()], unresolved, true);
            var (a, b, ga, gb) = pending.Pop();
            double span = b - a;
            if (span < minimum)
            {
                unresolved++;
                continue;
            }
            double h = StepFraction * span;
            var inner = Evaluate(line, a + h, b - h);
            double sa = (inner[0] - ga) / h, sb = (gb - inner[1]) / h, chord = (gb - ga) / span;
            magnitude = Math.Max(magnitude, Math.Max(Math.Abs(sa), Math.Abs(sb)) * length);
            double noise = NoiseRelative * magnitude;
            double slopeTolerance = 4 * noise / h;
            if (Math.Abs(sa - chord) <= slopeTolerance && Math.Abs(sb - chord) <= slopeTolerance) continue;

            double split = (a + b) / 2;
            if (Math.Abs(sa - sb) > slopeTolerance)
            {
                double t = a + (gb - ga - sb * span) / (sa - sb);
                if (t >= a + 2 * h && t <= b - 2 * h)
                {
                    var near = Evaluate(line, t - h, t, t + h);
                    double gt = near[1];
                    // The end lines' predictions at t are off by the slope error times the distance. g(t)
                    // on both lines is not enough (t may lie inside an end piece): the slopes on both
                    // sides of t must be the end slopes too.
                    double valueTolerance = 4 * (noise + slopeTolerance * span);
                    if (Math.Abs(gt - (ga + sa * (t - a))) <= valueTolerance && Math.Abs(gt - (gb + sb * (t - b))) <= valueTolerance
                        && Math.Abs((gt - near[0]) / h - sa) <= slopeTolerance && Math.Abs((near[2] - gt) / h - sb) <= slopeTolerance)
                    {
                        kinks.Add(t);
                        continue;
                    }
                    pending.Push((t, b, gt, gb));
                    pending.Push((a, t, ga, gt));
                    continue;
                }
            }
            double gm = Evaluate(line, split)[0];
            pending.Push((split, b, gm, gb));
            pending.Push((a, split, ga, gm));
        }
        return new SweptLine(line, start, end, [.. kinks.Order()], unresolved, false);
    }

    private double[] Evaluate(SearchLine line, params ReadOnlySpan<double> ts) => scalarizer.Apply(oracle.Query(label, line.Points(ts)));
}
