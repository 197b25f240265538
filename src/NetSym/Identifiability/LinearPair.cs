using System.Globalization;
using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>
/// A linear pair of a nonlinearity: ρ(x) + s·ρ(−x) = α·x + β for every x, with s = ±1 and α ≠ 0
/// (softplus, GELU, SiLU, ReLU and leaky ReLU have ρ(x) − ρ(−x) = x or (1 + slope)·x). It is not a
/// symmetry (the pair's neurons are not twins), yet it makes neurons collapse: the four neurons
/// ρ(x), ρ(−x), ρ(x − 1), ρ(1 − x) with outgoing weights 1, s, −1, −s and output bias −α sum to 0.
/// </summary>
/// <param name="Sign">s: −1 for ρ(x) − ρ(−x), +1 for ρ(x) + ρ(−x).</param>
/// <param name="Slope">α, fitted by least squares on the grid.</param>
/// <param name="Intercept">β, fitted with α.</param>
/// <param name="Residual">max |ρ(x) + s·ρ(−x) − α·x − β| over the grid, relative to max(1, max |ρ(x)|) there.</param>
/// <param name="GridRadius">The grid is <see cref="GridPoints"/> equally spaced points of [−R, R], R this radius.</param>
/// <param name="GridPoints">Number of grid points.</param>
public sealed record LinearPair(int Sign, double Slope, double Intercept, double Residual, double GridRadius, int GridPoints)
{
    /// <summary>Default grid radius: covers the saturation of every catalog activation.</summary>
    public const double DefaultRadius = 30;

    /// <summary>Default number of grid points.</summary>
    public const int DefaultPoints = 4001;

    /// <summary>"ρ(x) − ρ(−x) = 1·x + 0" with the fitted numbers.</summary>
    public string Relation(string name) => string.Create(CultureInfo.InvariantCulture,
        $"{name}(x) {(Sign < 0 ? "−" : "+")} {name}(−x) = {Slope:G6}·x {(Intercept < 0 ? "−" : "+")} {Math.Abs(Intercept):G3}");

    /// <summary>
    /// The linear pair of <paramref name="activation"/>, tried for s = −1 then s = +1: the one whose
    /// least-squares fit leaves a relative residual ≤ <paramref name="tolerance"/> with |α| above it;
    /// null when neither does (no linear pair on the grid, or only a constant one, which is a symmetry).
    /// </summary>
    /// <exception cref="ArgumentException">A tolerance that is not a positive finite number, or a grid of fewer than 3 points.</exception>
    public static LinearPair? Find(Activation activation, double tolerance, double radius = DefaultRadius, int points = DefaultPoints)
    {
        ArgumentNullException.ThrowIfNull(activation);
        if (!double.IsFinite(tolerance) || tolerance <= 0) throw new ArgumentException($"the tolerance must be a positive finite number, got {tolerance}", nameof(tolerance));
        if (points < 3 || !double.IsFinite(radius) || radius <= 0) throw new ArgumentException("the grid needs at least 3 points and a positive radius");
        foreach (int s in (int[])[-1, 1])
            if (Fit(activation, s, radius, points) is { } pair && pair.Residual <= tolerance && Math.Abs(pair.Slope) > tolerance)
                return pair;
        return null;
    }

    /// <summary>The least-squares fit of ρ(x) + s·ρ(−x) by α·x + β on the grid, whatever its residual.</summary>
    internal static LinearPair? Fit(Activation activation, int sign, double radius, int points)
    {
        var x = new double[points];
        var g = new double[points];
        double scale = 1;
        for (int i = 0; i < points; i++)
        {
            x[i] = -radius + 2 * radius * i / (points - 1);
            double v = activation.Value(x[i]), w = activation.Value(-x[i]);
            if (!double.IsFinite(v) || !double.IsFinite(w)) return null;
            g[i] = v + sign * w;
            scale = Math.Max(scale, Math.Abs(v));
        }
        // The grid is symmetric about 0, so x has mean 0 and the two normal equations decouple.
        double sxx = 0, sxg = 0, sg = 0;
        for (int i = 0; i < points; i++)
        {
            sxx += x[i] * x[i];
            sxg += x[i] * g[i];
            sg += g[i];
        }
        double alpha = sxg / sxx, beta = sg / points, residual = 0;
        for (int i = 0; i < points; i++) residual = Math.Max(residual, Math.Abs(g[i] - alpha * x[i] - beta));
        return new LinearPair(sign, alpha, beta, residual / scale, radius, points);
    }
}
