using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Networks.Discovery;

/// <summary>
/// Computes the affine symmetry group {(a, b, c, d) : ρ(a·x + b) = c·ρ(x) + d for all x} of a scalar function
/// from its values alone: a coarse search over inner maps (a, b) with c, d by least squares, Levenberg–Marquardt
/// refinement of each local minimum, verification of each refined candidate on a dense grid, seeded random
/// points and the far tails at a relative tolerance, then the structure — finite, a continuous family named by
/// its shape, or generators — and a closure check. The linear-pair relations are reported besides.
/// </summary>
/// <remarks>
/// A numerical method: a listed symmetry is verified at finitely many points to the stated tolerance, not
/// proved; a symmetry whose inner map lies outside the searched box (<see cref="DiscoveryOptions"/>) is not
/// found. Where a candidate comes close without reaching the tolerance the result is
/// <see cref="DiscoveryStatus.Unresolved"/> and says at which residual, never a guess. See docs/symmetry-discovery.md.
/// </remarks>
public static class SymmetryDiscovery
{
    // The key FromSeed(seed) is split by this name, then per use, so discovery shares no draws with anything else.
    private const string Purpose = "symmetry-discovery";
    private const int MaxCandidates = 400;

    /// <summary>Discovers the affine symmetry group of <paramref name="rho"/>.</summary>
    /// <param name="rho">ρ; e.g. <c>activation.Value</c>. It must be deterministic, finite on the grid and not constant.</param>
    /// <param name="options">Box, grids, tolerance and seed.</param>
    /// <exception cref="ArgumentException">ρ is not finite on the grid (or NaN in the tails), ρ is constant there, or an option is out of range.</exception>
    public static DiscoveryResult Discover(Func<double, double> rho, DiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        double tolerance = options.Tolerance;
        var root = Root(options);
        var verifier = Verifier(rho, options, root);
        var familyDraws = root.Split("families").Stream();
        var identity = new VerifiedSymmetry(AffineSymmetry.Identity, verifier.Residual(AffineSymmetry.Identity));
        var pairs = Pairs(verifier, tolerance);

        // An affine ρ has every affine map as a symmetry: there is nothing to search for.
        var (slope, intercept, affineResidual) = verifier.FitAffine(tolerance);
        if (affineResidual <= tolerance && FamilyDetection.Verified(new AffineFamily(slope, intercept), verifier, familyDraws, tolerance) is { } affine)
        {
            var group = Assemble(GroupStructure.Continuous, [identity], [], [affine], verifier, root, tolerance);
            var method = new DiscoveryMethod(options, 0, 0, 0, 0, null, verifier.Scale, verifier.TailPoints, verifier.TailLimit);
            return Finish(group, [], [], pairs, method);
        }

        var search = new ProjectedResidual(rho, SymmetryVerifier.StratifiedSamples(options.SamplePoints, options.SearchRadius, root.Split("search").Stream()));
        var refinement = new ProjectedResidual(rho, SymmetryVerifier.StratifiedSamples(4 * options.SamplePoints, options.SearchRadius, root.Split("refinement").Stream()));
        var candidates = CoarseSearch.Candidates(search, options, MaxCandidates, out int cells);
        var verified = new List<VerifiedSymmetry>();
        var nearMisses = new List<VerifiedSymmetry>();
        int rejected = 0;
        double? bestRejected = null;
        foreach (var (a0, b0, _) in candidates)
        {
            var (a, b) = CandidateRefinement.Refine(refinement, a0, b0);
            var found = Snapped(verifier, verifier.Fit(a, b), tolerance);
            if (VerifiedSymmetry.Same(found.Element, AffineSymmetry.Identity, VerifiedSymmetry.SameElement)) continue;
            if (found.Residual <= tolerance) AddDistinct(verified, found);
            else if (found.Residual <= options.UnresolvedResidual) AddDistinct(nearMisses, found);
            else
            {
                rejected++;
                bestRejected = Math.Min(bestRejected ?? double.PositiveInfinity, found.Residual);
            }
        }

        var family = (SymmetryFamily?)FamilyDetection.Power(verified, verifier, familyDraws, tolerance)
            ?? FamilyDetection.Exponential(verified, verifier, familyDraws, tolerance);
        DiscoveredGroup result;
        if (family is not null)
            result = Assemble(GroupStructure.Continuous, [identity], [], [family], verifier, root, tolerance);
        else
        {
            var (structure, elements, generators) = DiscreteStructure.Of(verified, identity, verifier);
            result = Assemble(structure, elements, generators, [], verifier, root, tolerance);
        }
        var unexplained = verified.Where(v => !result.Contains(v.Element)).ToList();
        var methodFacts = new DiscoveryMethod(options, cells, candidates.Count, verified.Count, rejected, bestRejected, verifier.Scale, verifier.TailPoints, verifier.TailLimit);
        return Finish(result, nearMisses, unexplained, pairs, methodFacts);
    }

    /// <summary>
    /// ρ(x) − ρ(−x) and ρ(x) + ρ(−x), in that order, each fitted by α·x + β and verified exactly as
    /// <see cref="Discover"/> reports them for the same options (same points, same seed), without the symmetry search.
    /// </summary>
    /// <param name="rho">ρ; deterministic, finite on the grid and not constant.</param>
    /// <param name="options">Grid, random points, tails, tolerance and seed; the search box is not used.</param>
    /// <exception cref="ArgumentException">ρ is not finite on the grid (or NaN in the tails), ρ is constant there, or an option is out of range.</exception>
    public static IReadOnlyList<LinearPair> LinearPairs(Func<double, double> rho, DiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(options);
        return Pairs(Verifier(rho, options, Root(options)), options.Tolerance);
    }

    private static RandomKey Root(DiscoveryOptions options) => RandomKey.FromSeed(options.Seed).Split(Purpose);

    private static SymmetryVerifier Verifier(Func<double, double> rho, DiscoveryOptions options, RandomKey root) =>
        new(rho, options, root.Split("verification"));

    private static LinearPair[] Pairs(SymmetryVerifier verifier, double tolerance) =>
        [verifier.FitLinearPair(LinearPairKind.Difference, tolerance), verifier.FitLinearPair(LinearPairKind.Sum, tolerance)];

    private static DiscoveredGroup Assemble(GroupStructure structure, IReadOnlyList<VerifiedSymmetry> elements, IReadOnlyList<VerifiedSymmetry> generators,
        IReadOnlyList<SymmetryFamily> families, SymmetryVerifier verifier, RandomKey root, double tolerance) =>
        new(structure, elements, generators, families,
            ClosureCheck.Run(elements, generators, families, verifier, root.Split("closure").Stream(), tolerance));

    private static DiscoveryResult Finish(DiscoveredGroup group, List<VerifiedSymmetry> nearMisses, List<VerifiedSymmetry> unexplained, LinearPair[] pairs, DiscoveryMethod method)
    {
        bool resolved = nearMisses.Count == 0 && unexplained.Count == 0 && group.Closure.Closed && group.Elements[0].Residual <= method.Options.Tolerance;
        return new DiscoveryResult(resolved ? DiscoveryStatus.Resolved : DiscoveryStatus.Unresolved, group,
            [.. nearMisses.OrderBy(n => n.Residual)], unexplained, pairs, method);
    }

    /// <summary>
    /// The candidate with a, b, then c, d replaced by their simple forms (<see cref="NiceNumber"/>) where the
    /// residual stays within max(tolerance, the residual before): refinement finds −1 as −0.9999999999999998,
    /// and under a loose tolerance as −1.0000001, since ρ then pins the map down only to about the tolerance.
    /// </summary>
    private static VerifiedSymmetry Snapped(SymmetryVerifier verifier, VerifiedSymmetry raw, double tolerance)
    {
        if (!double.IsFinite(raw.Residual)) return raw;
        var e = raw.Element;
        double radius = Math.Max(NiceNumber.SnapTolerance, 10 * tolerance);
        double a = NiceNumber.Snap(e.A, radius), b = NiceNumber.Snap(e.B, radius);
        var inner = a == e.A && b == e.B ? raw : verifier.Fit(a, b);
        if (!(inner.Residual <= Math.Max(tolerance, raw.Residual))) inner = raw;
        var s = inner.Element;
        var nice = s with { C = NiceNumber.Snap(s.C, radius), D = NiceNumber.Snap(s.D, radius) };
        if (nice == s) return inner;
        double residual = verifier.Residual(nice);
        return residual <= Math.Max(tolerance, inner.Residual) ? new VerifiedSymmetry(nice, residual) : inner;
    }

    private static void AddDistinct(List<VerifiedSymmetry> list, VerifiedSymmetry found)
    {
        int i = list.FindIndex(v => VerifiedSymmetry.Same(v.Element, found.Element, VerifiedSymmetry.SameElement));
        if (i < 0) list.Add(found);
        else if (found.Residual < list[i].Residual) list[i] = found;
    }
}
