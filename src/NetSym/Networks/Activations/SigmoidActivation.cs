using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// The logistic ρ(x) = 1/(1 + e^−x), and ρ'(x) = σ(−|x|)·(1 − σ(−|x|)): evaluated on the side where
/// 1 − σ does not cancel, so the tails get the tiny positive e^−|x|/(1 + e^−|x|)² rather than 0.
/// σ(−x) = 1 − σ(x) gives the symmetry (−1, 0, −1, 1).
/// </summary>
public readonly struct SigmoidOperator : IActivationOperator
{
    private static readonly AffineSymmetryGroup Group = new([new AffineSymmetry(-1, 0, -1, 1)], []);

    /// <inheritdoc />
    public string Name => "sigmoid";
    /// <inheritdoc />
    public string Spec => Name;

    /// <inheritdoc />
    // Written so that neither branch overflows: e^{-|x|} ≤ 1.
    public double Value(double x)
    {
        if (x >= 0) return 1 / (1 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1 + e);
    }

    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: false);

    /// <inheritdoc />
    public double Derivative(double x)
    {
        double s = Value(-Math.Abs(x));
        return s * (1 - s);
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
    public OnnxActivation Onnx => new("Sigmoid");
}

/// <summary>The logistic sigmoid: see <see cref="SigmoidOperator"/>.</summary>
public sealed class SigmoidActivation() : Activation<SigmoidOperator>(default);
