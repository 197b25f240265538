namespace NetSym.Networks;

/// <summary>ρ(x) = clamp(x, −1, 1). Odd, so (−1, 0, −1, 0) is a symmetry; piecewise linear.</summary>
public sealed class HardtanhActivation : Activation
{
    public override string Name => "hardtanh";
    public override double Value(double x) => double.IsNaN(x) ? x : Math.Clamp(x, -1, 1);
    public override double Derivative(double x) => x > -1 && x < 1 ? 1 : 0;
    public override PiecewiseLinearPieces Pieces { get; } = new([-1.0, 1.0], [0.0, 1.0, 0.0]);
    public override AffineSymmetryGroup Symmetries { get; } = new([new AffineSymmetry(-1, 0, -1, 0)], []);
}
