using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Networks.Discovery;

/// <summary>
/// Scalings about a centre x₀ that scale ρ by a power: ρ(x₀ + a·u) = c(a)·ρ(x₀ + u) + ρ(x₀)·(1 − c(a)) with
/// c(a) = aᵏ for a &gt; 0 and, when ρ also has the reflection about x₀, c(a) = s·|a|ᵏ for a &lt; 0 (s = ±1). In
/// (a, b, c, d) form: (a, x₀·(1 − a), c(a), ρ(x₀)·(1 − c(a))). ReLU and leaky ReLU (k = 1, a &gt; 0), |x|
/// (k = 1, s = 1) and x³ (k = 3, s = −1) are of this shape; these are the only one-parameter families of
/// symmetries a non-affine continuous ρ can have besides <see cref="ExponentialFamily"/>.
/// </summary>
/// <param name="Centre">x₀, the fixed point of every inner map.</param>
/// <param name="Exponent">k.</param>
/// <param name="CentreValue">ρ(x₀).</param>
/// <param name="ReflectionSign">s for a &lt; 0, or null when only a &gt; 0 are symmetries.</param>
public sealed record PowerScalingFamily(double Centre, double Exponent, double CentreValue, double? ReflectionSign) : SymmetryFamily
{
    /// <inheritdoc />
    public override int Dimension => 1;

    /// <inheritdoc />
    public override int Components => ReflectionSign is null ? 1 : 2;

    /// <inheritdoc />
    public override string Description
    {
        get
        {
            string power = Exponent == 1 ? "" : $"^{NiceNumber.Format(Exponent)}";
            bool integer = Exponent == Math.Round(Exponent);
            bool odd = integer && Math.Abs(Exponent % 2) == 1;
            string c = ReflectionSign switch
            {
                null => $"a{power}",
                // s·|a|^k is a^k when k is an integer of the matching parity.
                1 when integer && !odd => $"a{power}",
                -1 when odd => $"a{power}",
                1 => $"|a|{power}",
                _ => $"sign(a)·|a|{power}",
            };
            string b = Centre == 0 ? "0" : $"{NiceNumber.Format(Centre)}·(1 - a)";
            string d = CentreValue == 0 ? "0" : $"{NiceNumber.Format(CentreValue)}·(1 - {c})";
            return $"(a, {b}, {c}, {d}), {(ReflectionSign is null ? "a > 0" : "a ≠ 0")}";
        }
    }

    /// <summary>The member with inner scaling a (a &gt; 0, or a ≠ 0 with a reflection).</summary>
    public AffineSymmetry Element(double a)
    {
        double c = a > 0 ? Power(a) : (ReflectionSign ?? double.NaN) * Power(-a);
        // Exact zeros where the centre or its value is 0, so that ReLU's members are (λ, 0, λ, 0) bit for bit.
        return new AffineSymmetry(a, Centre == 0 ? 0 : Centre * (1 - a), c, CentreValue == 0 ? 0 : CentreValue * (1 - c));
    }

    /// <summary>The same family without its reflection: the identity component (a &gt; 0).</summary>
    public PowerScalingFamily IdentityComponent => this with { ReflectionSign = null };

    /// <inheritdoc />
    public override IReadOnlyList<AffineSymmetry> Velocities => [new(1, Negate(Centre), Exponent, Negate(CentreValue * Exponent))];

    /// <inheritdoc />
    public override bool FreeScale => true;

    /// <inheritdoc />
    public override bool FreeShift => false;

    /// <inheritdoc />
    public override AffineSymmetry? Reflection => ReflectionSign is null ? null : Element(-1);

    /// <inheritdoc />
    public override AffineSymmetry? Nearest(double a, double b) => a > 0 || (a < 0 && ReflectionSign is not null) ? Element(a) : null;

    /// <summary>Scales (w, β − x₀) to unit Euclidean norm (nothing when both are zero).</summary>
    public override AffineSymmetry Normalizer(ReadOnlySpan<double> w, double bias)
    {
        double shifted = bias - Centre;
        double norm2 = SquaredNorm(w) + shifted * shifted;
        return norm2 > 0 ? Element(SnapToOne(1 / Math.Sqrt(norm2), w.Length + 1)) : AffineSymmetry.Identity;
    }

    private double Power(double a) => Exponent == 1 ? a : Math.Pow(a, Exponent);

    /// <inheritdoc />
    public override AffineSymmetry Element(ReadOnlySpan<double> parameters) => Element(parameters[0]);

    /// <inheritdoc />
    public override double[] Sample(RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double magnitude = PortableMath.Exp(random.NextDouble() * 4 - 2);
        return [ReflectionSign is not null && random.NextInt32(2) == 1 ? -magnitude : magnitude];
    }

    /// <inheritdoc />
    public override bool Contains(AffineSymmetry s, double tolerance) =>
        (s.A > 0 || (s.A < 0 && ReflectionSign is not null)) && VerifiedSymmetry.Same(s, Element(s.A), tolerance);

    /// <inheritdoc />
    internal override IReadOnlyList<double[]> CheckPoints =>
    [
        [0.01], [0.37], [2.9], [100],
        .. ReflectionSign is null ? Array.Empty<double[]>() : [[-1], [-0.02], [-0.6], [-7.5], [-50]],
    ];
}
