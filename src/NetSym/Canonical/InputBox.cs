namespace NetSym.Canonical;

/// <summary>An axis-aligned box of inputs, [lower_k, upper_k] in every coordinate k.</summary>
public sealed class InputBox
{
    private readonly double[] _lower;
    private readonly double[] _upper;

    /// <summary>A box from its corners.</summary>
    /// <exception cref="ArgumentException">Lengths differ or are zero, a bound is not finite, or lower_k &gt; upper_k.</exception>
    public InputBox(IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (lower.Count == 0 || lower.Count != upper.Count)
            throw new ArgumentException($"a box needs as many lower as upper bounds (at least one), got {lower.Count} and {upper.Count}");
        for (int k = 0; k < lower.Count; k++)
        {
            if (!double.IsFinite(lower[k]) || !double.IsFinite(upper[k]))
                throw new ArgumentException($"box coordinate {k}: bounds must be finite, got [{lower[k]}, {upper[k]}]");
            if (lower[k] > upper[k])
                throw new ArgumentException($"box coordinate {k}: lower bound {lower[k]} exceeds upper bound {upper[k]}");
        }
        _lower = [.. lower];
        _upper = [.. upper];
    }

    /// <summary>The cube [lower, upper]^dimension.</summary>
    public static InputBox Cube(int dimension, double lower, double upper)
    {
        if (dimension <= 0) throw new ArgumentException($"box dimension must be positive, got {dimension}");
        return new InputBox(Enumerable.Repeat(lower, dimension).ToArray(), Enumerable.Repeat(upper, dimension).ToArray());
    }

    /// <summary>Number of coordinates.</summary>
    public int Dimension => _lower.Length;

    /// <summary>Lower bounds.</summary>
    public IReadOnlyList<double> Lower => _lower;

    /// <summary>Upper bounds.</summary>
    public IReadOnlyList<double> Upper => _upper;

    /// <summary>Moves every coordinate of x into its interval.</summary>
    public void Clamp(Span<double> x)
    {
        for (int k = 0; k < x.Length; k++) x[k] = Math.Clamp(x[k], _lower[k], _upper[k]);
    }
}
