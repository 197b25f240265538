using NetSym.Randomness;

namespace NetSym.Networks.Discovery;

/// <summary>
/// Names the continuous family behind many verified symmetries. The closed subgroups of the affine maps
/// of the line of dimension 1 fix a point (scalings about a centre) or are the translations, and ρ's output
/// scale c must then be a continuous homomorphism: c = aᵏ, or c = e^(λb). So discovery fits the centre and
/// the exponent (or the rate and the asymptote) from the symmetries it verified, then verifies the named
/// family at members far from those: tiny and huge scalings, long shifts, seeded random ones.
/// </summary>
internal static class FamilyDetection
{
    private const int RandomMembers = 4;

    /// <summary>The power-scaling family about a common centre, or null when the scalings found are not one.</summary>
    public static PowerScalingFamily? Power(IReadOnlyList<VerifiedSymmetry> verified, SymmetryVerifier verifier, RandomStream random, double tolerance)
    {
        var scalings = verified.Where(v => Math.Abs(Math.Log(Math.Abs(v.Element.A))) > 1e-3).ToList();
        var positive = scalings.Where(v => v.Element.A > 0 && v.Element.C > 0).ToList();
        if (positive.Count < 2) return null;
        double centre = Median(scalings.Select(v => v.Element.B / (1 - v.Element.A)));
        double exponent = Median(positive.Select(v => Math.Log(v.Element.C) / Math.Log(v.Element.A)));
        foreach (var (x0, k) in new[] { (NiceNumber.Snap(centre), NiceNumber.Snap(exponent)), (centre, exponent) }.Distinct())
        {
            double value = verifier.Value(x0);
            if (!double.IsFinite(value) || Verified(new PowerScalingFamily(x0, k, value, null), verifier, random, tolerance) is not { } one) continue;
            var reflection = verifier.Fit(-1, 2 * x0);
            double sign = NiceNumber.Snap(reflection.Element.C);
            if (reflection.Residual <= tolerance && Math.Abs(sign) == 1
                && Verified(new PowerScalingFamily(x0, k, value, sign), verifier, random, tolerance) is { } two)
                return two;
            return one;
        }
        return null;
    }

    /// <summary>The exponential family of translations, or null when the translations found are not one.</summary>
    public static ExponentialFamily? Exponential(IReadOnlyList<VerifiedSymmetry> verified, SymmetryVerifier verifier, RandomStream random, double tolerance)
    {
        var shifts = verified.Where(v => VerifiedSymmetry.Close(v.Element.A, 1, VerifiedSymmetry.SameElement) && Math.Abs(v.Element.B) > 1e-6 && v.Element.C > 0 && Math.Abs(Math.Log(v.Element.C)) > 1e-6).ToList();
        if (shifts.Count < 2) return null;
        double rate = Median(shifts.Select(v => Math.Log(v.Element.C) / v.Element.B));
        var spread = shifts.Where(v => Math.Abs(1 - v.Element.C) > 1e-3).ToList();
        double asymptote = spread.Count == 0 ? 0 : Median(spread.Select(v => v.Element.D / (1 - v.Element.C)));
        foreach (var (lambda, beta) in new[] { (NiceNumber.Snap(rate), NiceNumber.Snap(asymptote)), (rate, asymptote) }.Distinct())
            if (Verified(new ExponentialFamily(lambda, beta), verifier, random, tolerance) is { } family)
                return family;
        return null;
    }

    /// <summary>The family with its residual and member count when every checked member verifies, else null.</summary>
    public static T? Verified<T>(T family, SymmetryVerifier verifier, RandomStream random, double tolerance) where T : SymmetryFamily
    {
        double worst = 0;
        int members = 0;
        foreach (var parameters in family.CheckPoints.Concat(Enumerable.Range(0, RandomMembers).Select(_ => family.Sample(random))))
        {
            double residual = verifier.Residual(family.Element(parameters));
            if (!(residual <= tolerance)) return null;
            worst = Math.Max(worst, residual);
            members++;
        }
        return family with { Residual = worst, VerifiedMembers = members };
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
