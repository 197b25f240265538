namespace NetSym.Networks;

/// <summary>
/// GELU in its tanh form (PyTorch's approximate="tanh"): ρ(x) = ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
/// No affine symmetry but the identity.
/// </summary>
public sealed class GeluActivation : Activation
{
    private static readonly double K = Math.Sqrt(2 / Math.PI);
    private const double C = 0.044715;

    public override string Name => "gelu";
    public override double Value(double x) => 0.5 * x * (1 + Math.Tanh(K * (x + C * x * x * x)));

    public override double Derivative(double x)
    {
        double t = Math.Tanh(K * (x + C * x * x * x));
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * K * (1 + 3 * C * x * x);
    }

    public override AffineSymmetryGroup Symmetries => AffineSymmetryGroup.Trivial;
}
