using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Networks.Discovery;

/// <summary>
/// Every translation, scaling ρ's distance from its asymptote β by e^(λ·b): ρ(x + b) = e^(λb)·ρ(x) + β·(1 − e^(λb)),
/// in (a, b, c, d) form (1, b, e^(λb), β·(1 − e^(λb))), b real. This is the family of ρ = α·e^(λx) + β (eˣ: λ = 1,
/// β = 0, "bias shifts that scale the output").
/// </summary>
/// <param name="Rate">λ.</param>
/// <param name="Asymptote">β.</param>
public sealed record ExponentialFamily(double Rate, double Asymptote) : SymmetryFamily
{
    /// <inheritdoc />
    public override int Dimension => 1;

    /// <inheritdoc />
    public override int Components => 1;

    /// <inheritdoc />
    public override string Description
    {
        get
        {
            string c = Rate == 1 ? "e^b" : $"e^({NiceNumber.Format(Rate)}·b)";
            string d = Asymptote == 0 ? "0" : $"{NiceNumber.Format(Asymptote)}·(1 - {c})";
            return $"(1, b, {c}, {d}), b real";
        }
    }

    /// <summary>The member with shift b.</summary>
    public AffineSymmetry Element(double b)
    {
        double c = Math.Exp(Rate * b);
        return new AffineSymmetry(1, b, c, Asymptote == 0 ? 0 : Asymptote * (1 - c));
    }

    /// <inheritdoc />
    public override AffineSymmetry Element(ReadOnlySpan<double> parameters) => Element(parameters[0]);

    /// <inheritdoc />
    public override IReadOnlyList<AffineSymmetry> Velocities => [new(0, 1, Rate, Negate(Asymptote * Rate))];

    /// <inheritdoc />
    public override bool FreeScale => false;

    /// <inheritdoc />
    public override bool FreeShift => true;

    /// <inheritdoc />
    public override AffineSymmetry? Reflection => null;

    /// <inheritdoc />
    public override AffineSymmetry? Nearest(double a, double b) => a > 0 ? Element(b) : null;

    /// <summary>Moves the bias to 0: the shift goes into the outgoing weights as the factor e^(−λβ).</summary>
    public override AffineSymmetry Normalizer(ReadOnlySpan<double> w, double bias) => bias == 0 ? AffineSymmetry.Identity : Element(-bias);

    /// <inheritdoc />
    public override double[] Sample(RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return [random.NextDouble() * 6 - 3];
    }

    /// <inheritdoc />
    public override bool Contains(AffineSymmetry s, double tolerance) => VerifiedSymmetry.Same(s, Element(s.B), tolerance);

    /// <inheritdoc />
    internal override IReadOnlyList<double[]> CheckPoints => [[-11.3], [-2.7], [-0.41], [0.23], [1.9], [7.7], [25]];
}
