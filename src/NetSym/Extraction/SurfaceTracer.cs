using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Extraction;

/// <summary>
/// A first estimate of a deeper unit from one of its kinks (docs/extraction.md, "Deeper layers"): with
/// the prefix known, the unit's pre-activation is z = θ·φ(x) + β with known features φ, so θ enters
/// linearly. Inside one activation region of the prefix z is affine and its surface z = 0 is the local
/// plane of the kink; walking in that plane (no queries) to a known boundary B and stepping across, the
/// surface continues from the same (d − 2)-flat with normal n + a·∇z_B (continuity): one kink found on a
/// segment parallel to B, confirmed on a second one at half the distance, is the new piece, whose normal
/// (measured from the jumps of three directional derivatives, so that errors do not compound along the
/// walk) takes the scale at which it differs from n by a multiple of ∇z_B. Every piece visited gives
/// J_φᵀ·θ = n (its components in the span of the first layer's normals, <see cref="TraceCoordinates"/>)
/// and φ(y)·θ + β = 0, all at the scale of the first normal, so no per-piece scale is unknown; the walk
/// heads for boundaries whose units have not yet been seen on both sides, until the system has full rank.
/// </summary>
/// <remarks>
/// A kink of a unit deeper than the next layer also bends only at known boundaries along such a walk
/// until it meets an unknown one; the trace then goes astray or, when it does not, its θ predicts the
/// surface only near the walk. <see cref="SurfaceRefiner"/> tells the two apart at fresh points. Where
/// the walk meets a unit of the layer found already, the surface must go on straight (same-layer units
/// do not feed one another): a bend there gives the deeper unit away for 12 to 24 queries, where its
/// failed continuations cost thousands (the deeper kinks' traces were three quarters of the queries of
/// the layer-2 search of 40-20-10-10-1).
/// </remarks>
/// <param name="sweeper">The sweeper of the continuation segments.</param>
/// <param name="probe">The probe that confirms a continuation.</param>
/// <param name="gradients">The Jacobians on both sides of a continuation, for its normal.</param>
/// <param name="jumpNoise">The Frobenius norm below which a Jacobian jump is rounding (<see cref="KinkNormal.FromJump"/>).</param>
/// <param name="scale">The input scale: longest step off a boundary and longest segment.</param>
internal sealed class SurfaceTracer(LineSweeper sweeper, KinkProbe probe, GradientProbe gradients, double jumpNoise, double scale)
{
    /// <summary>The distance off a boundary of the continuation segment, relative to the scale.</summary>
    private const double StepOff = 0.05;

    /// <summary>Where the confirming kink must lie, as a fraction of its half-segment.</summary>
    private const double ConfirmTolerance = 1e-4;

    /// <summary>Largest error of the checked derivative jump of a continuation, as a component of its normal relative to ‖n‖.</summary>
    private const double SpanTolerance = 1e-5;

    /// <summary>Largest relative residual of the system for θ.</summary>
    private const double ResidualTolerance = 1e-5;

    /// <summary>Relative distance of a kink from a known surface for it to count as lying on it.</summary>
    private const double SurfaceTolerance = 1e-6;

    /// <summary>
    /// Failed continuations beyond <see cref="FailureRate"/> per piece visited after which the walk is
    /// taken to be confined: a kink of a deeper unit is traced consistently only inside one cell of the
    /// layer being searched, whose boundaries are not known, so that about half the crossings it tries
    /// find no continuation (a true unit's walk fails at most a few times in a hundred pieces).
    /// </summary>
    private const double FailureSlack = 8, FailureRate = 0.25;

    /// <summary>A walk goes on past its step budget, to twice it, while its failures are at most the pieces visited over this.</summary>
    private const int LongWalkFailures = 8;

    /// <summary>Known units of the layer that a surface must cross straight before the walk stops checking (a deeper unit's bends at nearly every one).</summary>
    private const int KnownChecks = 3;

    /// <summary>The boundaries crossed last that the walk toward a target slides along rather than cross back (a ridge where up to this many meet).</summary>
    private const int Ridge = 3;

    /// <summary>
    /// The unit through the kink at <paramref name="witness"/> with local normal <paramref name="normal"/>,
    /// as a hyperplane over the features of <paramref name="prefix"/> (orientation arbitrary); null when
    /// the walk cannot determine it, or the surface bends where it crosses a unit of
    /// <paramref name="known"/> (the units of its layer found so far, whose kinks are not taken for the
    /// continuation either).
    /// </summary>
    public Hyperplane? Trace(NetworkPrefix prefix, IReadOnlyList<Hyperplane> known, double[] witness, double[] normal, RandomStream random)
    {
        int d = prefix.InputSize;
        var coordinates = new TraceCoordinates(prefix);
        int unknowns = coordinates.Unknowns;
        var system = new TraceSystem();
        var seen = new Dictionary<(int, int), int>();
        var (y, n) = (witness, normal);
        var at = prefix.At(y);
        Visit(coordinates, at, n, system, seen);
        int visits = 1, failures = 0, passes = 0, maxSteps = 3 * unknowns + 10;
        // A solve costs as much as its rows: past the first attempt they come spaced by an eighth of the
        // visits so far, which costs at most that many extra visits and keeps the solves few.
        int attempt = unknowns - coordinates.GradientRows;
        bool lastFailed = false;
        var crossed = new List<(int Layer, int Unit)>();
        var walk = new UnseenTarget();
        var straightAcross = new HashSet<int>();
        bool GiveUp() => ++failures > maxSteps / 2 || failures > FailureSlack + visits * FailureRate;
        // Twice the steps while few crossings fail: a true unit's walk that has not yet seen every unit below
        // on both sides (in deeper layers many are crossed by few pieces of a surface) would end
        // rank-deficient (20-20-20-20-20-1 lost units of its fourth layer so).
        for (int step = 0; step < maxSteps || (step < 2 * maxSteps && failures * LongWalkFailures <= visits); step++)
        {
            if (visits >= attempt)
            {
                if (system.Solve().Rank == unknowns) break;
                system.Compress();
                attempt = visits + Math.Max(1, visits / 8);
            }
            var toward = walk.Direction(at, n, seen, crossed);
            var direction = lastFailed || toward is null ? RandomInPlane(n, random) : toward;
            var (t, boundary) = at.FirstExit(direction);
            if (straightAcross.Count < KnownChecks && KnownZeros(at, known, direction, t) is [var (crossAt, knownUnit), ..] zeros)
            {
                // A unit of this layer found already lies ahead inside the region: a surface of this layer
                // crosses it straight, a deeper unit's bends there, and is given up at once instead of
                // after the failed continuations that its bends at the layer's unknown units cause.
                double after = zeros.Count > 1 ? Math.Min(t, zeros[1].T) : t;
                var (bent, past) = AcrossKnown(prefix, known, y, n, direction, crossAt, after);
                if (bent) return null;
                if (past is not null && passes++ < maxSteps)
                {
                    // The walk moves on past the zero inside the same region: no new equations, so no step.
                    straightAcross.Add(knownUnit);
                    step--;
                    y = past;
                    at = prefix.At(y);
                    lastFailed = false;
                    continue;
                }
            }
            double reach = 10 * scale + 2 * Math.Sqrt(PrefixPoint.Dot(y, y));
            if (boundary is not { } b || !(t < reach))
            {
                lastFailed = true;
                if (GiveUp()) return null;
                continue;
            }
            var p = new double[d];
            for (int i = 0; i < d; i++) p[i] = y[i] + t * direction[i];
            var next = Cross(prefix, known, p, b, at.Gradients[b.Layer][b.Unit], n, direction, random);
            lastFailed = next is null;
            if (next is not { } found)
            {
                if (GiveUp()) return null;
                continue;
            }
            (y, n) = found;
            crossed.Insert(0, b);
            if (crossed.Count > Ridge) crossed.RemoveAt(Ridge);
            at = prefix.At(y);
            Visit(coordinates, at, n, system, seen);
            visits++;
        }
        var solution = system.Solve();
        if (solution.Rank < unknowns && OneSided(prefix, seen) is { Count: > 0 and <= SurfaceRefiner.MostFree } sided)
        {
            // A surface on one side of a known unit does not fix its coefficient on that unit's feature
            // (it trades with the skip, or nothing sees it): the estimate takes it as zero, and the sign
            // solve of the layer below, which knows the skip must vanish, fixes it (SurfaceRefiner.Refine).
            foreach (int feature in sided)
            {
                var row = new double[unknowns];
                row[feature] = 1;
                system.Rows.Add(row);
                system.Rhs.Add(0);
            }
            solution = system.Solve();
        }
        if (solution.Rank < unknowns || system.Residual(solution) > ResidualTolerance * system.RhsNorm) return null;
        var (theta, beta) = coordinates.Unit(solution.Solution.Data);
        double norm = Math.Sqrt(PrefixPoint.Dot(theta, theta));
        return norm > 0 ? Hyperplane.Scaled(theta, beta) : null;
    }

    /// <summary>
    /// The normal n + a·w of the continuation whose kink lies at <paramref name="x"/> on a segment along
    /// <paramref name="m"/> (the part of n orthogonal to w), from the jumps of f's derivatives between
    /// <paramref name="left"/> before and <paramref name="right"/> after it: the Jacobian jumps by u⊗(n + a·w)
    /// up to scale, so along m it jumps by c·(n·m)·u and along ŵ by c·(n·ŵ + a·‖w‖)·u, which fixes a; along a
    /// random direction it must then jump as predicted, or the kink is not the continuation (null). Twelve
    /// queries, against 2(d + 1) for the whole Jacobians.
    /// </summary>
    private double[]? Continuation(double[] x, double[] m, double left, double right, double[] n, double[] w, RandomStream random)
    {
        int d = x.Length;
        double wNorm = Math.Sqrt(PrefixPoint.Dot(w, w)), nm = PrefixPoint.Dot(n, m);
        var unitW = w.Select(v => v / wNorm).ToArray();
        var check = new double[d];
        for (int i = 0; i < d; i++) check[i] = random.NextNormal();
        double checkNorm = Math.Sqrt(PrefixPoint.Dot(check, check));
        for (int i = 0; i < d; i++) check[i] /= checkNorm;
        var before = new double[d];
        var after = new double[d];
        for (int i = 0; i < d; i++)
        {
            before[i] = x[i] - left * m[i];
            after[i] = x[i] + right * m[i];
        }
        var derivatives = gradients.Directional([before, after], [m, unitW, check], 1e-3 * Math.Min(left, right));
        var jumps = new double[3][];
        for (int v = 0; v < 3; v++) jumps[v] = [.. derivatives.Row(3 + v).ToArray().Select((value, k) => value - derivatives[v, k])];
        double along = PrefixPoint.Dot(jumps[0], jumps[0]);
        if (!(Math.Sqrt(along) > jumpNoise)) return null;
        // Each jump as a multiple of the jump along m: (n + a·w)·v / (n·m).
        double Ratio(double[] jump) => PrefixPoint.Dot(jump, jumps[0]) / along;
        double a = (Ratio(jumps[1]) * nm - PrefixPoint.Dot(n, unitW)) / wNorm;
        var normal = new double[d];
        for (int i = 0; i < d; i++) normal[i] = n[i] + a * w[i];
        double predicted = PrefixPoint.Dot(normal, check) / nm;
        if (!(Math.Abs(Ratio(jumps[2]) - predicted) * Math.Abs(nm) <= SpanTolerance * Math.Sqrt(PrefixPoint.Dot(n, n)))) return null;
        return normal;
    }

    /// <summary>
    /// The zeros of the units <paramref name="known"/> along <paramref name="direction"/> from the point,
    /// nearer than <paramref name="before"/> (the region's exit): (t, unit), the nearest first.
    /// </summary>
    private static List<(double T, int Unit)> KnownZeros(PrefixPoint at, IReadOnlyList<Hyperplane> known, double[] direction, double before)
    {
        var zeros = new List<(double T, int Unit)>();
        if (known.Count == 0) return zeros;
        var rates = at.FeatureJacobian.Apply(direction);
        for (int u = 0; u < known.Count; u++)
        {
            double value = known[u].Value(at.Features), rate = PrefixPoint.Rate(known[u], rates), t = -value / rate;
            if (t > 0 && t < before) zeros.Add((t, u));
        }
        zeros.Sort((a, b) => a.T.CompareTo(b.T));
        return zeros;
    }

    /// <summary>
    /// Whether the surface through <paramref name="y"/> (normal <paramref name="n"/>) bends where the walk
    /// along <paramref name="direction"/> meets a known unit of its layer at <paramref name="cross"/> (the
    /// next stop at <paramref name="next"/>): its kink on a short segment along n a little before that zero
    /// and one a little after must lie equally far off the plane, as a surface of the layer's own units
    /// does (they do not feed one another, nor does crossing one change what the layers above let through,
    /// so the kink cannot vanish there either); a deeper unit's surface turns there, and its kink moves off
    /// or out of the segment (12 to 24 queries, <see cref="KinkProbe"/>). Comparing the two
    /// kinks, not the second with the plane from y, keeps the error of n over the walk out of it.
    /// (false, the kink after) when the surface goes on straight; (true, null) when it bends; (false, null)
    /// when a segment shows more than one kink or the region leaves no room for one, which decides nothing.
    /// </summary>
    private (bool Bent, double[]? Past) AcrossKnown(NetworkPrefix prefix, IReadOnlyList<Hyperplane> known, double[] y, double[] n, double[] direction, double cross, double next)
    {
        double step = Math.Min(StepOff * scale, Math.Min(next - cross, cross) / 2);
        double nNorm = Math.Sqrt(PrefixPoint.Dot(n, n));
        var m = n.Select(v => v / nNorm).ToArray();
        if (KinkBeside(prefix, known, y, m, direction, cross - step, step) is not { Point: not null } before) return (false, null);
        if (KinkBeside(prefix, known, y, m, direction, cross + step, step) is not { } after) return (false, null);
        if (after.Point is null || !(Math.Abs(after.T - before.T) <= before.Tolerance + after.Tolerance + 2 * step * SpanTolerance)) return (true, null);
        return (false, after.Point);
    }

    /// <summary>
    /// The kink on the segment along the unit normal <paramref name="m"/> through y + s·<paramref name="direction"/>,
    /// as long as the region there allows: its point, its offset along m and how far that may be off; no
    /// point (offset NaN) when the segment shows no kink at all; null when it shows more than one or the
    /// region leaves no room.
    /// </summary>
    private (double[]? Point, double T, double Tolerance)? KinkBeside(NetworkPrefix prefix, IReadOnlyList<Hyperplane> known, double[] y, double[] m, double[] direction, double s, double longest)
    {
        int d = y.Length;
        var p = new double[d];
        for (int i = 0; i < d; i++) p[i] = y[i] + s * direction[i];
        var back = m.Select(v => -v).ToArray();
        var atP = prefix.At(p);
        double room = Math.Min(atP.Exit(m), atP.Exit(back));
        foreach (var (t, _) in KnownZeros(atP, known, m, double.PositiveInfinity).Concat(KnownZeros(atP, known, back, double.PositiveInfinity)))
            room = Math.Min(room, t);
        // First a segment as short as the step, whose kink is told to a fraction of the step; where it shows
        // something else (the kink moved further, as past a bend), the longest the region allows.
        foreach (double reach in (ReadOnlySpan<double>)[longest, 0.25 * scale])
        {
            double h = Math.Min(0.45 * room, reach);
            if (!(h > 1e-9 * scale)) return null;
            double at = probe.Locate(new SearchLine(p, m), h, out double error);
            if (double.IsNaN(at)) return (null, at, 0);
            if (double.IsInfinity(at))
            {
                if (h < reach) return null;
                continue;
            }
            for (int i = 0; i < d; i++) p[i] += at * m[i];
            return (p, at, Math.Max(ConfirmTolerance * h, 4 * error));
        }
        return null;
    }

    /// <summary>The units of the prefix's last layer that the walk saw on one side only (their features).</summary>
    private static List<int> OneSided(NetworkPrefix prefix, Dictionary<(int, int), int> seen)
    {
        int last = prefix.Depth - 1;
        return [.. Enumerable.Range(0, prefix.Widths[last]).Where(j => seen.GetValueOrDefault((last, j)) != 3)];
    }

    /// <summary>The equations of one piece (<see cref="TraceCoordinates.Equations"/>); and the sides of every prefix unit seen.</summary>
    private static void Visit(TraceCoordinates coordinates, PrefixPoint at, double[] n, TraceSystem system, Dictionary<(int, int), int> seen)
    {
        coordinates.Equations(at, n, system.Rows, system.Rhs);
        for (int l = 0; l < at.Z.Length; l++)
            for (int j = 0; j < at.Z[l].Length; j++)
                seen[(l, j)] = seen.GetValueOrDefault((l, j)) | (at.Z[l][j] > 0 ? 2 : 1);
    }

    /// <summary>
    /// Where the walk heads: the zero of one prefix unit not yet seen on both sides of the surface, the
    /// nearest within the current piece's plane, kept as the target across the boundaries met on the way
    /// (each step moves toward its zero in the plane of the piece it is in) until it is seen on both
    /// sides, or is given up after <see cref="Patience"/> steps (the surface may meet it only far away,
    /// or never) until every other one has been tried.
    /// </summary>
    private sealed class UnseenTarget
    {
        /// <summary>Steps toward one target before another is tried.</summary>
        private const int Patience = 12;

        /// <summary>Steps without progress toward the target before it is given up.</summary>
        private const int Stalled = 3;

        /// <summary>The factor by which |z| of the target must shrink for a step to count as progress.</summary>
        private const double Progress = 0.99;

        private readonly HashSet<(int, int)> _tried = [];
        private (int Layer, int Unit)? _target;
        private int _steps, _stalled;
        private double _closest;

        /// <summary>
        /// The in-plane unit direction toward the target's zero; null when every unit has been seen on both
        /// sides. When that direction leads straight back across one of the boundaries crossed last
        /// (<paramref name="crossed"/>, the latest first: the zero lies beyond a ridge of the surface), it
        /// slides along that boundary instead, and along the next one it would cross back, which still
        /// moves toward the zero without undoing the last steps. A target whose |z| does not shrink for
        /// <see cref="Stalled"/> steps (a valley of the surface) is given up.
        /// </summary>
        public double[]? Direction(PrefixPoint at, double[] n, Dictionary<(int, int), int> seen, IReadOnlyList<(int Layer, int Unit)> crossed)
        {
            if (_target is { } current)
            {
                double distance = Math.Abs(at.Z[current.Layer][current.Unit]);
                if (distance < Progress * _closest) (_closest, _stalled) = (distance, 0);
                if (seen.GetValueOrDefault(current) == 3 || ++_steps > Patience || ++_stalled > Stalled)
                {
                    _tried.Add(current);
                    _target = null;
                }
            }
            if (_target is null)
            {
                _target = Nearest(at, n, seen);
                if (_target is null && _tried.Count > 0)
                {
                    _tried.Clear();
                    _target = Nearest(at, n, seen);
                }
                (_steps, _stalled, _closest) = (0, 0, double.PositiveInfinity);
            }
            if (_target is not { } target) return null;
            double sign = at.Z[target.Layer][target.Unit] > 0 ? -1 : 1;
            var g = InPlane(at.Gradients[target.Layer][target.Unit], n);
            var slid = new List<double[]>();
            while (Unit(g, sign) is { } straight && at.FirstExit(straight).Unit is { } exit && crossed.Contains(exit))
            {
                // Project out the boundary and those already slid along (Gram–Schmidt in the plane of the piece).
                var w = InPlane(at.Gradients[exit.Layer][exit.Unit], n);
                foreach (var u in slid) w = InPlane(w, u);
                if (slid.Count == crossed.Count || !(PrefixPoint.Dot(w, w) > 0)) break;
                slid.Add(w);
                g = InPlane(g, w);
            }
            if (Unit(g, sign) is { } direction) return direction;
            _tried.Add(target);
            _target = null;
            return null;
        }

        private static double[]? Unit(double[] g, double sign)
        {
            double norm = Math.Sqrt(PrefixPoint.Dot(g, g));
            return norm > 0 ? [.. g.Select(v => sign * v / norm)] : null;
        }

        /// <summary>The unit not seen on both sides nor tried whose zero is nearest in the plane of the piece.</summary>
        private (int, int)? Nearest(PrefixPoint at, double[] n, Dictionary<(int, int), int> seen)
        {
            double best = double.PositiveInfinity;
            (int, int)? chosen = null;
            for (int l = 0; l < at.Z.Length; l++)
                for (int j = 0; j < at.Z[l].Length; j++)
                {
                    if (seen.GetValueOrDefault((l, j)) == 3 || _tried.Contains((l, j))) continue;
                    var g = InPlane(at.Gradients[l][j], n);
                    double distance = Math.Abs(at.Z[l][j]) / Math.Sqrt(PrefixPoint.Dot(g, g));
                    if (distance < best) (best, chosen) = (distance, (l, j));
                }
            return chosen;
        }
    }

    private static double[] RandomInPlane(double[] n, RandomStream random)
    {
        double[] g;
        double norm;
        do
        {
            g = InPlane([.. n.Select(_ => random.NextNormal())], n);
            norm = Math.Sqrt(PrefixPoint.Dot(g, g));
        } while (!(norm > 0));
        return [.. g.Select(v => v / norm)];
    }

    /// <summary>The component of <paramref name="v"/> orthogonal to <paramref name="n"/>.</summary>
    private static double[] InPlane(double[] v, double[] n)
    {
        double along = PrefixPoint.Dot(v, n) / PrefixPoint.Dot(n, n);
        return [.. v.Select((x, i) => x - along * n[i])];
    }

    /// <summary>
    /// The continuation of the surface across boundary <paramref name="boundary"/> (local normal
    /// <paramref name="w"/>) from the point <paramref name="p"/> where the current piece (normal
    /// <paramref name="n"/>) meets it, walking along <paramref name="walk"/>: a kink of the next piece
    /// and its normal at the scale of n; null when none is found and confirmed.
    /// </summary>
    private (double[] Point, double[] Normal)? Cross(NetworkPrefix prefix, IReadOnlyList<Hyperplane> known, double[] p, (int, int) boundary, double[] w, double[] n, double[] walk, RandomStream random)
    {
        int d = p.Length;
        double wNorm = Math.Sqrt(PrefixPoint.Dot(w, w));
        double side = Math.Sign(PrefixPoint.Dot(w, walk));
        var across = w.Select(v => side * v / wNorm).ToArray();
        var m = InPlane(n, w);
        double mNorm = Math.Sqrt(PrefixPoint.Dot(m, m));
        if (!(mNorm > 1e-9 * Math.Sqrt(PrefixPoint.Dot(n, n)))) return null;
        for (int i = 0; i < d; i++) m[i] /= mNorm;
        var back = m.Select(v => -v).ToArray();
        var atP = prefix.At(p);
        // Close enough to B that a continuation at a shallow angle still meets the segment inside the region.
        double offset = Math.Min(StepOff * scale, 0.1 * Math.Min(atP.Exit(across, boundary), Math.Min(atP.Exit(m, boundary), atP.Exit(back, boundary))));
        var q = new double[d];
        for (int i = 0; i < d; i++) q[i] = p[i] + offset * across[i];
        var atQ = prefix.At(q);
        double longest = 2 * scale;
        double hi = 0.9 * Math.Min(atQ.Exit(m), longest), lo = -0.9 * Math.Min(atQ.Exit(back), longest);
        var center = new double[d];
        for (int i = 0; i < d; i++) center[i] = q[i] + (lo + hi) / 2 * m[i];
        var swept = sweeper.Sweep(new SearchLine(center, m), (hi - lo) / 2);
        if (swept.Exhausted) return null;

        var positions = swept.Kinks.Select(t => t + (lo + hi) / 2).ToArray();
        for (int k = 0; k < positions.Length; k++)
        {
            var x = new double[d];
            for (int i = 0; i < d; i++) x[i] = q[i] + positions[k] * m[i];
            var atX = prefix.At(x);
            double tolerance = SurfaceTolerance * (scale + Math.Sqrt(PrefixPoint.Dot(x, x)));
            if (known.Any(u => atX.IsOn(u, tolerance))) continue;
            var r = new double[d];
            for (int i = 0; i < d; i++) r[i] = x[i] - p[i];
            // Confirm on the parallel segment at half the distance: the piece is a half-plane from the flat through p.
            var halfway = new double[d];
            for (int i = 0; i < d; i++) halfway[i] = p[i] + r[i] / 2;
            var atHalf = prefix.At(halfway);
            double room = Math.Min(atHalf.Exit(m), atHalf.Exit(back));
            for (int o = 0; o < positions.Length; o++)
                if (o != k) room = Math.Min(room, Math.Abs(positions[o] - positions[k]) / 2);
            double h = Math.Min(0.45 * room, 0.25 * scale);
            if (!(h > 1e-9 * scale)) continue;
            double t = probe.Locate(new SearchLine(halfway, m), h, out double error);
            if (!(Math.Abs(t) <= Math.Max(ConfirmTolerance * h, 4 * error))) continue;
            // The new piece's normal from fresh derivative jumps, so that errors do not compound along the
            // walk; at the scale of n, from which it differs by a multiple of w.
            double left = positions[k] - (k > 0 ? positions[k - 1] : lo), right = (k + 1 < positions.Length ? positions[k + 1] : hi) - positions[k];
            if (Continuation(x, m, left / 2, right / 2, n, w, random) is not { } normal) continue;
            return (x, normal);
        }
        return null;
    }
}
