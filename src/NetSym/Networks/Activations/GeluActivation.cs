using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// GELU in its tanh form (PyTorch's approximate="tanh"): ρ(x) = ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³).
/// For x &lt; 0 it is computed as x·σ(2u) (since ½(1 + tanh u) = σ(2u)), which keeps the left tail's
/// tiny values and derivatives where 1 + tanh u cancels to 0. Turning point: the minimiser
/// x* ≈ −0.75246. No affine symmetry but the identity; no ONNX op before opset 20.
/// </summary>
public readonly struct GeluOperator : IActivationOperator
{
    private static readonly double K = Math.Sqrt(2 / Math.PI);
    private const double C = 0.044715;
    // The minimiser of GELU's tanh form, where its derivative changes sign (computed by bisection on ρ').
    private const double Minimizer = -0.75246142207101625;

    /// <inheritdoc />
    public string Name => "gelu";
    /// <inheritdoc />
    public string Spec => Name;

    /// <inheritdoc />
    public double Value(double x)
    {
        double u = K * (x + C * x * x * x);
        if (!(u < 0)) return 0.5 * x * (1 + Math.Tanh(u));
        double e = Math.Exp(2 * u);
        // e = 0: ρ(x) underflows (and −∞·0 would be NaN at x = −∞).
        return e == 0 ? -0.0 : x * (e / (1 + e));
    }

    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: false);

    /// <inheritdoc />
    // ρ' = s + 2x·s(1 − s)·u' with s = σ(2u), written for x ≥ 0 as ½(1 + t) + ½x(1 − t²)·u', t = tanh u.
    public double Derivative(double x)
    {
        double u = K * (x + C * x * x * x);
        if (!(u < 0))
        {
            double t = Math.Tanh(u);
            // t = 1: the second term is below an ulp of 1 (and ∞·0 would be NaN for huge x).
            return t == 1 ? 1 : 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * K * (1 + 3 * C * x * x);
        }
        double e = Math.Exp(2 * u);
        if (e == 0) return 0;
        double s = e / (1 + e);
        return s + 2 * x * (s / (1 + e)) * K * (1 + 3 * C * x * x);
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

/// <summary>GELU, tanh form: see <see cref="GeluOperator"/>.</summary>
public sealed class GeluActivation() : Activation<GeluOperator>(default);
