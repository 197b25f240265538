using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// PyTorch's hard sigmoid ρ(x) = relu6(x + 3)/6: 0 below −3, 1 above 3, (x + 3)/6 between, computed as
/// PyTorch writes it (two roundings); ρ' = 1/6 strictly inside (−3, 3), else 0 (PyTorch's backward).
/// Point-symmetric about (0, ½), as the logistic sigmoid: ρ(−x) = 1 − ρ(x), i.e. (−1, 0, −1, 1) (relu6's
/// (−1, 6, −1, 6) moved by x ↦ x + 3 and scaled by 1/6).
/// ONNX: HardSigmoid(alpha = 1/6, beta = ½), as torch.onnx exports nn.Hardsigmoid.
/// </summary>
/// <remarks>
/// It is piecewise linear, but its slope 1/6 is not a dyadic rational, which NetSym's exact ranks
/// (<see cref="ExactPieces"/>) need: it gives no <see cref="Pieces"/>, so analyses take the float path
/// for it, and its kinks at ±3 are its <see cref="TurningPoints"/>.
/// </remarks>
public readonly struct HardsigmoidOperator : IActivationOperator
{
    private static readonly AffineSymmetryGroup Group = new([new AffineSymmetry(-1, 0, -1, 1)], []);

    /// <inheritdoc />
    public string Name => "hardsigmoid";
    /// <inheritdoc />
    public string Spec => Name;
    /// <inheritdoc />
    public double Value(double x) => ClampOperator.Value(x + 3, 0, 6) / 6;
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ClampOperator.Value(x + Vector256.Create(3.0), 0, 6) / Vector256.Create(6.0);
    /// <inheritdoc />
    public double Derivative(double x) => ClampOperator.Derivative(x, -3, 3) / 6;
    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x) => ClampOperator.Derivative(x, -3, 3) / Vector256.Create(6.0);
    /// <inheritdoc />
    public PiecewiseLinearPieces? Pieces => null;
    /// <inheritdoc />
    public IReadOnlyList<double> TurningPoints => [-3.0, 3.0];
    // x + 3 and the division each round once: within the transcendental margin.
    /// <inheritdoc />
    public ValueRounding Rounding => ValueRounding.Transcendental;
    /// <inheritdoc />
    public AffineSymmetryGroup Symmetries => Group;
    /// <inheritdoc />
    public OnnxActivation Onnx => new("HardSigmoid", Alpha: 1f / 6);
}

/// <summary>ρ(x) = relu6(x + 3)/6: see <see cref="HardsigmoidOperator"/>.</summary>
public sealed class HardsigmoidActivation() : Activation<HardsigmoidOperator>(default);
