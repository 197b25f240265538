using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// ρ(x) = x/(1 + |x|), ±1 at ±∞; ρ'(x) = 1/(1 + |x|)². Odd, so (−1, 0, −1, 0) is a symmetry: with the
/// identity, the group Vlačić and Bölcskei's theory gives a tanh-type ρ. ONNX: Softsign.
/// </summary>
public readonly struct SoftsignOperator : IActivationOperator
{
    private static readonly AffineSymmetryGroup Group = new([new AffineSymmetry(-1, 0, -1, 0)], []);

    /// <inheritdoc />
    public string Name => "softsign";
    /// <inheritdoc />
    public string Spec => Name;
    // ∞/∞ would be NaN: the limit is ±1.
    /// <inheritdoc />
    public double Value(double x) => double.IsInfinity(x) ? Math.Sign(x) : x / (1 + Math.Abs(x));
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: false);
    /// <inheritdoc />
    public double Derivative(double x)
    {
        double d = 1 + Math.Abs(x);
        return 1 / (d * d);
    }
    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: true);
    /// <inheritdoc />
    public PiecewiseLinearPieces? Pieces => null;
    /// <inheritdoc />
    public IReadOnlyList<double> TurningPoints => [];
    /// <inheritdoc />
    public ValueRounding Rounding => ValueRounding.Transcendental;
    /// <inheritdoc />
    public AffineSymmetryGroup Symmetries => Group;
    /// <inheritdoc />
    public OnnxActivation Onnx => new("Softsign");
}

/// <summary>ρ(x) = x/(1 + |x|): see <see cref="SoftsignOperator"/>.</summary>
public sealed class SoftsignActivation() : Activation<SoftsignOperator>(default);
