using NetSym.Networks;

namespace NetSym.Networks.Discovery;

/// <summary>
/// The affine symmetry group of ρ as discovery found it: a finite group listed element by element, a
/// continuous family, or an infinite discrete group given by generators, with the closure check.
/// </summary>
/// <param name="Structure">Which of the three shapes.</param>
/// <param name="Elements">The listed elements, identity first: every element of a finite group, the identity alone otherwise.</param>
/// <param name="Families">The continuous families (one, or none).</param>
/// <param name="Generators">Generators of an infinite discrete group (a period first, a reflection last); empty otherwise.</param>
/// <param name="Closure">Products and inverses of listed elements, family members and generators, each verified as a symmetry and found in the group.</param>
public sealed record DiscoveredGroup(
    GroupStructure Structure,
    IReadOnlyList<VerifiedSymmetry> Elements,
    IReadOnlyList<VerifiedSymmetry> Generators,
    IReadOnlyList<SymmetryFamily> Families,
    ClosureCheck Closure)
{
    /// <summary>The number of elements of a finite group; null otherwise.</summary>
    public int? Order => Structure == GroupStructure.Finite ? Elements.Count : null;

    /// <summary>The dimension of the continuous part (0 when there is none).</summary>
    public int ContinuousDimension => Families.Sum(f => f.Dimension);

    /// <summary>Whether <paramref name="s"/> is in the group, coordinates compared to <paramref name="tolerance"/> (relative to max(1, |value|)).</summary>
    public bool Contains(AffineSymmetry s, double tolerance = VerifiedSymmetry.SameElement) => Contains(Elements, Generators, Families, s, tolerance);

    /// <summary>
    /// The same group in the parts every analysis uses (<see cref="AffineSymmetryGroup"/>): the listed elements;
    /// a scaling family with both signs becomes its identity component with its reflection (a = −1) listed; the
    /// period or discrete scaling becomes the step, the reflection a listed element. Null only for a group with
    /// both a period and a discrete scaling, which those parts cannot hold (no such ρ has been met).
    /// </summary>
    public AffineSymmetryGroup? ToAffineSymmetryGroup() => Parts(Elements, Generators, Families);

    /// <summary>The group made of these parts in <see cref="AffineSymmetryGroup"/>'s form (see <see cref="ToAffineSymmetryGroup"/>).</summary>
    private static AffineSymmetryGroup? Parts(IReadOnlyList<VerifiedSymmetry> elements, IReadOnlyList<VerifiedSymmetry> generators, IReadOnlyList<SymmetryFamily> families)
    {
        var discrete = elements.Skip(1).Select(e => e.Element).ToList();
        var identityComponents = new List<SymmetryFamily>();
        foreach (var family in families)
        {
            if (family is PowerScalingFamily { Reflection: { } reflection } power)
            {
                discrete.Add(reflection);
                identityComponents.Add(power.IdentityComponent);
            }
            else identityComponents.Add(family);
        }
        var reflections = generators.Where(g => VerifiedSymmetry.Close(g.Element.A, -1, VerifiedSymmetry.SameElement)).Select(g => g.Element).ToList();
        var steps = generators.Select(g => g.Element).Except(reflections).ToList();
        if (steps.Count > 1 || identityComponents.Count > 1) return null;
        return new AffineSymmetryGroup([.. discrete, .. reflections], identityComponents, steps.Count == 1 ? steps[0] : null);
    }

    /// <summary>
    /// Membership in the group made of these parts (see <see cref="Contains(AffineSymmetry, double)"/>): the group's
    /// element with s's inner map, compared with s in all four coordinates; for parts no group holds, the listed
    /// elements and families alone.
    /// </summary>
    internal static bool Contains(IReadOnlyList<VerifiedSymmetry> elements, IReadOnlyList<VerifiedSymmetry> generators, IReadOnlyList<SymmetryFamily> families, AffineSymmetry s, double tolerance)
    {
        if (Parts(elements, generators, families) is not { } group)
            return elements.Any(e => VerifiedSymmetry.Same(e.Element, s, tolerance)) || families.Any(f => f.Contains(s, tolerance));
        return group.Member(s.A, s.B, tolerance) is { } member && VerifiedSymmetry.Same(member, s, tolerance);
    }
}
