using System.Runtime.Intrinsics;
using NetSym.Networks.Discovery;

namespace NetSym.Networks;

/// <summary>
/// ρ(x) = eˣ = ρ'(x), +∞ beyond x ≈ 709.78. Its affine symmetries are the translations
/// (1, b, e^b, 0): e^{x+b} = e^b·eˣ, a one-parameter family (<see cref="ExponentialFamily"/>): a bias can
/// always be moved into the outgoing weights. ONNX: Exp.
/// </summary>
public readonly struct ExpOperator : IActivationOperator
{
    private static readonly AffineSymmetryGroup Group = new([], [new ExponentialFamily(1, 0)]);

    /// <inheritdoc />
    public string Name => "exp";
    /// <inheritdoc />
    public string Spec => Name;
    /// <inheritdoc />
    public double Value(double x) => Math.Exp(x);
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: false);
    /// <inheritdoc />
    public double Derivative(double x) => Math.Exp(x);
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
    public OnnxActivation Onnx => new("Exp");
}

/// <summary>ρ(x) = eˣ: see <see cref="ExpOperator"/>.</summary>
public sealed class ExpActivation() : Activation<ExpOperator>(default);
