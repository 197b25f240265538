using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// ρ(x) = min(max(x, 0), 6). Exact. Point-symmetric about (3, 3): ρ(6 − x) = 6 − ρ(x), i.e. (−1, 6, −1, 6).
/// ONNX: Clip(0, 6).
/// </summary>
public readonly struct Relu6Operator : IActivationOperator
{
    private static readonly PiecewiseLinearPieces Shape = new([0.0, 6.0], [0.0, 1.0, 0.0]);
    private static readonly AffineSymmetryGroup Group = new([new AffineSymmetry(-1, 6, -1, 6)], []);

    /// <inheritdoc />
    public string Name => "relu6";
    /// <inheritdoc />
    public string Spec => Name;
    /// <inheritdoc />
    public double Value(double x) => ClampOperator.Value(x, 0, 6);
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ClampOperator.Value(x, 0, 6);
    /// <inheritdoc />
    public double Derivative(double x) => ClampOperator.Derivative(x, 0, 6);
    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x) => ClampOperator.Derivative(x, 0, 6);
    /// <inheritdoc />
    public PiecewiseLinearPieces Pieces => Shape;
    /// <inheritdoc />
    public IReadOnlyList<double> TurningPoints => Shape.Breakpoints;
    /// <inheritdoc />
    public ValueRounding Rounding => ValueRounding.Exact;
    /// <inheritdoc />
    public AffineSymmetryGroup Symmetries => Group;
    /// <inheritdoc />
    public OnnxActivation Onnx => new("Clip", ClipBounds: (0, 6));
}

/// <summary>ρ(x) = min(max(x, 0), 6): see <see cref="Relu6Operator"/>.</summary>
public sealed class Relu6Activation() : Activation<Relu6Operator>(default);
