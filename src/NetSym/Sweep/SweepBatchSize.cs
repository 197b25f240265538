using System.Globalization;

namespace NetSym.Sweep;

/// <summary>
/// How many input points each trial's batch has: a fixed number N ("200"), or a multiple k of the
/// bound ("4x": N = ⌈k·bound / outputs⌉ points, so that the N·outputs Jacobian rows could reach
/// the bound k times over). A batch only sees the linear regions its points fall in, so a larger
/// batch finds a rank at least as large: the batch functional dimension is a lower estimate of the
/// functional dimension.
/// </summary>
public readonly record struct SweepBatchSize(int Value, bool PerBound)
{
    /// <summary>The default, 4x.</summary>
    public static SweepBatchSize Default { get; } = new(4, PerBound: true);

    /// <summary>Points for a network with this bound and output width (at least 1).</summary>
    public int PointsFor(int bound, int outputs) =>
        PerBound ? Math.Max(1, (int)Math.Ceiling((double)Value * bound / outputs)) : Value;

    /// <summary>Parses "N" or "kx" with positive integers N, k.</summary>
    /// <exception cref="ArgumentException">Anything else.</exception>
    public static SweepBatchSize Parse(string text)
    {
        string t = text.Trim();
        bool perBound = t.EndsWith('x');
        if (!int.TryParse(perBound ? t[..^1] : t, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
            throw new ArgumentException($"points '{text}' is neither a positive number of points (e.g. 500) nor a positive multiple of the bound (e.g. 4x)");
        return new SweepBatchSize(value, perBound);
    }

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture) + (PerBound ? "x" : "");
}
