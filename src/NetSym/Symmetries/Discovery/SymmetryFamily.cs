using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Symmetries.Discovery;

/// <summary>
/// A continuous family of affine symmetries found by discovery, in one of the shapes a closed subgroup of
/// the affine maps of the line can take for a non-constant continuous ρ: power scalings about a centre
/// (<see cref="PowerScalingFamily"/>), translations that scale the output (<see cref="ExponentialFamily"/>),
/// or every affine map (<see cref="AffineFamily"/>, ρ itself affine).
/// </summary>
public abstract record SymmetryFamily
{
    /// <summary>The family in words and symbols, e.g. "(a, 0, a^3, 0), a ≠ 0".</summary>
    public abstract string Description { get; }

    /// <summary>Number of real parameters (the Lie-group dimension).</summary>
    public abstract int Dimension { get; }

    /// <summary>Connected components (2 for a scaling family with both signs of a).</summary>
    public abstract int Components { get; }

    /// <summary>The largest residual over the members that were verified.</summary>
    public double Residual { get; init; }

    /// <summary>How many members were verified (fixed ones spanning large and small parameters, and seeded random ones).</summary>
    public int VerifiedMembers { get; init; }

    /// <summary>The member with parameters <paramref name="parameters"/> (length <see cref="Dimension"/>).</summary>
    public abstract AffineSymmetry Element(ReadOnlySpan<double> parameters);

    /// <summary>Draws valid parameters for <see cref="Element"/>.</summary>
    public abstract double[] Sample(RandomStream random);

    /// <summary>Whether <paramref name="s"/> is a member, coordinates compared to <paramref name="tolerance"/> (relative to max(1, |value|)).</summary>
    public abstract bool Contains(AffineSymmetry s, double tolerance);

    /// <summary>Parameters at which the family is verified besides random ones: far from the identity in both directions.</summary>
    internal abstract IReadOnlyList<double[]> CheckPoints { get; }
}
