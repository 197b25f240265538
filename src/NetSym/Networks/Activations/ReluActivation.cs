using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>ρ(x) = max(x, 0); ρ'(0) = 0, as PyTorch. Exact. Symmetries: positive scalings (λ, 0, λ, 0).</summary>
public readonly struct ReluOperator : IActivationOperator
{
    private static readonly PiecewiseLinearPieces Shape = new([0.0], [0.0, 1.0]);

    /// <inheritdoc />
    public string Name => "relu";
    /// <inheritdoc />
    public string Spec => Name;
    /// <inheritdoc />
    public double Value(double x) => x > 0 ? x : (double.IsNaN(x) ? x : 0);
    /// <inheritdoc />
    // x ≤ 0 is false for NaN, which passes through as in the scalar path.
    public Vector256<double> Value(Vector256<double> x) => Vector256.AndNot(x, Vector256.LessThanOrEqual(x, Vector256<double>.Zero));
    /// <inheritdoc />
    public double Derivative(double x) => x > 0 ? 1 : 0;
    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x) => Vector256.GreaterThan(x, Vector256<double>.Zero) & Vector256<double>.One;
    /// <inheritdoc />
    public PiecewiseLinearPieces Pieces => Shape;
    /// <inheritdoc />
    public IReadOnlyList<double> TurningPoints => Shape.Breakpoints;
    /// <inheritdoc />
    public ValueRounding Rounding => ValueRounding.Exact;
    /// <inheritdoc />
    public AffineSymmetryGroup Symmetries => AffineSymmetryGroup.PositiveScalings;
    /// <inheritdoc />
    public OnnxActivation Onnx => new("Relu");
}

/// <summary>ReLU, ρ(x) = max(x, 0): see <see cref="ReluOperator"/>.</summary>
public sealed class ReluActivation() : Activation<ReluOperator>(default);
