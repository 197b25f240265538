using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Networks.Discovery;

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

    /// <summary>
    /// Velocities (a′, b′, c′, d′) at the identity spanning the family's tangent space (<see cref="Dimension"/> of
    /// them): the directions in which the family moves a network's parameters without changing its function.
    /// </summary>
    public abstract IReadOnlyList<AffineSymmetry> Velocities { get; }

    /// <summary>Whether the family's members reach every inner scale a of one sign, so that a twin's scale needs no exact check.</summary>
    public abstract bool FreeScale { get; }

    /// <summary>Whether the family's members reach every inner shift b for a given scale, so that a twin's bias needs no exact check.</summary>
    public abstract bool FreeShift { get; }

    /// <summary>The member with a = −1 when the family has one (a reflection within the family), else null.</summary>
    public abstract AffineSymmetry? Reflection { get; }

    /// <summary>
    /// The member whose inner map is nearest (a, b) among those of a's sign, or null when the family has no
    /// member of that sign; the caller checks how near it is.
    /// </summary>
    public abstract AffineSymmetry? Nearest(double a, double b);

    /// <summary>
    /// The member of the identity component that brings a neuron with incoming weights w and bias β (already
    /// reflected so that its largest weight is positive) to the family's normal form: unit norm for scalings,
    /// bias at the family's origin for shifts. A scale within rounding of 1 is taken as exactly 1, so that a
    /// normal form is its own normal form, bit for bit.
    /// </summary>
    /// <remarks>Only |wₖ| is read, so the reflection (a = −1) may be applied to β alone beforehand.</remarks>
    public abstract AffineSymmetry Normalizer(ReadOnlySpan<double> w, double bias);

    /// <summary>Σ wₖ², summed in index order (the order fixes the rounding, so normal forms are reproducible).</summary>
    internal static double SquaredNorm(ReadOnlySpan<double> w)
    {
        double sum = 0;
        foreach (double v in w) sum += v * v;
        return sum;
    }

    /// <summary>Whether every wₖ is zero.</summary>
    private protected static bool AllZero(ReadOnlySpan<double> w)
    {
        foreach (double v in w) if (v != 0) return false;
        return true;
    }

    // A norm computed from n rounded squares is off by up to about n·ε: a row that is already of unit
    // norm must not be rescaled by such noise, or canonicalisation would not be idempotent.
    internal static double SnapToOne(double scale, int terms) =>
        Math.Abs(scale - 1) <= 4.0 * (terms + 1) * FloatingPoint.MachineEpsilon ? 1 : scale;

    /// <summary>−x, with 0 for x = 0 (never −0, so that exact comparisons and printed values stay clean).</summary>
    private protected static double Negate(double x) => x == 0 ? 0 : -x;
}
