namespace NetSym.Networks.Discovery;

/// <summary>
/// Whether ρ(x) − ρ(−x) or ρ(x) + ρ(−x) is an affine function α·x + β. Not a symmetry, but it lets two
/// neurons with opposite weights collapse into an affine term (softplus, GELU, SiLU: ρ(x) − ρ(−x) = x;
/// tanh: ρ(x) + ρ(−x) = 0; the logistic sigmoid: ρ(x) + ρ(−x) = 1), which matters for reduction and for
/// networks that realise the zero function.
/// </summary>
/// <param name="Kind">Difference or sum.</param>
/// <param name="Slope">α, from least squares on the grid (snapped to a simple form where that fits as well).</param>
/// <param name="Intercept">β.</param>
/// <param name="Residual">The largest |ρ(x) ∓ ρ(−x) − α·x − β| over every verification point, relative to max(S, |ρ(x)|, |ρ(−x)|).</param>
/// <param name="Holds">Whether <paramref name="Residual"/> is within the tolerance.</param>
public sealed record LinearPair(LinearPairKind Kind, double Slope, double Intercept, double Residual, bool Holds)
{
    /// <summary>The combination, "ρ(x) - ρ(-x)" or "ρ(x) + ρ(-x)".</summary>
    public string Combination => CombinationOf("ρ");

    /// <summary>
    /// Whether the pair <see cref="Holds"/> with α ≠ 0: then the neurons ρ(x), ρ(−x), ρ(x − 1), ρ(1 − x) with
    /// outgoing weights 1, ∓1, −1, ±1 sum to the constant α, a network with no twins that realises a constant.
    /// A pair with α = 0 is an affine symmetry with a = −1 instead (ρ(−x) = ±ρ(x) ± β), whose neurons are twins.
    /// </summary>
    public bool Collapses => Holds && Slope != 0;

    /// <summary>The fitted relation as an equation, e.g. "ρ(x) - ρ(-x) = x" (the best fit, whether or not it <see cref="Holds"/>).</summary>
    public string Equation => EquationOf("ρ");

    /// <summary>The fitted relation with ρ written as <paramref name="name"/>, e.g. "softplus(x) - softplus(-x) = x".</summary>
    public string EquationOf(string name)
    {
        string linear = Slope switch { 0 => "", 1 => "x", -1 => "-x", _ => $"{NiceNumber.Format(Slope)}·x" };
        string right = (linear, Intercept) switch
        {
            ("", _) => NiceNumber.Format(Intercept),
            (_, 0) => linear,
            (_, < 0) => $"{linear} - {NiceNumber.Format(-Intercept)}",
            _ => $"{linear} + {NiceNumber.Format(Intercept)}",
        };
        return $"{CombinationOf(name)} = {right}";
    }

    private string CombinationOf(string name) => $"{name}(x) {(Kind == LinearPairKind.Difference ? "-" : "+")} {name}(-x)";
}
