namespace NetSym.Networks;

/// <summary>
/// The outward-rounded image ρ([lo, hi]) of an interval under an <see cref="IActivationOperator"/>:
/// the hull of ρ at lo, hi and at the operator's turning points inside, which is the exact image for
/// a function monotone between its turning points — every activation in the catalog; an
/// <see cref="IEnclosingActivationOperator"/> (an expression) gives its own enclosure instead. Each value is
/// widened by what the operator's <see cref="ValueRounding"/> says its computation may be off by, so
/// the result encloses the true image.
/// </summary>
internal static class ActivationImage
{
    private static readonly double TranscendentalMargin = Math.ScaleB(1, -48);

    /// <summary>An interval containing ρ(x) for every x in [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    public static (double Lower, double Upper) Of<TOp>(in TOp op, IReadOnlyList<double> turningPoints, double lower, double upper)
        where TOp : struct, IActivationOperator
    {
        // An operator whose monotone pieces are not known encloses its image itself (the JIT drops this test for the others).
        if (op is IEnclosingActivationOperator enclosing) return enclosing.Enclose(lower, upper);
        double min = Math.Min(Down(op, lower), Down(op, upper));
        double max = Math.Max(Up(op, lower), Up(op, upper));
        foreach (double t in turningPoints)
        {
            if (t <= lower || t >= upper) continue;
            min = Math.Min(min, Down(op, t));
            max = Math.Max(max, Up(op, t));
        }
        return (min, max);
    }

    private static double Down<TOp>(in TOp op, double x) where TOp : struct, IActivationOperator
    {
        double v = op.Value(x);
        return op.Rounding switch
        {
            ValueRounding.Exact => v,
            ValueRounding.RoundedOnce => Math.BitDecrement(v),
            _ => Math.BitDecrement(double.IsFinite(v) ? v - Margin(x, v) : v),
        };
    }

    private static double Up<TOp>(in TOp op, double x) where TOp : struct, IActivationOperator
    {
        double v = op.Value(x);
        return op.Rounding switch
        {
            ValueRounding.Exact => v,
            ValueRounding.RoundedOnce => Math.BitIncrement(v),
            _ => Math.BitIncrement(double.IsFinite(v) ? v + Margin(x, v) : v),
        };
    }

    // An infinite value takes no margin (∞ − ∞ would be NaN); the outward step still moves an
    // overflowed value back to ±MaxValue on the side where the true value may lie.
    private static double Margin(double x, double value) =>
        TranscendentalMargin * (Math.Abs(value) + (double.IsFinite(x) ? Math.Abs(x) : 0));
}
