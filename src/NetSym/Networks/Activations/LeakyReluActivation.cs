using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// ρ(x) = x for x ≥ 0, α·x otherwise (PyTorch's default α = 0.01); ρ'(0) = α. One rounding (α·x).
/// Symmetries: positive scalings, more for α = 1 (the identity) and α = −1 (|x|). Those two and
/// α = 0 (ReLU) are other activations, which <see cref="ActivationCatalog"/> reads such specs as;
/// constructed directly, the operator still gives each its shape and symmetries.
/// </summary>
public readonly struct LeakyReluOperator : IActivationOperator
{
    /// <summary>The operator with negative slope <paramref name="alpha"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="alpha"/> is not finite.</exception>
    public LeakyReluOperator(double alpha) =>
        Alpha = double.IsFinite(alpha) ? alpha : throw new ArgumentException($"leaky_relu slope must be finite, got {alpha}");

    /// <summary>The slope for negative inputs.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public string Name => "leaky_relu";
    /// <inheritdoc />
    public string Spec => $"leaky_relu({ActivationCatalog.FormatParameter(Alpha)})";
    /// <inheritdoc />
    public double Value(double x) => x >= 0 ? x : Alpha * x;
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<double>.Zero), x, Vector256.Create(Alpha) * x);
    /// <inheritdoc />
    public double Derivative(double x) => x > 0 ? 1 : Alpha;
    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<double>.Zero), Vector256<double>.One, Vector256.Create(Alpha));
    /// <inheritdoc />
    public PiecewiseLinearPieces Pieces => new([0.0], [Alpha, 1.0]);
    /// <inheritdoc />
    public IReadOnlyList<double> TurningPoints => [0.0];
    /// <inheritdoc />
    public ValueRounding Rounding => ValueRounding.RoundedOnce;

    /// <inheritdoc />
    // α = 1 is the identity and α = −1 is |x|; both have more symmetries than the generic case.
    public AffineSymmetryGroup Symmetries => Alpha switch
    {
        1 => AffineSymmetryGroup.AffineMaps,
        -1 => AffineSymmetryGroup.SignAndPositiveScalings,
        _ => AffineSymmetryGroup.PositiveScalings,
    };

    /// <inheritdoc />
    public OnnxActivation Onnx => new("LeakyRelu", Alpha: (float)Alpha);
}

/// <summary>Leaky ReLU with negative slope α: see <see cref="LeakyReluOperator"/>.</summary>
/// <param name="alpha">The slope for negative inputs; finite.</param>
public sealed class LeakyReluActivation(double alpha) : Activation<LeakyReluOperator>(new LeakyReluOperator(alpha))
{
    /// <summary>The slope for negative inputs.</summary>
    public double Alpha => Operator.Alpha;
}
