using System.Globalization;
using NetSym.LinearAlgebra;

namespace NetSym.Dimension;

/// <summary>A fraction a/b in lowest terms with b &gt; 0, small enough to be recovered from its residue mod p.</summary>
/// <param name="Numerator">a.</param>
/// <param name="Denominator">b &gt; 0.</param>
public readonly record struct SmallRational(long Numerator, long Denominator)
{
    /// <summary>
    /// Rational reconstruction: the unique a/b ≡ r (mod p) with |a|, b ≤ ⌊√((p − 1)/2)⌋, if there is
    /// one — by the extended Euclidean algorithm on (p, r), stopped at the first remainder within
    /// the bound (Wang's method). Two such fractions cannot both exist, so a result is the fraction
    /// of least height with that residue; but a residue that is not the image of a small fraction
    /// may still have one by chance, so a lifted vector must be checked.
    /// </summary>
    public static SmallRational? Reconstruct(long residue, PrimeField field)
    {
        long p = field.P, bound = (long)Math.Sqrt((p - 1) / 2.0);
        long r0 = p, r1 = field.Reduce(residue), t0 = 0, t1 = 1;
        while (r1 > bound)
        {
            long q = r0 / r1;
            (r0, r1) = (r1, r0 - q * r1);
            (t0, t1) = (t1, t0 - q * t1);
        }
        if (t1 == 0 || Math.Abs(t1) > bound) return null;
        long a = t1 < 0 ? -r1 : r1, b = Math.Abs(t1);
        return GreatestCommonDivisor(Math.Abs(a), b) == 1 ? new SmallRational(a, b) : null;
    }

    /// <summary>a·b⁻¹ mod p.</summary>
    public long Residue(PrimeField field) => field.Multiply(field.Reduce(Numerator), field.Inverse(Denominator));

    /// <summary>"a" or "a/b".</summary>
    public override string ToString() => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
