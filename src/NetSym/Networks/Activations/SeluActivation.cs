using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// SELU with PyTorch's constants: ρ(x) = λx for x &gt; 0, λα(eˣ − 1) otherwise, α = 1.6732632423543772,
/// λ = 1.0507009873554805 (Klambauer et al. 2017), eˣ − 1 computed stably (<see cref="StableMath.ExpM1"/>);
/// ρ'(x) = λ for x &gt; 0, λα·eˣ otherwise. No affine symmetry but the identity. ONNX: Selu, whose
/// default α and γ are these constants in float32.
/// </summary>
public readonly struct SeluOperator : IActivationOperator
{
    /// <summary>PyTorch's α.</summary>
    public const double Alpha = 1.6732632423543772848170429916717;

    /// <summary>PyTorch's scale λ.</summary>
    public const double Scale = 1.0507009873554804934193349852946;

    /// <inheritdoc />
    public string Name => "selu";
    /// <inheritdoc />
    public string Spec => Name;
    /// <inheritdoc />
    public double Value(double x) => x > 0 ? Scale * x : Scale * (Alpha * StableMath.ExpM1(x));
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: false);
    /// <inheritdoc />
    public double Derivative(double x) => x > 0 ? Scale : Scale * (Alpha * Math.Exp(x));
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
    public OnnxActivation Onnx => new("Selu", Alpha: (float)Alpha);
}

/// <summary>SELU: see <see cref="SeluOperator"/>.</summary>
public sealed class SeluActivation() : Activation<SeluOperator>(default);
