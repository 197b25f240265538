namespace NetSym.Extraction;

/// <summary>
/// Finds the kinks of a scalar piecewise-linear g = u·f along a line (research note §2, CJM's sweep
/// with the two-line test): every interval knows, at each end, g and the line of g there. When both
/// slopes equal the chord, the interval is affine. Otherwise the two end lines meet at t*; the lines
/// of g just left and just right of t* are measured (two queries each, a step away from t*); if they
/// are the end lines, the interval has a single kink, where the local lines meet. Else the interval
/// is cut into three at t* (or at its midpoint when t* falls outside): left part, the short gap
/// between the probes, right part, each searched the same way.
/// </summary>
/// <remarks>
/// Slopes are measured over a short step δ (a millionth of the interval, at least 1e−8 of the line)
/// and away from t*, so that the rounding of t* does not spoil them. g(t*) lying on both end lines
/// is not enough: that also holds when t* falls inside an end piece, or beyond a narrow pair of kinks
/// whose outer lines meet there; the local slopes tell these apart. Tolerances are relative: the
/// rounding noise of g is taken as 64·ε times the line's magnitude G (the largest |g| and
/// |slope|·length seen), and a slope over δ carries 4·noise/δ. Kinks that cancel exactly in slope and
/// value, or two kinks closer together than the resolution, are missed; the line reports the latter
/// as unresolved.
/// </remarks>
internal sealed class LineSweeper(CountingOracle oracle, Scalarizer scalarizer, QueryLabel label)
{
    /// <summary>Slope step as a fraction of the interval.</summary>
    private const double StepFraction = 1e-6;

    /// <summary>The smallest slope step, as a fraction of the line's length.</summary>
    private const double SmallestStep = 1e-8;

    /// <summary>The shortest interval probed inside, in slope steps at the finest scale.</summary>
    private const double ResolutionSteps = 8;

    /// <summary>
    /// The smallest slope change taken for a kink, relative to the largest slope on the line: a smooth
    /// function looks piecewise linear on short enough intervals, with slope changes that shrink with them.
    /// </summary>
    private const double SmallestJump = 1e-5;

    /// <summary>The rounding noise of g relative to its magnitude.</summary>
    private const double NoiseRelative = 64 * LinearAlgebra.FloatingPoint.MachineEpsilon;

    /// <summary>Intervals searched per kink found (plus a base) before a line counts as not piecewise linear.</summary>
    private const int IntervalsPerKink = 24, BaseIntervals = 64;

    /// <summary>One end of an interval: its parameter, g there, and the slope of g there, measured over <c>Step</c> on the side away from the probe that split the interval (at the line's ends: inside).</summary>
    private readonly record struct End(double T, double G, double Slope, double Step);

    /// <summary>The kinks of g on <paramref name="line"/> for t ∈ [−<paramref name="halfLength"/>, <paramref name="halfLength"/>].</summary>
    public SweptLine Sweep(SearchLine line, double halfLength)
    {
        double start = -halfLength, end = halfLength, length = end - start;
        double smallest = SmallestStep * length, resolution = ResolutionSteps * smallest;
        double step = Step(length, smallest);
        var g = Evaluate(line, start, start + step, end - step, end);
        var first = new End(start, g[0], (g[1] - g[0]) / step, step);
        var last = new End(end, g[3], (g[3] - g[2]) / step, step);
        double magnitude = 0;
        void Observe(double value, double slope) => magnitude = Math.Max(magnitude, Math.Max(Math.Abs(value), Math.Abs(slope) * length));
        Observe(first.G, first.Slope);
        Observe(last.G, last.Slope);

        var kinks = new List<double>();
        int unresolved = 0, intervals = 0, verified = 0;
        var pending = new Stack<(End A, End B)>();
        pending.Push((first, last));
        while (pending.Count > 0)
        {
            // Only kinks verified by probes earn more intervals: a smooth function meets every short-interval test.
            if (++intervals > BaseIntervals + IntervalsPerKink * verified)
                return new SweptLine(line, start, end, [.. kinks.Order()], unresolved, true);
            var (a, b) = pending.Pop();
            double span = b.T - a.T, noise = NoiseRelative * magnitude;
            double errorA = 4 * noise / a.Step, errorB = 4 * noise / b.Step, chordError = 4 * noise / span;
            double chord = (b.G - a.G) / span;
            if (Math.Abs(a.Slope - chord) <= errorA + chordError && Math.Abs(b.Slope - chord) <= errorB + chordError) continue;

            double h = Step(span, smallest);
            // A slope change near the slopes' own rounding, or below a small fraction of the line's slopes,
            // is curvature, not a kink: a smooth function looks piecewise linear on short enough intervals.
            double least = Math.Max(8 * (errorA + errorB), SmallestJump * magnitude / length);
            double? crossing = Math.Abs(a.Slope - b.Slope) > least ? Intersection(a, b) : null;
            if (span < resolution)
            {
                // Too short to probe inside: one kink between two trusted end lines is where they meet.
                if (crossing is double inside && inside > a.T && inside < b.T) kinks.Add(inside);
                else unresolved++;
                continue;
            }
            double split = crossing is double t && t - 2 * h > a.T && t + 2 * h < b.T ? t : (a.T + b.T) / 2;
            // The lines of g just left and just right of the split, each measured away from it, so that a
            // kink a little off the split (the intersection's rounding) spoils neither.
            var g4 = Evaluate(line, split - 2 * h, split - h, split + h, split + 2 * h);
            var left = new End(split - h, g4[1], (g4[1] - g4[0]) / h, h);
            var right = new End(split + h, g4[2], (g4[3] - g4[2]) / h, h);
            Observe(left.G, left.Slope);
            Observe(right.G, right.Slope);
            double error = 4 * noise / h, valueTolerance = 4 * noise + 2 * (errorA + errorB) * span;
            // A single kink: the local lines are the end lines (g(t*) on both end lines is not enough,
            // see the remarks), and it lies where they meet.
            if (crossing is not null && Math.Abs(left.Slope - a.Slope) <= error + errorA && Math.Abs(right.Slope - b.Slope) <= error + errorB
                && Math.Abs(left.G - (a.G + a.Slope * (left.T - a.T))) <= valueTolerance
                && Math.Abs(right.G - (b.G + b.Slope * (right.T - b.T))) <= valueTolerance
                && Intersection(left, right) is double kink && kink > left.T && kink < right.T)
            {
                kinks.Add(kink);
                verified++;
                continue;
            }
            pending.Push((right, b));
            pending.Push((left, right));
            pending.Push((a, left));
        }
        return new SweptLine(line, start, end, [.. kinks.Order()], unresolved, false);
    }

    /// <summary>Where the lines of g at <paramref name="a"/> and <paramref name="b"/> meet; null for parallel lines.</summary>
    private static double? Intersection(End a, End b)
    {
        double t = a.T + (b.G - a.G - b.Slope * (b.T - a.T)) / (a.Slope - b.Slope);
        return double.IsFinite(t) ? t : null;
    }

    /// <summary>The slope step for an interval of <paramref name="span"/>: a millionth of it, at least <paramref name="smallest"/>.</summary>
    private static double Step(double span, double smallest) => Math.Max(StepFraction * span, smallest);

    private double[] Evaluate(SearchLine line, params ReadOnlySpan<double> ts) => scalarizer.Apply(oracle.Query(label, line.Points(ts)));
}
