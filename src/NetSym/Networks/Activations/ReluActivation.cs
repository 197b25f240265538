using System.Numerics.Tensors;

namespace NetSym.Networks;

/// <summary>ρ(x) = max(x, 0). Symmetries: positive scalings (λ, 0, λ, 0).</summary>
public sealed class ReluActivation : Activation
{
    public override string Name => "relu";
    public override double Value(double x) => x > 0 ? x : (double.IsNaN(x) ? x : 0);

    /// <summary>1 for x &gt; 0, else 0 (PyTorch's convention at the kink).</summary>
    public override double Derivative(double x) => x > 0 ? 1 : 0;

    public override void Apply(Span<double> values) => TensorPrimitives.Max(values, 0.0, values);
    public override PiecewiseLinearPieces Pieces { get; } = new([0.0], [0.0, 1.0]);
    public override AffineSymmetryGroup Symmetries { get; } = new([], [PositiveScaling]);
}
