namespace NetSym.Networks;

/// <summary>ρ(x) = log(1 + eˣ) (PyTorch's β = 1). No affine symmetry but the identity.</summary>
public sealed class SoftplusActivation : Activation
{
    public override string Name => "softplus";

    // max(x,0) + log1p(e^{-|x|}) is exact to rounding for every x and never overflows.
    public override double Value(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    public override double Derivative(double x) => new SigmoidActivation().Value(x);
    public override AffineSymmetryGroup Symmetries => AffineSymmetryGroup.Trivial;
}
