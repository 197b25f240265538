namespace NetSym.Networks;

/// <summary>
/// The widths of a dense MLP, n0-n1-…-nL, as written on the command line ("4-8-6-2"). Two
/// architectures are equal when their widths are, in order (the widths are copied, so a caller's
/// list changing later changes nothing).
/// </summary>
public sealed record Architecture
{
    private readonly int[] _widths;

    /// <summary>An architecture of the given widths, n0 first.</summary>
    public Architecture(IReadOnlyList<int> widths) => _widths = [.. widths];

    /// <summary>The widths n0, n1, …, nL.</summary>
    public IReadOnlyList<int> Widths => _widths;

    /// <summary>Parses "n0-n1-…-nL" (at least two positive widths); null with a reason otherwise.</summary>
    public static Architecture? TryParse(string text, out string? error)
    {
        error = null;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        var widths = new List<int>();
        foreach (var p in parts)
        {
            if (!int.TryParse(p, out int w) || w <= 0)
            {
                error = $"architecture '{text}': '{p}' is not a positive width (expected e.g. 4-8-6-2)";
                return null;
            }
            widths.Add(w);
        }
        if (widths.Count < 2)
        {
            error = $"architecture '{text}' needs an input and an output width (e.g. 4-8-6-2)";
            return null;
        }
        return new Architecture(widths);
    }

    /// <summary>Parses or throws <see cref="ArgumentException"/>.</summary>
    public static Architecture Parse(string text) => TryParse(text, out var e) ?? throw new ArgumentException(e);

    /// <summary>Input dimension n0.</summary>
    public int InputSize => Widths[0];

    /// <summary>Parameters of the dense MLP: Σ n_l (n_{l−1} + 1).</summary>
    public long ParameterCount => Enumerable.Range(1, Widths.Count - 1).Sum(l => (long)Widths[l] * (Widths[l - 1] + 1));

    /// <summary>Hidden neurons: Σ of the widths strictly between input and output.</summary>
    public int HiddenNeuronCount => Widths.Skip(1).Take(Widths.Count - 2).Sum();

    /// <summary>Whether <paramref name="other"/> has the same widths in the same order.</summary>
    public bool Equals(Architecture? other) => other is not null && _widths.AsSpan().SequenceEqual(other._widths);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int w in _widths) hash.Add(w);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => string.Join('-', Widths);
}
