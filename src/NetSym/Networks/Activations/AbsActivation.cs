using System.Numerics.Tensors;

namespace NetSym.Networks;

/// <summary>ρ(x) = |x|. Symmetries: (a, 0, |a|, 0) for a ≠ 0 — positive scalings and the sign flip.</summary>
public sealed class AbsActivation : Activation
{
    public override string Name => "abs";
    public override double Value(double x) => Math.Abs(x);
    public override double Derivative(double x) => x > 0 ? 1 : (x < 0 ? -1 : 0);
    public override void Apply(Span<double> values) => TensorPrimitives.Abs(values, values);
    public override PiecewiseLinearPieces Pieces { get; } = new([0.0], [-1.0, 1.0]);
    public override AffineSymmetryGroup Symmetries { get; } = new([new AffineSymmetry(-1, 0, 1, 0)], [PositiveScaling]);
}
