using System.Runtime.Intrinsics;
using NetSym.Networks.Expressions;

namespace NetSym.Networks;

/// <summary>
/// GELU in its exact form (PyTorch's default, approximate="none"): ρ(x) = x·Φ(x), Φ the standard normal
/// distribution function, computed as x·½erfc(−x/√2) (<see cref="ErrorFunction"/>), which keeps the left
/// tail's digits; ρ'(x) = Φ(x) + x·φ(x), φ the normal density. −0 at −∞. Turning point: the minimiser
/// x* ≈ −0.75179. No affine symmetry but the identity. No single ONNX op before opset 20: the ONNX reader
/// and writer use the Div, Erf, Add, Mul, Mul pattern torch.onnx exports at opsets 13–17.
/// </summary>
public readonly struct GeluErfOperator : IActivationOperator
{
    private static readonly double InverseSqrt2 = 1 / Math.Sqrt(2);
    private static readonly double InverseSqrt2Pi = 1 / Math.Sqrt(2 * Math.PI);
    // Where ρ' changes sign (mpmath's findroot at 40 digits, rounded to double).
    private const double Minimizer = -0.7517915246935645;

    /// <inheritdoc />
    public string Name => "gelu_erf";
    /// <inheritdoc />
    public string Spec => Name;

    /// <inheritdoc />
    public double Value(double x)
    {
        double phi = 0.5 * ErrorFunction.Erfc(-x * InverseSqrt2);
        // Φ = 0: ρ underflows (and −∞·0 would be NaN).
        return phi == 0 && !double.IsNaN(x) ? -0.0 : x * phi;
    }

    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: false);

    /// <inheritdoc />
    public double Derivative(double x)
    {
        double phi = 0.5 * ErrorFunction.Erfc(-x * InverseSqrt2);
        double density = InverseSqrt2Pi * Math.Exp(-0.5 * x * x);
        // φ = 0: the second term is below every double (and ±∞·0 would be NaN).
        return density == 0 ? phi : phi + x * density;
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

/// <summary>GELU, exact (erf) form: see <see cref="GeluErfOperator"/>.</summary>
public sealed class GeluErfActivation() : Activation<GeluErfOperator>(default);
