namespace NetSym.Randomness;

/// <summary>
/// The natural logarithm and exponential from +, −, ×, ÷ on doubles and exact bit manipulation only,
/// so that random draws built on them are the same bits on every machine (the platform's Math.Log and
/// Math.Exp may differ in the last bit between C libraries and .NET versions; IEEE 754 fixes
/// +, −, ×, ÷ and .NET does not fuse them).
/// </summary>
/// <remarks>
/// <para>Log: for a positive normal x = m·2^e with m in [1, 2) (read from the bits): if m &gt; √2 then
/// m ← m/2, e ← e + 1, so m lies in [√½, √2]. With t = (m − 1)/(m + 1), |t| ≤ 0.1716,
/// ln m = 2·atanh t = 2t·Σ_{k=0}^{11} t^{2k}/(2k+1), the sum evaluated by Horner's rule from k = 11
/// down (p ← 1/23; p ← p·t² + 1/(2k+1) for k = 10, …, 0, each 1/(2k+1) the double nearest the
/// quotient), and ln x = e·ln2_hi + (e·ln2_lo + 2t·p), with fdlibm's split of ln 2
/// (ln2_hi = 0x3FE62E42FEE00000, ln2_lo = 0x3DEA39EF35793C76). The truncated series is below
/// 10^-18 relative; the result is within a few units in the last place of ln x.</para>
/// <para>Exp: for |x| ≤ 700, k = the integer nearest x/ln 2 (ties away from zero, by Math.Round),
/// r = (x − k·ln2_hi) − k·ln2_lo (|r| ≤ 0.347; k·ln2_hi is exact), e^r = Σ_{j=0}^{17} r^j/j! by
/// Horner's rule from j = 17 down (q ← 1/17!; q ← q·r + 1/j! for j = 16, …, 0, each 1/j! computed
/// as 1/(double)j! ), and e^x = e^r·2^k (exact scaling). The truncated series is below 10^-19
/// relative; the result is within a few units in the last place of e^x.</para>
/// </remarks>
internal static class PortableMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Sqrt2 = 1.4142135623730951;
    private const int LastTerm = 11;
    private const double Ln2 = 0.6931471805599453;
    private const int ExpTerms = 17;
    private const double MaxExpArgument = 700;

    /// <summary>ln <paramref name="x"/> for a positive normal double.</summary>
    /// <exception cref="ArgumentOutOfRangeException">x is not a positive normal finite double.</exception>
    public static double Log(double x)
    {
        if (!double.IsNormal(x) || x < 0) throw new ArgumentOutOfRangeException(nameof(x), x, "the portable logarithm takes positive normal doubles");
        ulong bits = BitConverter.DoubleToUInt64Bits(x);
        int e = (int)(bits >> 52) - 1023;
        double m = BitConverter.UInt64BitsToDouble((bits & 0x000FFFFFFFFFFFFFUL) | 0x3FF0000000000000UL);
        if (m > Sqrt2)
        {
            m /= 2;
            e++;
        }
        double t = (m - 1) / (m + 1);
        double t2 = t * t;
        double p = 1.0 / (2 * LastTerm + 1);
        for (int k = LastTerm - 1; k >= 0; k--) p = p * t2 + 1.0 / (2 * k + 1);
        return e * Ln2Hi + (e * Ln2Lo + 2 * t * p);
    }

    /// <summary>e^<paramref name="x"/> for |x| ≤ 700.</summary>
    /// <exception cref="ArgumentOutOfRangeException">x is NaN or |x| &gt; 700.</exception>
    public static double Exp(double x)
    {
        if (!(Math.Abs(x) <= MaxExpArgument)) throw new ArgumentOutOfRangeException(nameof(x), x, "the portable exponential takes |x| ≤ 700");
        double k = Math.Round(x / Ln2, MidpointRounding.AwayFromZero);
        double r = x - k * Ln2Hi - k * Ln2Lo;
        double q = 1.0 / Factorial(ExpTerms);
        for (int j = ExpTerms - 1; j >= 0; j--) q = q * r + 1.0 / Factorial(j);
        return Math.ScaleB(q, (int)k);
    }

    private static double Factorial(int n)
    {
        double f = 1;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }
}
