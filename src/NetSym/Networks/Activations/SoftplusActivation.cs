using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// ρ(x) = log(1 + eˣ) (PyTorch's β = 1), computed as max(x, 0) + log1p(e^−|x|) with a stable log1p
/// (<see cref="StableMath.Log1P"/>): never overflows, and the left tail keeps its digits
/// (softplus(−40) = 4.248…·10⁻¹⁸). ρ' is the logistic sigmoid. No affine symmetry but the identity.
/// </summary>
public readonly struct SoftplusOperator : IActivationOperator
{
    /// <inheritdoc />
    public string Name => "softplus";
    /// <inheritdoc />
    public string Spec => Name;
    /// <inheritdoc />
    public double Value(double x) => Math.Max(x, 0) + StableMath.Log1P(Math.Exp(-Math.Abs(x)));
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: false);
    /// <inheritdoc />
    public double Derivative(double x) => default(SigmoidOperator).Value(x);
    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: true);
    /// <inheritdoc />
    public PiecewiseLinearPieces? Pieces => null;
    /// <inheritdoc />
    public IReadOnlyList<double> TurningPoints => [];
    /// <inheritdoc />
    public ValueRounding Rounding => ValueRounding.Transcendental;
    /// <inheritdoc />
    public AffineSymmetryGroup Symmetries => AffineSymmetryGroup.Trivial;
    /// <inheritdoc />
    public OnnxActivation Onnx => new("Softplus");
}

/// <summary>Softplus: see <see cref="SoftplusOperator"/>.</summary>
public sealed class SoftplusActivation() : Activation<SoftplusOperator>(default);
