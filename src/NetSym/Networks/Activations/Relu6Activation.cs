namespace NetSym.Networks;

/// <summary>ρ(x) = min(max(x, 0), 6). Point-symmetric about (3, 3): ρ(6 − x) = 6 − ρ(x), i.e. (−1, 6, −1, 6).</summary>
public sealed class Relu6Activation : Activation
{
    public override string Name => "relu6";
    public override double Value(double x) => double.IsNaN(x) ? x : Math.Clamp(x, 0, 6);
    public override double Derivative(double x) => x > 0 && x < 6 ? 1 : 0;
    public override PiecewiseLinearPieces Pieces { get; } = new([0.0, 6.0], [0.0, 1.0, 0.0]);
    public override AffineSymmetryGroup Symmetries { get; } = new([new AffineSymmetry(-1, 6, -1, 6)], []);
}
