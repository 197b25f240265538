using System.Numerics.Tensors;

namespace NetSym.Networks;

/// <summary>ρ(x) = tanh x. Odd, so (−1, 0, −1, 0) is its only non-trivial symmetry.</summary>
public sealed class TanhActivation : Activation
{
    public override string Name => "tanh";
    public override double Value(double x) => Math.Tanh(x);
    public override double Derivative(double x) { double t = Math.Tanh(x); return 1 - t * t; }
    public override void Apply(Span<double> values) => TensorPrimitives.Tanh(values, values);
    public override AffineSymmetryGroup Symmetries { get; } = new([new AffineSymmetry(-1, 0, -1, 0)], []);
}
