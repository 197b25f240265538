namespace NetSym.Networks;

/// <summary>The logistic ρ(x) = 1/(1 + e^−x). σ(−x) = 1 − σ(x) gives the symmetry (−1, 0, −1, 1).</summary>
public sealed class SigmoidActivation : Activation
{
    public override string Name => "sigmoid";

    // Written so that neither branch overflows: e^{-|x|} ≤ 1.
    public override double Value(double x)
    {
        if (x >= 0) return 1 / (1 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1 + e);
    }

    public override double Derivative(double x) { double s = Value(x); return s * (1 - s); }
    public override AffineSymmetryGroup Symmetries { get; } = new([new AffineSymmetry(-1, 0, -1, 1)], []);
}
