using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>ρ(x) = |x|; ρ'(0) = 0. Exact. Symmetries: (a, 0, |a|, 0) for a ≠ 0 — positive scalings and the sign flip.</summary>
public readonly struct AbsOperator : IActivationOperator
{
    private static readonly PiecewiseLinearPieces Shape = new([0.0], [-1.0, 1.0]);

    /// <inheritdoc />
    public string Name => "abs";
    /// <inheritdoc />
    public string Spec => Name;
    /// <inheritdoc />
    public double Value(double x) => Math.Abs(x);
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => Vector256.Abs(x);
    /// <inheritdoc />
    public double Derivative(double x) => x > 0 ? 1 : (x < 0 ? -1 : 0);
    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<double>.Zero), Vector256<double>.One,
            Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), -Vector256<double>.One, Vector256<double>.Zero));
    /// <inheritdoc />
    public PiecewiseLinearPieces Pieces => Shape;
    /// <inheritdoc />
    public IReadOnlyList<double> TurningPoints => Shape.Breakpoints;
    /// <inheritdoc />
    public ValueRounding Rounding => ValueRounding.Exact;
    /// <inheritdoc />
    public AffineSymmetryGroup Symmetries => AffineSymmetryGroup.SignAndPositiveScalings;
    /// <inheritdoc />
    public OnnxActivation Onnx => new("Abs");
}

/// <summary>ρ(x) = |x|: see <see cref="AbsOperator"/>.</summary>
public sealed class AbsActivation() : Activation<AbsOperator>(default);
