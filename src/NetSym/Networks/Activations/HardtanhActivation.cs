using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>ρ(x) = clamp(x, −1, 1). Exact. Odd, so (−1, 0, −1, 0) is a symmetry; piecewise linear. ONNX: Clip(−1, 1).</summary>
public readonly struct HardtanhOperator : IActivationOperator
{
    private static readonly PiecewiseLinearPieces Shape = new([-1.0, 1.0], [0.0, 1.0, 0.0]);
    private static readonly AffineSymmetryGroup Group = new([new AffineSymmetry(-1, 0, -1, 0)], []);

    /// <inheritdoc />
    public string Name => "hardtanh";
    /// <inheritdoc />
    public string Spec => Name;
    /// <inheritdoc />
    public double Value(double x) => ClampOperator.Value(x, -1, 1);
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ClampOperator.Value(x, -1, 1);
    /// <inheritdoc />
    public double Derivative(double x) => ClampOperator.Derivative(x, -1, 1);
    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x) => ClampOperator.Derivative(x, -1, 1);
    /// <inheritdoc />
    public PiecewiseLinearPieces Pieces => Shape;
    /// <inheritdoc />
    public IReadOnlyList<double> TurningPoints => Shape.Breakpoints;
    /// <inheritdoc />
    public ValueRounding Rounding => ValueRounding.Exact;
    /// <inheritdoc />
    public AffineSymmetryGroup Symmetries => Group;
    /// <inheritdoc />
    public OnnxActivation Onnx => new("Clip", ClipBounds: (-1, 1));
}

/// <summary>ρ(x) = clamp(x, −1, 1): see <see cref="HardtanhOperator"/>.</summary>
public sealed class HardtanhActivation() : Activation<HardtanhOperator>(default);
