using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Networks.Discovery;

/// <summary>
/// Every affine reparameterisation, the group of an affine ρ = α·x + β (α ≠ 0): ρ(a·x + b) = a·ρ(x) + α·b + β·(1 − a),
/// in (a, b, c, d) form (a, b, a, α·b + β·(1 − a)), a ≠ 0; for the identity, (a, b, a, b).
/// </summary>
/// <param name="Slope">α.</param>
/// <param name="Intercept">β.</param>
public sealed record AffineFamily(double Slope, double Intercept) : SymmetryFamily
{
    /// <inheritdoc />
    public override int Dimension => 2;

    /// <inheritdoc />
    public override int Components => 2;

    /// <inheritdoc />
    public override string Description
    {
        get
        {
            string d = (Slope, Intercept) switch
            {
                (1, 0) => "b",
                (_, 0) => $"{NiceNumber.Format(Slope)}·b",
                _ => $"{NiceNumber.Format(Slope)}·b + {NiceNumber.Format(Intercept)}·(1 - a)",
            };
            return $"(a, b, a, {d}), a ≠ 0";
        }
    }

    /// <summary>The member with inner map (a, b).</summary>
    public AffineSymmetry Element(double a, double b) =>
        Slope == 1 && Intercept == 0 ? new(a, b, a, b) : new(a, b, a, Slope * b + Intercept * (1 - a));

    /// <inheritdoc />
    public override IReadOnlyList<AffineSymmetry> Velocities => [new(1, 0, 1, Negate(Intercept)), new(0, 1, 0, Slope)];

    /// <inheritdoc />
    public override bool FreeScale => true;

    /// <inheritdoc />
    public override bool FreeShift => true;

    /// <inheritdoc />
    public override AffineSymmetry? Reflection => Element(-1, 0);

    /// <inheritdoc />
    public override AffineSymmetry? Nearest(double a, double b) => a != 0 ? Element(a, b) : null;

    /// <summary>Scales w to unit Euclidean norm and moves the bias to 0 (only the shift when w = 0).</summary>
    public override AffineSymmetry Normalizer(ReadOnlySpan<double> w, double bias)
    {
        double a = AllZero(w) ? 1 : SnapToOne(1 / Math.Sqrt(SquaredNorm(w)), w.Length);
        return Element(a, -a * bias);
    }

    /// <inheritdoc />
    public override AffineSymmetry Element(ReadOnlySpan<double> parameters) => Element(parameters[0], parameters[1]);

    /// <inheritdoc />
    public override double[] Sample(RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int sign = random.NextInt32(2) * 2 - 1;
        return [sign * PortableMath.Exp(random.NextDouble() * 4 - 2), random.NextDouble() * 4 - 2];
    }

    /// <inheritdoc />
    public override bool Contains(AffineSymmetry s, double tolerance) => s.A != 0 && VerifiedSymmetry.Same(s, Element(s.A, s.B), tolerance);

    /// <inheritdoc />
    internal override IReadOnlyList<double[]> CheckPoints => [[0.01, 3], [-1, 0.5], [7.5, -20], [-100, 1e3]];
}
