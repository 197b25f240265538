using NetSym.Randomness;

namespace NetSym.Networks;

/// <summary>The shapes of continuous symmetry families that NetSym's analyses know how to use.</summary>
public enum SymmetryFamilyKind
{
    /// <summary>(λ, 0, λ, 0), λ &gt; 0: positive homogeneity (ReLU, leaky ReLU, |x|).</summary>
    PositiveScaling,

    /// <summary>(a, b, a, b), a ≠ 0: every affine reparameterisation (the identity map).</summary>
    Affine,
}

/// <summary>
/// A continuous family of affine symmetries, parameterised by <see cref="Dimension"/> reals.
/// </summary>
/// <param name="Kind">Which shape of family this is.</param>
/// <param name="Description">The family in words, e.g. "(λ, 0, λ, 0), λ > 0".</param>
/// <param name="Dimension">Number of real parameters (the Lie-group dimension).</param>
/// <param name="Element">Maps a parameter vector (length <see cref="Dimension"/>, values in the family's
/// domain) to one element; <see cref="Sample"/> draws valid parameters.</param>
/// <param name="Sample">Draws one valid parameter vector from the family.</param>
public sealed record ContinuousSymmetryFamily(
    SymmetryFamilyKind Kind,
    string Description,
    int Dimension,
    Func<ReadOnlyMemory<double>, AffineSymmetry> Element,
    Func<RandomStream, double[]> Sample)
{
    /// <summary>The positive scalings (λ, 0, λ, 0), λ &gt; 0, of a positively homogeneous ρ.</summary>
    public static ContinuousSymmetryFamily PositiveScaling { get; } = new(
        SymmetryFamilyKind.PositiveScaling,
        "(λ, 0, λ, 0), λ > 0",
        1,
        p => new AffineSymmetry(p.Span[0], 0, p.Span[0], 0),
        r => [PortableMath.Exp(r.NextDouble() * 4 - 2)]);

    /// <summary>Every affine reparameterisation (a, b, a, b), a ≠ 0: the symmetries of the identity map.</summary>
    public static ContinuousSymmetryFamily Affine { get; } = new(
        SymmetryFamilyKind.Affine,
        "(a, b, a, b), a ≠ 0",
        2,
        p => new AffineSymmetry(p.Span[0], p.Span[1], p.Span[0], p.Span[1]),
        r => [(r.NextInt32(2) * 2 - 1) * PortableMath.Exp(r.NextDouble() * 4 - 2), r.NextDouble() * 4 - 2]);
}

/// <summary>
/// The affine symmetry group of a nonlinearity: finitely many listed discrete elements (besides the
/// identity) and, where the group is not finite, the continuous families that generate the rest.
/// </summary>
/// <param name="Discrete">Non-identity elements not reachable inside a continuous family, e.g. tanh's (−1,0,−1,0).</param>
/// <param name="Continuous">Continuous families, e.g. ReLU's positive scalings.</param>
public sealed record AffineSymmetryGroup(
    IReadOnlyList<AffineSymmetry> Discrete,
    IReadOnlyList<ContinuousSymmetryFamily> Continuous)
{
    /// <summary>The trivial group: only the identity.</summary>
    public static AffineSymmetryGroup Trivial { get; } = new([], []);

    /// <summary>The group of ReLU and leaky ReLU: the positive scalings alone.</summary>
    public static AffineSymmetryGroup PositiveScalings { get; } = new([], [ContinuousSymmetryFamily.PositiveScaling]);

    /// <summary>The group of the identity map: every affine reparameterisation.</summary>
    public static AffineSymmetryGroup AffineMaps { get; } = new([], [ContinuousSymmetryFamily.Affine]);

    /// <summary>The group of |x|: positive scalings and the sign flip (−1, 0, 1, 0).</summary>
    public static AffineSymmetryGroup SignAndPositiveScalings { get; } =
        new([new AffineSymmetry(-1, 0, 1, 0)], [ContinuousSymmetryFamily.PositiveScaling]);

    /// <summary>Dimension of the continuous part (0 for a finite group).</summary>
    public int ContinuousDimension => Continuous.Sum(f => f.Dimension);

    /// <summary>Order of the discrete part, identity included (the number of connected components).</summary>
    public int DiscreteOrder => Discrete.Count + 1;

    /// <summary>Whether the group is the identity alone.</summary>
    public bool IsTrivial => Discrete.Count == 0 && Continuous.Count == 0;
}
