using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>ρ(x) = x: an affine layer. Exact. Every (a, b, a, b) with a ≠ 0 is a symmetry. No ONNX node.</summary>
public readonly struct IdentityOperator : IActivationOperator
{
    private static readonly PiecewiseLinearPieces Shape = new([], [1.0]);

    /// <inheritdoc />
    public string Name => "identity";
    /// <inheritdoc />
    public string Spec => Name;
    /// <inheritdoc />
    public double Value(double x) => x;
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => x;
    /// <inheritdoc />
    public double Derivative(double x) => 1;
    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x) => Vector256<double>.One;
    /// <inheritdoc />
    public PiecewiseLinearPieces Pieces => Shape;
    /// <inheritdoc />
    public IReadOnlyList<double> TurningPoints => Shape.Breakpoints;
    /// <inheritdoc />
    public ValueRounding Rounding => ValueRounding.Exact;
    /// <inheritdoc />
    public AffineSymmetryGroup Symmetries => AffineSymmetryGroup.AffineMaps;
    /// <inheritdoc />
    public OnnxActivation? Onnx => null;
}

/// <summary>The identity ρ(x) = x: see <see cref="IdentityOperator"/>.</summary>
public sealed class IdentityActivation() : Activation<IdentityOperator>(default);
