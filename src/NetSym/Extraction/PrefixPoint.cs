namespace NetSym.Extraction;

/// <summary>
/// A <see cref="NetworkPrefix"/> evaluated at one input: every pre-activation, its gradient, and the
/// features of the next layer. Inside the prefix's activation region around the point every one of
/// them is affine in x, which is what lets the extractor plan walks and probes without queries.
/// </summary>
/// <param name="X">The input.</param>
/// <param name="Z">Pre-activations, per layer and unit.</param>
/// <param name="Gradients">Their gradients with respect to x, per layer and unit.</param>
/// <param name="Features">φ: the last layer's output, then its input (x for an empty prefix: φ = x).</param>
/// <param name="FeatureJacobian">The gradient of each feature with respect to x.</param>
internal sealed record PrefixPoint(double[] X, double[][] Z, double[][][] Gradients, double[] Features, FeatureJacobian FeatureJacobian)
{
    /// <summary>Distance from a boundary, relative to ‖x‖, below which the point counts as lying on it.</summary>
    private const double OnBoundary = 1e-10;

    /// <summary>
    /// How far along <paramref name="direction"/> the activation region of the point extends: the least
    /// t &gt; 0 at which a pre-activation reaches 0 (+∞ when none does). Boundaries the point lies on (to
    /// rounding) are skipped, and so is <paramref name="exclude"/> (layer, unit): the point is meant to
    /// leave or follow them, not to stop at them.
    /// </summary>
    public double Exit(ReadOnlySpan<double> direction, (int Layer, int Unit)? exclude = null) => FirstExit(direction, exclude).T;

    /// <summary><see cref="Exit"/> and the unit whose boundary ends the region there (null when none does).</summary>
    public (double T, (int Layer, int Unit)? Unit) FirstExit(ReadOnlySpan<double> direction, (int Layer, int Unit)? exclude = null)
    {
        double least = double.PositiveInfinity;
        (int, int)? unit = null;
        for (int l = 0; l < Z.Length; l++)
            for (int j = 0; j < Z[l].Length; j++)
            {
                if (exclude == (l, j)) continue;
                double rate = Dot(Gradients[l][j], direction), t = -Z[l][j] / rate;
                // Whether the point lies on the boundary is asked only of a boundary that would end the region first.
                if (t > 0 && t < least && !IsOnBoundary(l, j)) (least, unit) = (t, (l, j));
            }
        return (least, unit);
    }

    private bool IsOnBoundary(int layer, int unit) =>
        Math.Abs(Z[layer][unit]) <= OnBoundary * XNorm * Math.Sqrt(Dot(Gradients[layer][unit], Gradients[layer][unit]));

    private double? _xNorm;

    /// <summary>‖x‖, computed once: every exit asks for it.</summary>
    private double XNorm => _xNorm ??= Math.Sqrt(Dot(X, X));

    /// <summary>
    /// The prefix unit whose boundary <see cref="X"/> lies on: |z| within <paramref name="tolerance"/>
    /// times ‖∇z‖ (a distance in input space), the nearest when several do; null if none.
    /// </summary>
    public (int Layer, int Unit)? Boundary(double tolerance)
    {
        (int, int)? found = null;
        double best = double.PositiveInfinity;
        for (int l = 0; l < Z.Length; l++)
            for (int j = 0; j < Z[l].Length; j++)
            {
                double norm = Math.Sqrt(Dot(Gradients[l][j], Gradients[l][j]));
                if (norm == 0) continue;
                double distance = Math.Abs(Z[l][j]) / norm;
                if (distance <= tolerance && distance < best) (best, found) = (distance, (l, j));
            }
        return found;
    }

    /// <summary>The value θ·φ + β of a next-layer unit here and its gradient with respect to x.</summary>
    public (double Value, double[] Gradient) Unit(Hyperplane unit) => (unit.Value(Features), FeatureJacobian.Transposed(unit.Normal));

    /// <summary>
    /// The rate of change of a next-layer unit along a direction, from the features' rates
    /// <paramref name="featureRates"/> = J_φ·direction (<see cref="FeatureJacobian.Apply"/>, computed once
    /// for many units: O(F) each instead of the gradient's O(F·d)).
    /// </summary>
    public static double Rate(Hyperplane unit, ReadOnlySpan<double> featureRates) => Dot(unit.Normal, featureRates);

    /// <summary>
    /// Whether <see cref="X"/> lies on a next-layer unit's surface: its distance |value| / ‖gradient‖
    /// within <paramref name="tolerance"/>.
    /// </summary>
    public bool IsOn(Hyperplane unit, double tolerance)
    {
        double value = unit.Value(Features);
        // A point clearly off the surface is told from a bound on the gradient's norm, without forming it.
        if (Math.Abs(value) > tolerance * FeatureJacobian.GradientBound(unit.Normal)) return false;
        var gradient = FeatureJacobian.Transposed(unit.Normal);
        double norm = Math.Sqrt(Dot(gradient, gradient));
        return norm > 0 && Math.Abs(value) <= tolerance * norm;
    }

    /// <summary>u·v.</summary>
    public static double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int i = 0; i < u.Length; i++) sum += u[i] * v[i];
        return sum;
    }
}
