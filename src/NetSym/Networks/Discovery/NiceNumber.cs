using System.Globalization;

namespace NetSym.Networks.Discovery;

/// <summary>
/// Simple closed forms for numbers that refinement finds to rounding: integers, fractions p/q with q ≤ 12
/// and multiples kπ/q with q ∈ {1, 2, 3, 4, 6}. A discovered value is replaced by its simple form only where
/// the symmetry still verifies with it, so a snap never turns a near miss into a symmetry.
/// </summary>
public static class NiceNumber
{
    private static readonly int[] PiDenominators = [1, 2, 3, 4, 6];

    /// <summary>How close a value must be to a simple form to be snapped to it by default, relative to max(1, |value|).</summary>
    public const double SnapTolerance = 1e-9;

    /// <summary>The simplest form within <paramref name="tolerance"/> (relative to max(1, |value|)) of <paramref name="value"/>, or the value itself.</summary>
    public static double Snap(double value, double tolerance = SnapTolerance)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > 1e9) return value;
        tolerance *= Math.Max(1, Math.Abs(value));
        for (int q = 1; q <= 12; q++)
        {
            double p = Math.Round(value * q);
            // + 0.0 turns −0 into 0: a snapped −1e−17 reads as 0, not −0.
            if (Math.Abs(p / q - value) <= tolerance) return p / q + 0.0;
        }
        foreach (int q in PiDenominators)
        {
            double k = Math.Round(value * q / Math.PI);
            if (k != 0 && Math.Abs(k * Math.PI / q - value) <= tolerance) return k * Math.PI / q;
        }
        return value;
    }

    /// <summary>
    /// The value as text: "6", "-1/3", "π", "-2π", "π/2" when it is exactly such a form (as <see cref="Snap"/>
    /// computes it), otherwise 10 significant digits.
    /// </summary>
    public static string Format(double value)
    {
        if (value == 0) return "0";
        if (!double.IsFinite(value) || Math.Abs(value) > 1e9) return value.ToString("G10", CultureInfo.InvariantCulture);
        for (int q = 1; q <= 12; q++)
        {
            double p = Math.Round(value * q);
            if (p / q == value) return q == 1 ? p.ToString("R", CultureInfo.InvariantCulture) : FormattableString.Invariant($"{p}/{q}");
        }
        foreach (int q in PiDenominators)
        {
            double k = Math.Round(value * q / Math.PI);
            if (k != 0 && k * Math.PI / q == value)
            {
                string multiple = k switch { 1 => "π", -1 => "-π", _ => FormattableString.Invariant($"{k}π") };
                return q == 1 ? multiple : $"{multiple}/{q.ToString(CultureInfo.InvariantCulture)}";
            }
        }
        return value.ToString("G10", CultureInfo.InvariantCulture);
    }

    /// <summary>An element as "(a, b, c, d)" with each coordinate by <see cref="Format(double)"/>.</summary>
    public static string Format(Networks.AffineSymmetry s) => $"({Format(s.A)}, {Format(s.B)}, {Format(s.C)}, {Format(s.D)})";
}
