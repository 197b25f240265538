namespace NetSym.Networks.Expressions;

/// <summary>
/// A closed interval [Lower, Upper] of doubles for enclosing an expression's values: every operation
/// rounds outward, so the result contains every true value. A NaN bound (∞ − ∞, 0·∞) is never
/// returned: it becomes the whole line, which encloses anything.
/// </summary>
/// <param name="Lower">The lower bound (may be −∞).</param>
/// <param name="Upper">The upper bound (may be +∞).</param>
internal readonly record struct Interval(double Lower, double Upper)
{
    // What a library exp, log, sin… may be off by, relative to the value, with a wide margin (as ValueRounding.Transcendental).
    private static readonly double Margin = Math.ScaleB(1, -44);

    /// <summary>(−∞, +∞).</summary>
    public static Interval Whole { get; } = new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Whether 0 lies in the interval.</summary>
    public bool ContainsZero => Lower <= 0 && Upper >= 0;

    /// <summary>[lo, hi] rounded outward by one ulp (one correctly rounded operation); a NaN bound gives <see cref="Whole"/>.</summary>
    public static Interval Rounded(double lower, double upper) =>
        double.IsNaN(lower) || double.IsNaN(upper) ? Whole : new(Math.BitDecrement(lower), Math.BitIncrement(upper));

    /// <summary>[lo, hi] widened by a library function's error (<see cref="Margin"/> relative, plus an ulp); a NaN bound gives <see cref="Whole"/>.</summary>
    // An infinite bound is kept as it is (∞ − margin·∞ would be NaN) before the ulp step, which takes an
    // overflowed +∞ lower bound down to the largest double: the true value is finite, only too large.
    public static Interval Transcendental(double lower, double upper) =>
        double.IsNaN(lower) || double.IsNaN(upper) ? Whole
        : new(Math.BitDecrement(double.IsInfinity(lower) ? lower : lower - Margin * Math.Abs(lower)),
            Math.BitIncrement(double.IsInfinity(upper) ? upper : upper + Margin * Math.Abs(upper)));

    /// <summary>The image under a non-decreasing library function f.</summary>
    public Interval Increasing(Func<double, double> f) => Transcendental(f(Lower), f(Upper));

    /// <summary>−[lo, hi] = [−hi, −lo] (exact).</summary>
    public static Interval operator -(Interval a) => new(-a.Upper, -a.Lower);

    /// <summary>The sum, rounded outward.</summary>
    public static Interval operator +(Interval a, Interval b) => Rounded(a.Lower + b.Lower, a.Upper + b.Upper);

    /// <summary>The difference, rounded outward.</summary>
    public static Interval operator -(Interval a, Interval b) => Rounded(a.Lower - b.Upper, a.Upper - b.Lower);

    /// <summary>The product: the hull of the four corner products, rounded outward.</summary>
    public static Interval operator *(Interval a, Interval b)
    {
        double p = a.Lower * b.Lower, q = a.Lower * b.Upper, r = a.Upper * b.Lower, s = a.Upper * b.Upper;
        return Rounded(Math.Min(Math.Min(p, q), Math.Min(r, s)), Math.Max(Math.Max(p, q), Math.Max(r, s)));
    }

    /// <summary>The quotient; a divisor that contains 0 gives the whole line.</summary>
    public static Interval operator /(Interval a, Interval b)
    {
        if (b.ContainsZero) return Whole;
        double p = a.Lower / b.Lower, q = a.Lower / b.Upper, r = a.Upper / b.Lower, s = a.Upper / b.Upper;
        return Rounded(Math.Min(Math.Min(p, q), Math.Min(r, s)), Math.Max(Math.Max(p, q), Math.Max(r, s)));
    }

    /// <summary>
    /// The image of <paramref name="u"/> under sin or cos (<paramref name="f"/>, with crests at <paramref name="peak"/> + 2kπ
    /// and troughs at peak + π + 2kπ): the values at the ends, and ±1 where a crest or trough may lie inside.
    /// </summary>
    // The test is widened by far more than the rounding of the quotients, so a near miss counts as
    // inside (a wider, still true, enclosure); beyond |x| = 10⁸ it is [−1, 1].
    public static Interval Periodic(Interval u, Func<double, double> f, double peak)
    {
        double lo = u.Lower, hi = u.Upper;
        if (!(hi - lo < 2 * Math.PI) || Math.Max(Math.Abs(lo), Math.Abs(hi)) > 1e8) return new(-1, 1);
        double slack = 1e-9 * (1 + Math.Max(Math.Abs(lo), Math.Abs(hi)));
        bool Reaches(double at) => Math.Floor((hi + slack - at) / (2 * Math.PI)) >= Math.Ceiling((lo - slack - at) / (2 * Math.PI));
        double a = f(lo), b = f(hi);
        var ends = Transcendental(Math.Min(a, b), Math.Max(a, b));
        return new(Reaches(peak + Math.PI) ? -1 : Math.Max(ends.Lower, -1), Reaches(peak) ? 1 : Math.Min(ends.Upper, 1));
    }
}
