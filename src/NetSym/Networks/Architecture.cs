namespace NetSym.Networks;

/// <summary>
/// The widths of a dense MLP, n0-n1-…-nL, as written on the command line ("4-8-6-2").
/// </summary>
public sealed record Architecture(IReadOnlyList<int> Widths)
{
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

    /// <inheritdoc />
    public override string ToString() => string.Join('-', Widths);
}
