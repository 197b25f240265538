using System.Runtime.Intrinsics;
using NetSym.Networks.Expressions;

namespace NetSym.Networks;

/// <summary>
/// ρ(x) = sin x, ρ' = cos x (the platform's, correctly reduced for every double); NaN at ±∞, where sin
/// has no limit. Its affine symmetries form an infinite dihedral group — the odd flip (−1, 0, −1, 0),
/// the shifts (1, 2πk, 1, 0) and (1, π + 2πk, −1, 0) and their products — which
/// <see cref="AffineSymmetryGroup"/> cannot list (its discrete part is finite): only the flip is given,
/// and the shifts are not yet in the group. With no end to its turning points, it encloses its image
/// itself (±1 wherever a crest or trough may lie inside). ONNX: Sin.
/// </summary>
public readonly struct SinOperator : IActivationOperator, IEnclosingActivationOperator
{
    private static readonly AffineSymmetryGroup Group = new([new AffineSymmetry(-1, 0, -1, 0)], []);

    /// <inheritdoc />
    public string Name => "sin";
    /// <inheritdoc />
    public string Spec => Name;
    /// <inheritdoc />
    public double Value(double x) => Math.Sin(x);
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: false);
    /// <inheritdoc />
    public double Derivative(double x) => Math.Cos(x);
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
    public OnnxActivation Onnx => new("Sin");
    /// <inheritdoc />
    public (double Lower, double Upper) Enclose(double lower, double upper)
    {
        var image = Interval.Periodic(new(lower, upper), Math.Sin, Math.PI / 2);
        return (image.Lower, image.Upper);
    }
}

/// <summary>ρ(x) = sin x: see <see cref="SinOperator"/>.</summary>
public sealed class SinActivation() : Activation<SinOperator>(default);
