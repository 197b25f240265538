namespace NetSym.Extraction;

/// <summary>
/// A hidden unit's hyperplane w·x + b = 0 with ‖w‖ = 1, and the lines on which it was seen as a kink.
/// The orientation of w is arbitrary until the signs are solved.
/// </summary>
/// <param name="Normal">w, of unit length.</param>
/// <param name="Bias">b.</param>
internal sealed record Hyperplane(double[] Normal, double Bias)
{
    /// <summary>w·x + b.</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        double sum = Bias;
        for (int i = 0; i < x.Length; i++) sum += Normal[i] * x[i];
        return sum;
    }

    /// <summary>The hyperplane w·x + b = 0 scaled to ‖w‖ = 1 (w not zero).</summary>
    public static Hyperplane Scaled(double[] w, double b)
    {
        double norm = Math.Sqrt(PrefixPoint.Dot(w, w));
        return new([.. w.Select(v => v / norm)], b / norm);
    }

    /// <summary>The same hyperplane with w and b negated: the unit on its other side.</summary>
    public Hyperplane Flipped() => new([.. Normal.Select(x => -x)], -Bias);
}
