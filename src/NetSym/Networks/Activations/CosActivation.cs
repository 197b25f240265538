using System.Runtime.Intrinsics;
using NetSym.Networks.Expressions;

namespace NetSym.Networks;

/// <summary>
/// ρ(x) = cos x, ρ' = −sin x (the platform's, correctly reduced for every double); NaN at ±∞, where cos
/// has no limit. Its affine symmetries form an infinite dihedral group — the even flip (−1, 0, 1, 0),
/// the shifts (1, 2πk, 1, 0) and (1, π + 2πk, −1, 0) and their products — which
/// <see cref="AffineSymmetryGroup"/> cannot list (its discrete part is finite): only the flip is given,
/// and the shifts are not yet in the group. With no end to its turning points, it encloses its image
/// itself (±1 wherever a crest or trough may lie inside). ONNX: Cos.
/// </summary>
public readonly struct CosOperator : IActivationOperator, IEnclosingActivationOperator
{
    private static readonly AffineSymmetryGroup Group = new([new AffineSymmetry(-1, 0, 1, 0)], []);

    /// <inheritdoc />
    public string Name => "cos";
    /// <inheritdoc />
    public string Spec => Name;
    /// <inheritdoc />
    public double Value(double x) => Math.Cos(x);
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: false);
    /// <inheritdoc />
    public double Derivative(double x) => -Math.Sin(x);
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
    public OnnxActivation Onnx => new("Cos");
    /// <inheritdoc />
    public (double Lower, double Upper) Enclose(double lower, double upper)
    {
        var image = Interval.Periodic(new(lower, upper), Math.Cos, 0);
        return (image.Lower, image.Upper);
    }
}

/// <summary>ρ(x) = cos x: see <see cref="CosOperator"/>.</summary>
public sealed class CosActivation() : Activation<CosOperator>(default);
