namespace NetSym.Canonical;

/// <summary>The loss along the straight path between two networks (<see cref="InterpolationPath"/>).</summary>
/// <param name="Alphas">The points α of the path, 0 first and 1 last.</param>
/// <param name="Losses">The loss at each α.</param>
/// <param name="AgainstTargets">Whether the loss is the mean squared error against targets (else the distance from the interpolated outputs).</param>
public sealed record InterpolationPathResult(IReadOnlyList<double> Alphas, IReadOnlyList<double> Losses, bool AgainstTargets)
{
    /// <summary>
    /// max over α of L(α) − ((1 − α)·L(0) + α·L(1)), at least 0 (the ends themselves give 0): the rise of the
    /// loss above the line between its end values.
    /// </summary>
    public double Barrier => Enumerable.Range(0, Alphas.Count).Max(Rise);

    /// <summary>The α where the barrier is reached (the first, among equals).</summary>
    public double BarrierAlpha => Alphas[Enumerable.Range(0, Alphas.Count).MaxBy(Rise)];

    private double Rise(int k) => Losses[k] - ((1 - Alphas[k]) * Losses[0] + Alphas[k] * Losses[^1]);
}
