namespace NetSym.Sweep;

/// <summary>
/// The Wilson score interval for a binomial proportion: with p̂ = k/n and z the normal quantile,
/// centre (p̂ + z²/2n)/(1 + z²/n) and half-width z/(1 + z²/n)·√(p̂(1 − p̂)/n + z²/4n²).
/// Unlike the normal (Wald) interval it stays inside [0, 1] and is not empty at k = 0 or k = n.
/// </summary>
/// <param name="Low">Lower end, in [0, 1].</param>
/// <param name="High">Upper end, in [0, 1].</param>
public readonly record struct WilsonInterval(double Low, double High)
{
    /// <summary>z = Φ⁻¹(0.975): the two-sided 95% normal quantile.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// The interval for <paramref name="successes"/> out of <paramref name="trials"/> at quantile
    /// <paramref name="z"/> (default 95%). At k = 0 the lower end is exactly 0 and at k = n the
    /// upper end exactly 1 (the closed forms there are [0, z²/(n + z²)] and [n/(n + z²), 1]);
    /// with no trials it is the uninformative [0, 1].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 ≤ k ≤ n, or z not positive.</exception>
    public static WilsonInterval Of(int successes, int trials, double z = Z95)
    {
        if (trials < 0 || successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), $"need 0 ≤ successes ≤ trials, got {successes} of {trials}");
        if (!(z > 0)) throw new ArgumentOutOfRangeException(nameof(z), $"z must be positive, got {z}");
        if (trials == 0) return new WilsonInterval(0, 1);
        double n = trials, p = successes / n, z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At the ends centre ∓ half cancels exactly in real arithmetic; rounding must not leave [0, 1].
        double low = successes == 0 ? 0 : Math.Max(0, centre - half);
        double high = successes == trials ? 1 : Math.Min(1, centre + half);
        return new WilsonInterval(low, high);
    }
}
