using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// ρ(x) = tanh x, vectorised and accurate to a few ulps everywhere. For |x| &lt; 0.75 a rational
/// approximation (the 10th convergent of Lambert's continued fraction, relative error below 3·10⁻²²
/// there); beyond, (e^{2|x|} − 1)/(e^{2|x|} + 1), which does not cancel there (e^{2|x|} ≥ 4.48).
/// ρ'(x) = 1 − tanh²x for |x| &lt; 0.75 and 4e^{−2|x|}/(1 + e^{−2|x|})² beyond, positive until it
/// underflows (|x| ≈ 373). Odd, so
/// (−1, 0, −1, 0) is its only non-trivial symmetry.
/// </summary>
/// <remarks>
/// The scalar path is the vector path in one lane, so spans and single values agree bit for bit
/// (exp is <see cref="VectorExp"/> in both, whose bits do not depend on the JIT). TensorPrimitives.Tanh
/// is not used: it computes e^{2x} − 1 without expm1, so tanh(10⁻¹⁰) has relative error 10⁻⁷ and
/// tanh(0) = −0.
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
        var y = a * a;
        // Beyond 19.1 tanh is 1 in double; capping there keeps e^{2a} finite (a NaN fails the test and stays).
        var cap = Vector256.Create(20.0);
        var e = VectorExp.Exp(Vector256.ConditionalSelect(Vector256.GreaterThan(a, cap), cap, a) * Vector256.Create(2.0));
        var one = Vector256<double>.One;
        // One division for both forms: a·P(a²)/Q(a²), or (e^{2a} − 1)/(e^{2a} + 1), where e^{2a} ≥ 4.48 and the subtraction loses under an ulp.
        var r = Vector256.ConditionalSelect(small, a * P(y), e - one) / Vector256.ConditionalSelect(small, Q(y), e + one);
        // r ≥ 0 (or NaN): give it x's sign, so tanh(−0) = −0.
        return r | (x & Vector256.Create(-0.0));
    }

    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x)
    {
        var a = Vector256.Abs(x);
        var small = Vector256.LessThan(a, Vector256.Create(Split));
        var y = a * a;
        // e^{−2a} is 0 in double beyond a ≈ 373; the floor keeps exp's argument in its range (a NaN stays).
        var floor = Vector256.Create(-1400.0);
        var m = Vector256.Create(-2.0) * a;
        var e = VectorExp.Exp(Vector256.ConditionalSelect(Vector256.LessThan(m, floor), floor, m));
        var one = Vector256<double>.One;
        var p = P(y);
        var q = Q(y);
        // 1 − t² = (Q² − a²P²)/Q² would cancel; 1 − t·t with t = aP/Q does not, as t² < 0.41 here.
        var t = a * p / q;
        var onePlus = one + e;
        return Vector256.ConditionalSelect(small, one - t * t, Vector256.Create(4.0) * e / (onePlus * onePlus));
    }

    // tanh a ≈ a·P(a²)/Q(a²) for 0 ≤ a < 0.75: the 10th convergent of Lambert's continued fraction
    // (integer coefficients, exact in double).
    private static Vector256<double> P(Vector256<double> y)
    {
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(55.0), y, Vector256.Create(25740.0));
        p = Vector256.FusedMultiplyAdd(p, y, Vector256.Create(2837835.0));
        p = Vector256.FusedMultiplyAdd(p, y, Vector256.Create(91891800.0));
        return Vector256.FusedMultiplyAdd(p, y, Vector256.Create(654729075.0));
    }

    private static Vector256<double> Q(Vector256<double> y)
    {
        var q = y + Vector256.Create(1485.0);
        q = Vector256.FusedMultiplyAdd(q, y, Vector256.Create(315315.0));
        q = Vector256.FusedMultiplyAdd(q, y, Vector256.Create(18918900.0));
        q = Vector256.FusedMultiplyAdd(q, y, Vector256.Create(310134825.0));
        return Vector256.FusedMultiplyAdd(q, y, Vector256.Create(654729075.0));
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
