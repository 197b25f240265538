using System.Globalization;

namespace NetSym.Networks;

/// <summary>
/// An axis-aligned box of inputs ∏ᵢ [Lowerᵢ, Upperᵢ] with finite bounds, Lowerᵢ ≤ Upperᵢ: the domain on
/// which interval bound propagation certifies facts. Two boxes are equal when their bounds are.
/// </summary>
public sealed record Box
{
    private readonly double[] _lower;
    private readonly double[] _upper;

    /// <summary>The box ∏ᵢ [lower[i], upper[i]].</summary>
    /// <exception cref="ArgumentException">No coordinates, lengths that differ, a non-finite bound, or lower[i] &gt; upper[i].</exception>
    public Box(IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        if (lower.Count != upper.Count)
            throw new ArgumentException($"box has {lower.Count} lower and {upper.Count} upper bounds");
        if (lower.Count == 0) throw new ArgumentException("box has no coordinates");
        for (int i = 0; i < lower.Count; i++)
        {
            if (!double.IsFinite(lower[i]) || !double.IsFinite(upper[i]))
                throw new ArgumentException($"box coordinate {i}: bounds must be finite, got [{Format(lower[i])}, {Format(upper[i])}]");
            if (lower[i] > upper[i])
                throw new ArgumentException($"box coordinate {i}: lower bound {Format(lower[i])} exceeds upper bound {Format(upper[i])}");
        }
        _lower = [.. lower];
        _upper = [.. upper];
    }

    /// <summary>The cube [lower, upper]^dimension.</summary>
    public static Box Uniform(int dimension, double lower, double upper)
    {
        if (dimension <= 0) throw new ArgumentException($"box dimension must be positive, got {dimension}");
        return new Box(Enumerable.Repeat(lower, dimension).ToArray(), Enumerable.Repeat(upper, dimension).ToArray());
    }

    /// <summary>Number of coordinates.</summary>
    public int Dimension => _lower.Length;

    /// <summary>Lower bounds, one per coordinate.</summary>
    public IReadOnlyList<double> Lower => _lower;

    /// <summary>Upper bounds, one per coordinate.</summary>
    public IReadOnlyList<double> Upper => _upper;

    /// <summary>Whether Lowerᵢ ≤ xᵢ ≤ Upperᵢ for every coordinate (false for a point of another dimension or with NaN).</summary>
    public bool Contains(ReadOnlySpan<double> point)
    {
        if (point.Length != Dimension) return false;
        for (int i = 0; i < point.Length; i++)
            if (!(point[i] >= _lower[i] && point[i] <= _upper[i])) return false;
        return true;
    }

    /// <summary>Moves every coordinate of x into its interval (the projection onto the box).</summary>
    public void Clamp(Span<double> x)
    {
        for (int k = 0; k < x.Length; k++) x[k] = Math.Clamp(x[k], _lower[k], _upper[k]);
    }

    /// <summary>
    /// Parses "lo,hi" (the same interval for every one of <paramref name="dimension"/> coordinates) or
    /// "lo₁,hi₁;lo₂,hi₂;…" (one interval per coordinate, exactly <paramref name="dimension"/> of them).
    /// Numbers use the invariant culture; whitespace around them is ignored.
    /// </summary>
    /// <exception cref="ArgumentException">Malformed text, a count that does not match, a non-finite bound, or lo &gt; hi; the message quotes the text.</exception>
    public static Box Parse(string text, int dimension)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (dimension <= 0) throw new ArgumentException($"box dimension must be positive, got {dimension}");
        string[] parts = text.Split(';');
        if (parts.Length != 1 && parts.Length != dimension)
            throw new ArgumentException($"domain '{text}' has {parts.Length} intervals, expected 1 (for every coordinate) or {dimension} (one per input)");
        var lower = new double[dimension];
        var upper = new double[dimension];
        for (int i = 0; i < dimension; i++)
        {
            string part = parts[parts.Length == 1 ? 0 : i];
            string[] ends = part.Split(',');
            if (ends.Length != 2 || !TryNumber(ends[0], out lower[i]) || !TryNumber(ends[1], out upper[i]))
                throw new ArgumentException($"domain '{text}': interval '{part.Trim()}' is not 'lo,hi' with two numbers");
        }
        try
        {
            return new Box(lower, upper);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"domain '{text}': {e.Message}");
        }
    }

    /// <summary>The text <see cref="Parse"/> reads back: "lo,hi" for a cube, "lo₁,hi₁;…" otherwise (round-trip precision).</summary>
    public override string ToString()
    {
        bool cube = _lower.All(v => v.Equals(_lower[0])) && _upper.All(v => v.Equals(_upper[0]));
        return cube
            ? $"{Format(_lower[0])},{Format(_upper[0])}"
            : string.Join(";", _lower.Select((lo, i) => $"{Format(lo)},{Format(_upper[i])}"));
    }

    /// <inheritdoc />
    public bool Equals(Box? other) =>
        other is not null && _lower.AsSpan().SequenceEqual(other._lower) && _upper.AsSpan().SequenceEqual(other._upper);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (double v in _lower) hash.Add(v);
        foreach (double v in _upper) hash.Add(v);
        return hash.ToHashCode();
    }

    private static bool TryNumber(string s, out double value) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
