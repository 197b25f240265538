using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Extraction;

/// <summary>
/// Verification and precision refinement of one unit's surface, the set where its pre-activation
/// z = θ·φ(x) + β vanishes (a hyperplane for layer 1, bent at every known boundary deeper; research
/// note §8, generalised): Gaussian points (uniform ones in a box) are moved onto the estimated surface along its local normal
/// (inside their activation region of the prefix, so that the move is exact), and through each a short
/// segment along the normal that, by the prefix and the other units of the layer, crosses this surface
/// only; there <see cref="KinkProbe"/> finds the kink to rounding. A kink where predicted confirms the
/// estimate; the features φ of the kinks then fix θ as the hyperplane through them in feature space.
/// </summary>
/// <remarks>
/// An estimate that is only a local piece of the surface (a deeper unit's kink taken for a layer-1
/// hyperplane, a trace that went astray) is confirmed only in its own region, so most segments show the
/// kink elsewhere or none: the unit is kept only if at least <see cref="LeastAgreement"/> of the probed
/// segments with at most one kink agree. A segment can show no kink where the unit is invisible (every
/// path from it to the output dead), which a true unit rarely is. Two passes: a loose one from the
/// estimate that gathers the points, a strict one that checks their fit.
/// </remarks>
/// <param name="probe">The probe of every segment.</param>
/// <param name="space">Where the points are drawn; its scale is the spread of the points and bounds the half-segments. In a box a point moved out of it is drawn again, and a segment ends inside it.</param>
/// <param name="extraPoints">Points beyond the feature size that fix a surface.</param>
internal sealed class SurfaceRefiner(KinkProbe probe, SearchSpace space, int extraPoints)
{
    private readonly double scale = space.Scale;

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

    /// <summary>
    /// The rounding error of a kink, relative to the half-segment, up to which it enters the fit with full
    /// weight; a kink located more coarsely (a small slope change: a unit whose effect on f is small there)
    /// enters with its weight cut in proportion, so that it fills a gap in the points without spoiling the
    /// precise ones, down to <see cref="CoarsestKink"/>.
    /// </summary>
    private const double PreciseKink = 1e-10;

    /// <summary>The largest rounding error of a kink, relative to the half-segment, for it to enter the fit at all.</summary>
    private const double CoarsestKink = 1e-7;

    /// <summary>Probed segments per wanted point at least, so that the agreement is measured on enough of them.</summary>
    private const int ProbesPerPoint = 2;

    /// <summary>
    /// Probed segments beyond the wanted points that are enough to measure the agreement, however many
    /// points are wanted (at d = 784 twice the points would double the cost of layer 1 for nothing).
    /// </summary>
    private const int AgreementProbes = 64;

    /// <summary>The widest spread of the points, relative to the scale, for a surface whose points near the origin do not determine it.</summary>
    private const double WidestSpread = 64;

    /// <summary>
    /// The weighted distance from the fitted surface, relative to the scale, beyond which a kink is taken
    /// for a wrong one and left out of the fit: a kink enters with weight × error at most
    /// <see cref="PreciseKink"/> × its half-segment (at most a quarter of the scale), so a right one lies
    /// within a few times 2.5e−11 of the scale; a segment whose kink has a second one within the probe's
    /// check of it (784-64-64-10: one kink in about 50,000) passes for one kink located wrongly.
    /// </summary>
    private const double OutlierDistance = 1e-9;

    /// <summary>
    /// A fitted unit (‖θ‖ = 1) whose gradient at one of its kinks is below this fraction of the features'
    /// Jacobian there (<see cref="FeatureJacobian.Norm"/>) is zero on a region, not a surface: a degenerate
    /// fit's gradient is rounding (1e−16 of it), a surface's a fraction of it.
    /// </summary>
    private const double VanishingSlope = 1e-8;

    /// <summary>
    /// The most features a surface may leave free (<see cref="FreeFeature"/>): a true unit on one side of one
    /// or two units of the last layer; a kink of a deeper unit traced within one cell sees many on one side.
    /// </summary>
    internal const int MostFree = 2;

    /// <summary>Strict passes more at most to find a second kink off a free feature's side (<see cref="Refine"/>).</summary>
    private const int StrayRounds = 3;

    /// <summary>Kinks left out of one fit at most, the farthest first, each followed by a fit without it.</summary>
    private const int MostOutliers = 8;

    /// <summary>
    /// <paramref name="unit"/> (over the features of <paramref name="prefix"/>) checked and re-fitted to
    /// rounding, keeping its orientation; the fit is null when its surface is not where it predicts, or
    /// too few clean segments could be found. <paramref name="others"/>: the other units of its layer
    /// (not this one), kept off the segments.
    /// </summary>
    /// <remarks>
    /// The loose pass gathers the points: every kink it keeps is located to rounding wherever it lies
    /// within the loose tolerance, so its fit is already precise when the kinks are this surface's. The
    /// strict pass only checks that fit at fresh segments, at the strict tolerance, and adds its kinks
    /// to the final fit; a fit spoiled by a kink of another surface shows its kinks off the prediction.
    /// </remarks>
    public SurfaceCheck Refine(NetworkPrefix prefix, IReadOnlyList<Hyperplane> others, Hyperplane unit, RandomStream random)
    {
        // Past layer 1 a unit's coefficients on the input lie in the span of the first layer's normals, so
        // its surface is fitted in those coordinates: at 784-64 over 129 features instead of 849, which
        // needs that many fewer kinks.
        var coordinates = prefix.Depth >= 1 ? new TraceCoordinates(prefix) : null;
        int wanted = (coordinates?.ReducedFeatures ?? prefix.FeatureSize) + extraPoints;
        double spread = 1;
        int looseProbes = Math.Min(ProbesPerPoint * wanted, wanted + AgreementProbes);
        var loose = Pass(prefix, coordinates, others, unit, random, LooseTolerance, wanted, looseProbes, spread);
        // An estimate off by more than the loose tolerance finds its kinks beside the prediction, all on one
        // plane: those fitted are the estimate once more (a normal of layer 1 measured at a kink of
        // nn.Linear-initialised 40-20-10-10-1, seed 3, was off by 3e−4, and every kink of the unit lay 3e−4
        // beside its segment's middle: the unit was refused, and the run lost it). A piece of a deeper
        // surface, bent across the regions the pass visits, leaves no such plane.
        if (loose.Probed >= wanted && loose.Agreement < LeastAgreement && loose.Stray.Count >= wanted
            && Fit(coordinates, loose.Stray, unit, []) is { } refit && loose.Stray.Count(p => Through(coordinates, refit, [p])) >= wanted)
        {
            unit = refit;
            loose = Pass(prefix, coordinates, others, unit, random, LooseTolerance, wanted, looseProbes, spread);
        }
        IReadOnlyList<FreeFeature> free = [];
        // The spread at which the surface had given enough kinks: the strict pass probes there when the
        // widest spread was reached only to look for the far side of units the surface never crosses.
        double enough = loose.Points.Count >= wanted ? spread : WidestSpread;
        var looseFit = SurfaceFit(prefix, coordinates, loose, unit, wanted, free);
        // A surface far from the origin (a unit dead or always on near it) gives few points there; and near
        // the origin a surface can lie on one side of a prefix unit that it crosses only further out, whose
        // feature is then affine over the points and leaves the fit undetermined. Either way the surface
        // is sampled wider until it is determined; one that the probes disagree with is not this unit's.
        // A surface that stays on one side of up to MostFree units of the last layer out to the widest
        // spread is fitted without their features, which are left to the sign solve of the layer below
        // (FreeFeature). A skip feature off at every kink is not: past depth 1 a kink of a deeper unit
        // traced within one cell often has one (a 10-10-10-10-1 test kept such a piece as a unit).
        while (looseFit is null)
        {
            if (loose.Probed >= wanted && loose.Agreement < LeastAgreement) return new SurfaceCheck(null, loose.Agreement, loose.Kinks);
            if (spread == WidestSpread)
            {
                int last = prefix.Depth > 0 ? prefix.Widths[^1] : 0;
                if (free.Count > 0 || loose.Points.Count < wanted
                    || OneSided(prefix, loose.Points) is not { Count: > 0 and <= MostFree } sided || sided.Any(f => f.Feature >= last))
                    return new SurfaceCheck(null, loose.Agreement, loose.Kinks);
                free = sided;
                looseFit = SurfaceFit(prefix, coordinates, loose, unit, wanted, free);
                continue;
            }
            spread *= 2;
            loose = loose.With(Pass(prefix, coordinates, others, unit, random, LooseTolerance, wanted, wanted, spread));
            if (loose.Points.Count >= wanted) enough = Math.Min(enough, spread);
            looseFit = SurfaceFit(prefix, coordinates, loose, unit, wanted, free);
        }
        if (loose.Agreement < LeastAgreement) return new SurfaceCheck(null, loose.Agreement, loose.Kinks);
        int probes = Math.Min(ProbesPerPoint * wanted, AgreementProbes);
        double strictSpread = free.Count > 0 ? enough : spread;
        var strict = Pass(prefix, coordinates, others, looseFit, random, StrictTolerance, 0, probes, strictSpread);
        var all = loose.With(strict);
        // A free feature that the strict pass saw on both sides is fitted after all.
        if (free.Count > 0) free = [.. free.Intersect(OneSided(prefix, all.Points))];
        // A feature that the loose pass saw on one side only may lie on the other at a few strict probes
        // (a unit of the last layer off in a thin cone), where the fit without it misses the kink by
        // c·ReLU(∓ẑ_j): the kinks found there instead fix its coefficient, and the surface fitted with them
        // is checked again (a 10-10-8-6-1 unit agreed at 0.72 with one such feature left free, whose true
        // orientation, off at the loose kinks, left it unsettled and the unit lost). A feature is fitted
        // from two such kinks at least, both on the new fit: one alone fixes the coefficient whether it is
        // this surface's or another's; more strict passes look for a second one when there is one.
        if (free.Count > 0 && strict.Stray.Count > 0)
        {
            List<FitPoint> Across(FreeFeature f, PassResult pass) => [.. pass.Stray.Where(p => p.Features[f.Feature] > 0 != f.On)];
            var probed = strict;
            for (int round = 0; round < StrayRounds && free.Any(f => Across(f, probed).Count == 1); round++)
                probed = probed.With(Pass(prefix, coordinates, others, looseFit, random, StrictTolerance, 0, probes, strictSpread));
            var fitted = free.Where(f => Across(f, probed).Count >= 2).ToList();
            List<FreeFeature> left = [.. free.Except(fitted)];
            var stray = probed.Stray.Where(p => left.All(f => p.Features[f.Feature] > 0 == f.On)).ToList();
            var widened = loose.With(probed) with { Points = [.. loose.Points, .. probed.Points, .. stray] };
            if (fitted.Count > 0 && SurfaceFit(prefix, coordinates, widened, looseFit, 0, left) is { } fit && fitted.All(f => Through(coordinates, fit, Across(f, probed))))
            {
                var again = Pass(prefix, coordinates, others, fit, random, StrictTolerance, 0, probes, strictSpread);
                if (again.Agreement > strict.Agreement)
                {
                    (strict, all, looseFit) = (again, widened.With(again), fit);
                    free = [.. left.Intersect(OneSided(prefix, all.Points))];
                }
            }
        }
        double agreement = Math.Min(loose.Agreement, strict.Agreement);
        var refined = strict.Agreement < LeastAgreement ? null : SurfaceFit(prefix, coordinates, all, looseFit, 0, free);
        return new SurfaceCheck(refined, agreement, all.Kinks) { Free = free };
    }

    /// <summary>
    /// A point on the estimated surface of <paramref name="unit"/> and a direction across it: a start moved
    /// onto it along its local normal; in a box, for a first-layer unit,
    /// the crossing of a segment to a corner (<see cref="SearchSpace.Across"/>), which reaches a surface that
    /// cuts off a corner of the box.
    /// </summary>
    private (double[] Point, double[] Direction)? Start(NetworkPrefix prefix, Hyperplane unit, double spread, RandomStream random)
    {
        if (space.Box is not null && prefix.Depth == 0) return space.Across(unit, random);
        var at = prefix.At(space.Point(spread, random));
        var (value, gradient) = at.Unit(unit);
        return NetworkPrefix.OntoSurface(at, value, gradient);
    }

    /// <summary>Whether every one of <paramref name="points"/> lies on <paramref name="fit"/> within <see cref="OutlierDistance"/> (weighted, in the points' coordinates).</summary>
    private bool Through(TraceCoordinates? coordinates, Hyperplane fit, List<FitPoint> points)
    {
        var normal = coordinates?.Reduce(fit.Normal) ?? fit.Normal;
        double norm = Math.Sqrt(PrefixPoint.Dot(normal, normal));
        return points.All(p => p.Weight * Math.Abs(PrefixPoint.Dot(normal, p.Features) + fit.Bias) <= OutlierDistance * scale * norm);
    }

    /// <summary>
    /// <see cref="Fit(TraceCoordinates?, List{FitPoint}, Hyperplane, IReadOnlyList{FreeFeature})"/> when the
    /// points can determine the surface (<paramref name="wanted"/> of them, and no feature
    /// <see cref="OneSided"/> over them but the <paramref name="free"/> ones, whose columns are left out) and
    /// the fit is a surface at every kink (<see cref="IsSurface"/>). Kinks that satisfy an exact linear
    /// relation among the features fit it exactly and the true surface only to their rounding, so least
    /// squares returns the relation: for a feature off at every kink, z = ReLU(ẑ_j), zero on a whole region,
    /// whose "kinks" the known unit's own then confirm (nn.Linear-initialised 40-20-10-10-1, seed 2, had three
    /// such "units" kept in layer 3, and its signs had no solution). The fit's rank test cannot see this, its
    /// tolerance being rounding. Null sends the surface to be sampled wider, where a one-sided feature is
    /// seen on both sides.
    /// </summary>
    private Hyperplane? SurfaceFit(NetworkPrefix prefix, TraceCoordinates? coordinates, PassResult pass, Hyperplane estimate, int wanted, IReadOnlyList<FreeFeature> free)
    {
        if (pass.Points.Count < wanted || OneSided(prefix, pass.Points).Except(free).Any() || Fit(coordinates, pass.Points, estimate, free) is not { } fit) return null;
        return IsSurface(prefix, fit, pass.Kinks) ? fit : null;
    }

    /// <summary>
    /// Whether <paramref name="unit"/> z = θ·φ + β (‖θ‖ = 1) is a surface at each of <paramref name="kinks"/>:
    /// its gradient there above <see cref="VanishingSlope"/> of ‖J_φ‖, which bounds it (a fraction of it for a
    /// surface). Where every feature z uses is off, or its ReLU cancels its pre-activation, z vanishes on a
    /// whole region and its gradient is rounding.
    /// </summary>
    internal static bool IsSurface(NetworkPrefix prefix, Hyperplane unit, IEnumerable<double[]> kinks)
    {
        foreach (var x in kinks)
        {
            var at = prefix.At(x);
            var gradient = at.Unit(unit).Gradient;
            if (!(Math.Sqrt(PrefixPoint.Dot(gradient, gradient)) > VanishingSlope * at.FeatureJacobian.Norm())) return false;
        }
        return true;
    }

    /// <summary>
    /// The ReLU features one-sided over <paramref name="points"/>. A unit of the prefix's last layer that is
    /// off at every point has a zero feature, and one on at every point a feature affine in the skip
    /// features; a unit of the layer before (the skip features past depth 1) off everywhere, a zero feature
    /// too. The points then fit the surface plus any multiple of that feature (or of its ReLU minus its
    /// pre-activation) alike: they do not determine the unit.
    /// </summary>
    private static List<FreeFeature> OneSided(NetworkPrefix prefix, List<FitPoint> points)
    {
        var sided = new List<FreeFeature>();
        if (prefix.Depth == 0) return sided;
        int last = prefix.Widths[^1], relus = prefix.Depth == 1 ? last : prefix.FeatureSize;
        for (int j = 0; j < relus; j++)
        {
            bool anyOff = false, anyOn = false;
            foreach (var point in points)
            {
                if (point.Features[j] > 0) anyOn = true;
                else anyOff = true;
                if (anyOn && anyOff) break;
            }
            if (!anyOn || !anyOff && j < last) sided.Add(new FreeFeature(j, anyOn));
        }
        return sided;
    }

    /// <summary>The features of a kink and its weight in the fit.</summary>
    internal sealed record FitPoint(double[] Features, double Weight);

    /// <summary>
    /// What one or more passes saw: the weighted features of the kinks found where predicted and located
    /// finely enough (<see cref="CoarsestKink"/>), every kink found where predicted, and how many probed
    /// segments agreed; and <c>Stray</c>, the weighted features of the single kinks located as finely
    /// elsewhere on the probed segments (an estimate beside its surface, or a free feature on its other side).
    /// </summary>
    private sealed record PassResult(List<FitPoint> Points, List<double[]> Kinks, int Probed, int Agreed, List<FitPoint> Stray)
    {
        public double Agreement => Probed > 0 ? (double)Agreed / Probed : 0;

        public PassResult With(PassResult other) => new([.. Points, .. other.Points], [.. Kinks, .. other.Kinks], Probed + other.Probed, Agreed + other.Agreed, [.. Stray, .. other.Stray]);
    }

    /// <summary>
    /// Probes segments across the surface of <paramref name="unit"/> until <paramref name="wanted"/>
    /// kinks located finely enough where predicted (within <paramref name="tolerance"/> of the half-segment) are found
    /// and at least <paramref name="leastProbes"/> segments were probed, or the draws run out; the segments
    /// are centred on Gaussian points of <paramref name="spread"/> times the scale moved onto the surface (in
    /// a box, crossings of segments to a corner: <see cref="Start"/>).
    /// </summary>
    private PassResult Pass(NetworkPrefix prefix, TraceCoordinates? coordinates, IReadOnlyList<Hyperplane> others, Hyperplane unit, RandomStream random, double tolerance, int wanted, int leastProbes, double spread)
    {
        int d = prefix.InputSize, probed = 0, agreed = 0, draws = DrawsPerPoint * Math.Max(wanted, leastProbes);
        List<FitPoint> points = [], stray = [];
        var kinks = new List<double[]>();
        for (int draw = 0; draw < draws && (points.Count < wanted || probed < leastProbes); draw++)
        {
            if (Start(prefix, unit, spread, random) is not var (point, direction) || !space.Contains(point)) continue;
            var backward = direction.Select(g => -g).ToArray();
            var there = prefix.At(point);
            double room = Math.Min(Math.Min(there.Exit(direction), there.Exit(backward)), Math.Min(space.Room(point, direction), space.Room(point, backward)));
            double half = Math.Min(LongestSegment * scale, 0.45 * room);
            var rates = there.FeatureJacobian.Apply(direction);
            foreach (var other in others)
            {
                double crossing = -other.Value(there.Features) / PrefixPoint.Rate(other, rates);
                if (double.IsFinite(crossing)) half = Math.Min(half, 0.45 * Math.Abs(crossing));
            }
            if (!(half >= ShortestSegment * scale)) continue;
            double kink = probe.Locate(new SearchLine(point, direction), half, out double error);
            // A segment with more than one kink (an unknown surface nearby) says nothing either way.
            if (double.IsPositiveInfinity(kink)) continue;
            probed++;
            // No kink on the segment (the unit invisible there): a disagreement, and nothing to fit.
            if (double.IsNaN(kink)) continue;
            bool predicted = Math.Abs(kink) <= Math.Max(tolerance * half, 4 * error);
            for (int i = 0; i < d; i++) point[i] += kink * direction[i];
            if (predicted)
            {
                agreed++;
                kinks.Add(point);
            }
            // A small slope change locates its kink coarsely: it confirms the surface but barely fixes it.
            if (error <= CoarsestKink * half)
            {
                var features = prefix.At(point).Features;
                (predicted ? points : stray).Add(new FitPoint(coordinates?.Reduce(features) ?? features, Math.Min(1, PreciseKink * half / error)));
            }
        }
        return new PassResult(points, kinks, probed, agreed, stray);
    }

    /// <summary>
    /// <see cref="Fit(List{FitPoint}, Hyperplane)"/> in <paramref name="coordinates"/> (points already in
    /// them): the estimate reduced, the fit expanded back to all the features; the <paramref name="free"/>
    /// features' columns left out, their coefficients zero.
    /// </summary>
    private Hyperplane? Fit(TraceCoordinates? coordinates, List<FitPoint> points, Hyperplane estimate, IReadOnlyList<FreeFeature> free)
    {
        if (coordinates is null) return Fit(points, estimate);
        var left = free.Select(f => f.Feature).ToHashSet();
        double[] Kept(double[] v) => left.Count == 0 ? v : [.. v.Where((_, i) => !left.Contains(i))];
        var reduced = coordinates.Reduce(estimate.Normal);
        if (Fit([.. points.Select(p => new FitPoint(Kept(p.Features), p.Weight))], Hyperplane.Scaled(Kept(reduced), estimate.Bias)) is not { } fit) return null;
        var normal = new double[reduced.Length];
        for (int i = 0, k = 0; i < normal.Length; i++) if (!left.Contains(i)) normal[i] = fit.Normal[k++];
        var (theta, beta) = coordinates.Unit([.. normal, fit.Bias]);
        return Hyperplane.Scaled(theta, beta);
    }

    /// <summary>
    /// <see cref="FitOnce"/>, then again without the kink farthest from the fit while one lies beyond
    /// <see cref="OutlierDistance"/> (weighted), up to <see cref="MostOutliers"/> times: a least-squares fit
    /// in as many dimensions as the features follows a wrong point almost as closely as the right ones
    /// (at 784 features and 900 points, a point's leverage is near 0.9), so one wrong kink spoils the
    /// surface to 1e−8 where the rest fix it to 1e−13.
    /// </summary>
    internal Hyperplane? Fit(List<FitPoint> points, Hyperplane estimate)
    {
        var fit = FitOnce(points, estimate);
        for (int removed = 0; fit is not null && removed < MostOutliers; removed++)
        {
            int worst = -1;
            double farthest = OutlierDistance * scale;
            for (int r = 0; r < points.Count; r++)
            {
                double distance = points[r].Weight * Math.Abs(fit.Value(points[r].Features));
                if (distance > farthest) (worst, farthest) = (r, distance);
            }
            if (worst < 0) break;
            points = [.. points.Where((_, r) => r != worst)];
            // Without it the points may no longer determine the surface: the fit with it is then kept.
            if (FitOnce(points, fit) is not { } next) break;
            fit = next;
        }
        return fit;
    }

    /// <summary>
    /// The hyperplane through <paramref name="points"/> in the weighted least-squares sense: w = n₀ + Q·β
    /// with Q an orthonormal basis of n₀'s complement, β from min ‖Ω·(X − x̄)·(n₀ + Q·β)‖ (Ω the weights,
    /// x̄ the mean under Ω²), then normalised; b = −w·x̄. Keeps the orientation of <paramref name="estimate"/>.
    /// </summary>
    /// <remarks>
    /// Q is the Householder reflection H = I − 2·v·vᵀ/(vᵀv) that maps n₀ to ±e_k (k its largest entry)
    /// without its column k; it is applied, never formed, so that a row costs O(d), not O(d²).
    /// </remarks>
    private static Hyperplane? FitOnce(List<FitPoint> points, Hyperplane estimate)
    {
        int d = estimate.Normal.Length, count = points.Count, k = 0;
        var n = estimate.Normal;
        for (int i = 1; i < d; i++) if (Math.Abs(n[i]) > Math.Abs(n[k])) k = i;
        var v = (double[])n.Clone();
        v[k] += n[k] >= 0 ? 1 : -1;
        double vv = PrefixPoint.Dot(v, v);
        void Reflect(double[] y)
        {
            double along = 2 * PrefixPoint.Dot(v, y) / vv;
            for (int i = 0; i < d; i++) y[i] -= along * v[i];
        }

        // The mean and the rows weighted: each row's residual counts with its point's weight.
        double total = points.Sum(p => p.Weight * p.Weight);
        var mean = new double[d];
        foreach (var p in points) for (int i = 0; i < d; i++) mean[i] += p.Weight * p.Weight * p.Features[i] / total;
        var a = new Matrix(count, d - 1);
        var b = new Matrix(count, 1);
        var y = new double[d];
        for (int r = 0; r < count; r++)
        {
            for (int i = 0; i < d; i++) y[i] = points[r].Weight * (points[r].Features[i] - mean[i]);
            b[r, 0] = -PrefixPoint.Dot(y, n);
            Reflect(y);
            var row = a.Row(r);
            y.AsSpan(0, k).CopyTo(row);
            y.AsSpan(k + 1).CopyTo(row[k..]);
        }
        var solution = d > 1 ? LeastSquares.Solve(a, b) : null;
        // Points that do not span the surface (all in a few regions) leave it undetermined.
        if (solution is not null && solution.Rank < d - 1) return null;
        var beta = new double[d];
        for (int c = 0; c < d - 1; c++) beta[c < k ? c : c + 1] = solution!.Solution[c, 0];
        Reflect(beta);
        var w = new double[d];
        for (int i = 0; i < d; i++) w[i] = n[i] + beta[i];
        double norm = Math.Sqrt(PrefixPoint.Dot(w, w));
        for (int i = 0; i < d; i++) w[i] /= norm;
        return new Hyperplane(w, -PrefixPoint.Dot(w, mean));
    }
}
