using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// SiLU (swish) ρ(x) = x·σ(x), σ the logistic sigmoid (<see cref="SigmoidOperator"/>);
/// ρ'(x) = σ(x) + x·σ(x)·σ(−x), with σ(−x) for 1 − σ(x), which would cancel for large x. −0 at −∞.
/// Turning point: the minimiser x* ≈ −1.27846. No affine symmetry but the identity. No single ONNX op:
/// the ONNX reader and writer use PyTorch's Sigmoid-then-Mul pattern.
/// </summary>
public readonly struct SiluOperator : IActivationOperator
{
    // Where ρ' changes sign (mpmath's findroot at 40 digits, rounded to double).
    private const double Minimizer = -1.2784645427610737;

    /// <inheritdoc />
    public string Name => "silu";
    /// <inheritdoc />
    public string Spec => Name;

    /// <inheritdoc />
    public double Value(double x)
    {
        double s = default(SigmoidOperator).Value(x);
        // s = 0: ρ underflows (and −∞·0 would be NaN).
        return s == 0 && !double.IsNaN(x) ? -0.0 : x * s;
    }

    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: false);

    /// <inheritdoc />
    public double Derivative(double x)
    {
        var sigmoid = default(SigmoidOperator);
        double s = sigmoid.Value(x), t = sigmoid.Value(-x);
        // Either factor 0: the product term is below every double (and ±∞·0 would be NaN).
        return s == 0 || t == 0 ? s : s + x * s * t;
    }

    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: true);
    /// <inheritdoc />
    public PiecewiseLinearPieces? Pieces => null;
    /// <inheritdoc />
    public IReadOnlyList<double> TurningPoints => [Minimizer];
    /// <inheritdoc />
    public ValueRounding Rounding => ValueRounding.Transcendental;
    /// <inheritdoc />
    public AffineSymmetryGroup Symmetries => AffineSymmetryGroup.Trivial;
    /// <inheritdoc />
    public OnnxActivation? Onnx => null;
}

/// <summary>ρ(x) = x·σ(x): see <see cref="SiluOperator"/>.</summary>
public sealed class SiluActivation() : Activation<SiluOperator>(default);
