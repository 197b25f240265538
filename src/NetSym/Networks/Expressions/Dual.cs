namespace NetSym.Networks.Expressions;

/// <summary>
/// A forward-mode dual number v + d·ε (ε² = 0): evaluating an expression on x + 1·ε gives ρ(x) in
/// <see cref="Value"/> and ρ'(x) in <see cref="Derivative"/>, exact up to the rounding of each step
/// (no finite differences).
/// </summary>
/// <param name="Value">The value.</param>
/// <param name="Derivative">The derivative with respect to the expression's variable.</param>
internal readonly record struct Dual(double Value, double Derivative)
{
    /// <summary>A constant: derivative 0.</summary>
    public static Dual Constant(double value) => new(value, 0);

    /// <summary>f(u) for a function f with f(u.Value) = <paramref name="value"/> and f'(u.Value) = <paramref name="slope"/>: the chain rule.</summary>
    /// <remarks>A zero inner derivative gives 0 whatever the slope, so an infinite slope where u is constant is not a NaN.</remarks>
    public static Dual Chain(double value, double slope, Dual u) => new(value, u.Derivative == 0 ? 0 : slope * u.Derivative);
}
