using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Networks.Discovery;

/// <summary>
/// The check that a reported group is closed under composition (a, b, c, d)∘(a', b', c', d') =
/// (aa', ab' + b, cc', cd' + d) and inversion: every product of two listed elements, sampled family members
/// or generators (and their inverses), every word of length three in the generators, and every inverse is
/// verified as a symmetry of ρ and found in the group.
/// </summary>
/// <param name="Products">Products checked.</param>
/// <param name="Inverses">Inverses checked.</param>
/// <param name="MaxResidual">The largest verification residual among them.</param>
/// <param name="Failures">How many failed (not a symmetry within the tolerance, or not in the group).</param>
public sealed record ClosureCheck(int Products, int Inverses, double MaxResidual, int Failures)
{
    private const int FamilySamples = 4;

    /// <summary>Whether every product and inverse passed.</summary>
    public bool Closed => Failures == 0;

    /// <summary>Runs the check on the group made of these parts.</summary>
    internal static ClosureCheck Run(IReadOnlyList<VerifiedSymmetry> elements, IReadOnlyList<VerifiedSymmetry> generators, IReadOnlyList<SymmetryFamily> families,
        SymmetryVerifier verifier, RandomStream random, double tolerance)
    {
        var basis = elements.Select(e => e.Element).ToList();
        foreach (var family in families)
            for (int i = 0; i < FamilySamples; i++) basis.Add(family.Element(family.Sample(random)));
        var letters = generators.SelectMany(g => new[] { g.Element, g.Element.Inverse() }).ToList();
        basis.AddRange(letters);
        var products = basis.SelectMany(x => basis, (x, y) => x.Compose(y)).ToList();
        products.AddRange(letters.SelectMany(x => letters, (x, y) => x.Compose(y)).SelectMany(xy => letters, (xy, z) => xy.Compose(z)));
        var inverses = basis.Select(x => x.Inverse()).ToList();
        double worst = 0;
        int failures = 0;
        foreach (var s in products.Concat(inverses))
        {
            double residual = verifier.Residual(s);
            worst = Math.Max(worst, residual);
            if (!(residual <= tolerance) || !DiscoveredGroup.Contains(elements, generators, families, s, VerifiedSymmetry.SameElement)) failures++;
        }
        return new ClosureCheck(products.Count, inverses.Count, worst, failures);
    }
}
