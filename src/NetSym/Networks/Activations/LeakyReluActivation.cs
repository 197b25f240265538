namespace NetSym.Networks;

/// <summary>ρ(x) = x for x ≥ 0, α·x otherwise (PyTorch's default α = 0.01). Symmetries: positive scalings.</summary>
public sealed class LeakyReluActivation(double alpha) : Activation
{
    /// <summary>The slope for negative inputs.</summary>
    public double Alpha { get; } = double.IsFinite(alpha) ? alpha : throw new ArgumentException($"leaky_relu slope must be finite, got {alpha}");

    public override string Name => "leaky_relu";
    public override string Spec => $"leaky_relu({Format(Alpha)})";
    public override double Value(double x) => x >= 0 ? x : Alpha * x;
    public override double Derivative(double x) => x > 0 ? 1 : Alpha;
    public override PiecewiseLinearPieces Pieces => new([0.0], [Alpha, 1.0]);

    // α = 1 is the identity and α = −1 is |x|; both have more symmetries than the generic case.
    public override AffineSymmetryGroup Symmetries => Alpha switch
    {
        1 => new IdentityActivation().Symmetries,
        -1 => new AbsActivation().Symmetries,
        _ => new([], [PositiveScaling]),
    };
}
