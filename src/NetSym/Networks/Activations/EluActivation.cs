namespace NetSym.Networks;

/// <summary>ρ(x) = x for x &gt; 0, α(eˣ − 1) otherwise (PyTorch's default α = 1). No affine symmetry but the identity.</summary>
public sealed class EluActivation(double alpha) : Activation
{
    /// <summary>The scale of the negative part.</summary>
    public double Alpha { get; } = double.IsFinite(alpha) ? alpha : throw new ArgumentException($"elu alpha must be finite, got {alpha}");

    public override string Name => "elu";
    public override string Spec => $"elu({Format(Alpha)})";
    public override double Value(double x) => x > 0 ? x : Alpha * double.ExpM1(x);
    public override double Derivative(double x) => x > 0 ? 1 : Alpha * Math.Exp(x);
    public override AffineSymmetryGroup Symmetries => AffineSymmetryGroup.Trivial;
}
