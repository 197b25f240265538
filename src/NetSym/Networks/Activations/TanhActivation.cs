using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// ρ(x) = tanh x, vectorised and accurate to a few ulps everywhere. For |x| &lt; 0.75 a rational
/// approximation (the 10th convergent of Lambert's continued fraction, relative error below 3·10⁻²²
/// there); beyond, 1 − 2/(e^{2|x|} + 1), which does not cancel there. ρ'(x) = 1 − tanh²x for
/// |x| &lt; 0.75 and 4e^{−2|x|}/(1 + e^{−2|x|})² beyond, positive until it underflows. Odd, so
/// (−1, 0, −1, 0) is its only non-trivial symmetry.
/// </summary>
/// <remarks>
/// The scalar path is the vector path in one lane, so spans and single values agree bit for bit
/// (exp is <see cref="Vector256.Exp(Vector256{double})"/> in both). TensorPrimitives.Tanh is not used:
/// it computes e^{2x} − 1 without expm1, so tanh(10⁻¹⁰) has relative error 10⁻⁷ and tanh(0) = −0.
/// </remarks>
public readonly struct TanhOperator : IActivationOperator
{
    private const double Split = 0.75;
    private static readonly AffineSymmetryGroup Group = new([new AffineSymmetry(-1, 0, -1, 0)], []);

    /// <inheritdoc />
    public string Name => "tanh";
    /// <inheritdoc />
    public string Spec => Name;
    /// <inheritdoc />
    public double Value(double x) => Value(Vector256.Create(x)).ToScalar();
    /// <inheritdoc />
    public double Derivative(double x) => Derivative(Vector256.Create(x)).ToScalar();

    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x)
    {
        var a = Vector256.Abs(x);
        var small = Vector256.LessThan(a, Vector256.Create(Split));
        // Each lane gets the same bits whichever way: skipping a branch no lane needs only saves time.
        var r = Vector256.ExtractMostSignificantBits(small) switch
        {
            0b1111 => Rational(a),
            0 => Exponential(a),
            _ => Vector256.ConditionalSelect(small, Rational(a), Exponential(a)),
        };
        // r ≥ 0 (or NaN): give it x's sign, so tanh(−0) = −0.
        return r | (x & Vector256.Create(-0.0));
    }

    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x)
    {
        var a = Vector256.Abs(x);
        var small = Vector256.LessThan(a, Vector256.Create(Split));
        var one = Vector256<double>.One;
        var t = Rational(a);
        var e = Vector256.Exp(Vector256.Create(-2.0) * a);
        var onePlus = one + e;
        return Vector256.ConditionalSelect(small, one - t * t, Vector256.Create(4.0) * e / (onePlus * onePlus));
    }

    // a·P(a²)/Q(a²) for 0 ≤ a < 0.75 (Lambert's continued fraction, 10th convergent; integer coefficients, exact in double).
    private static Vector256<double> Rational(Vector256<double> a)
    {
        var y = a * a;
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(55.0), y, Vector256.Create(25740.0));
        p = Vector256.FusedMultiplyAdd(p, y, Vector256.Create(2837835.0));
        p = Vector256.FusedMultiplyAdd(p, y, Vector256.Create(91891800.0));
        p = Vector256.FusedMultiplyAdd(p, y, Vector256.Create(654729075.0));
        var q = y + Vector256.Create(1485.0);
        q = Vector256.FusedMultiplyAdd(q, y, Vector256.Create(315315.0));
        q = Vector256.FusedMultiplyAdd(q, y, Vector256.Create(18918900.0));
        q = Vector256.FusedMultiplyAdd(q, y, Vector256.Create(310134825.0));
        q = Vector256.FusedMultiplyAdd(q, y, Vector256.Create(654729075.0));
        return a * p / q;
    }

    // 1 − 2/(e^{2a} + 1) for a ≥ 0.75, where the result exceeds 0.63 and the subtraction loses nothing; 1 once e^{2a} overflows.
    private static Vector256<double> Exponential(Vector256<double> a)
    {
        var e = Vector256.Exp(a + a);
        return Vector256<double>.One - Vector256.Create(2.0) / (e + Vector256<double>.One);
    }

    /// <inheritdoc />
    public PiecewiseLinearPieces? Pieces => null;
    /// <inheritdoc />
    public IReadOnlyList<double> TurningPoints => [];
    /// <inheritdoc />
    public ValueRounding Rounding => ValueRounding.Transcendental;
    /// <inheritdoc />
    public AffineSymmetryGroup Symmetries => Group;
    /// <inheritdoc />
    public OnnxActivation Onnx => new("Tanh");
}

/// <summary>ρ(x) = tanh x: see <see cref="TanhOperator"/>.</summary>
public sealed class TanhActivation() : Activation<TanhOperator>(default);
