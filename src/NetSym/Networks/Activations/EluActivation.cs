using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// ρ(x) = x for x &gt; 0, α(eˣ − 1) otherwise (PyTorch's default α = 1), eˣ − 1 computed stably
/// (<see cref="StableMath.ExpM1"/>); ρ'(x) = α·eˣ for x ≤ 0, positive until it underflows.
/// No affine symmetry but the identity. α = 0 is refused: elu(0) is max(x, 0), which is
/// <see cref="ReluOperator"/> (piecewise linear, with positive scalings) and which
/// <see cref="ActivationCatalog"/> reads "elu(0)" as.
/// </summary>
public readonly struct EluOperator : IActivationOperator
{
    /// <summary>The operator with negative-part scale <paramref name="alpha"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="alpha"/> is not finite, or is 0 (use relu).</exception>
    public EluOperator(double alpha) =>
        Alpha = alpha == 0 ? throw new ArgumentException("elu(0) is relu: use ReluActivation")
            : double.IsFinite(alpha) ? alpha : throw new ArgumentException($"elu alpha must be finite, got {alpha}");

    /// <summary>The scale of the negative part.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public string Name => "elu";
    /// <inheritdoc />
    public string Spec => $"elu({ActivationCatalog.FormatParameter(Alpha)})";
    /// <inheritdoc />
    public double Value(double x) => x > 0 ? x : Alpha * StableMath.ExpM1(x);
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: false);
    /// <inheritdoc />
    public double Derivative(double x) => x > 0 ? 1 : Alpha * Math.Exp(x);
    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: true);
    /// <inheritdoc />
    public PiecewiseLinearPieces? Pieces => null;
    /// <inheritdoc />
    public IReadOnlyList<double> TurningPoints => [0.0];
    /// <inheritdoc />
    public ValueRounding Rounding => ValueRounding.Transcendental;
    /// <inheritdoc />
    public AffineSymmetryGroup Symmetries => AffineSymmetryGroup.Trivial;
    /// <inheritdoc />
    public OnnxActivation Onnx => new("Elu", Alpha: (float)Alpha);
}

/// <summary>ELU with scale α: see <see cref="EluOperator"/>.</summary>
/// <param name="alpha">The scale of the negative part; finite and not 0 (elu(0) is relu).</param>
public sealed class EluActivation(double alpha) : Activation<EluOperator>(new EluOperator(alpha))
{
    /// <summary>The scale of the negative part.</summary>
    public double Alpha => Operator.Alpha;
}
