using System.Globalization;
using System.Numerics;
using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// An exact dyadic rational M·2^E (M an integer, E an exponent). Every finite double is one, and
/// sums, differences and products of dyadics are dyadics, so affine maps and piecewise-linear
/// activations with double parameters evaluate exactly in this type.
/// </summary>
/// <remarks>
/// Kept normalised (M odd, or M = 0 with E = 0), so equal values have equal representations and
/// record equality is equality of rationals.
/// </remarks>
public readonly record struct Dyadic : IComparable<Dyadic>, IAdditionOperators<Dyadic, Dyadic, Dyadic>, IComparisonOperators<Dyadic, Dyadic, bool>
{
    /// <summary>The value mantissa·2^exponent, normalised.</summary>
    public Dyadic(BigInteger mantissa, int exponent)
    {
        if (mantissa.IsZero)
        {
            Mantissa = BigInteger.Zero;
            Exponent = 0;
            return;
        }
        int zeros = (int)BigInteger.TrailingZeroCount(mantissa);
        Mantissa = mantissa >> zeros;
        Exponent = checked(exponent + zeros);
    }

    /// <summary>M: odd, or 0.</summary>
    public BigInteger Mantissa { get; }

    /// <summary>E: the power of two.</summary>
    public int Exponent { get; }

    /// <summary>0.</summary>
    public static Dyadic Zero => default;

    /// <summary>−1, 0 or 1.</summary>
    public int Sign => Mantissa.Sign;

    /// <summary>The exact value of a finite double.</summary>
    /// <exception cref="ArgumentException">x is NaN or infinite.</exception>
    public static Dyadic FromDouble(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentException($"{x} is not a rational number");
        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (biased == 0) biased = 1; // subnormal: no implicit bit
        else mantissa |= 1L << 52;
        return new Dyadic(bits < 0 ? -mantissa : mantissa, biased - 1075);
    }

    /// <summary>a + b, exactly.</summary>
    public static Dyadic operator +(Dyadic a, Dyadic b)
    {
        if (a.Mantissa.IsZero) return b;
        if (b.Mantissa.IsZero) return a;
        int e = Math.Min(a.Exponent, b.Exponent);
        return new Dyadic((a.Mantissa << (a.Exponent - e)) + (b.Mantissa << (b.Exponent - e)), e);
    }

    /// <summary>−a.</summary>
    public static Dyadic operator -(Dyadic a) => new(-a.Mantissa, a.Exponent);

    /// <summary>a − b, exactly.</summary>
    public static Dyadic operator -(Dyadic a, Dyadic b) => a + -b;

    /// <summary>a·b, exactly.</summary>
    public static Dyadic operator *(Dyadic a, Dyadic b) =>
        a.Mantissa.IsZero || b.Mantissa.IsZero ? Zero : new Dyadic(a.Mantissa * b.Mantissa, checked(a.Exponent + b.Exponent));

    /// <summary>
    /// c + Σ_k a_k·b_k in one exact sum: the products are aligned to their smallest exponent once,
    /// instead of renormalising after every addition.
    /// </summary>
    public static Dyadic DotProduct(Dyadic c, ReadOnlySpan<Dyadic> a, ReadOnlySpan<Dyadic> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"vectors of lengths {a.Length} and {b.Length}");
        int e = c.Mantissa.IsZero ? int.MaxValue : c.Exponent;
        for (int k = 0; k < a.Length; k++)
            if (!a[k].Mantissa.IsZero && !b[k].Mantissa.IsZero)
                e = Math.Min(e, checked(a[k].Exponent + b[k].Exponent));
        if (e == int.MaxValue) return Zero;
        BigInteger sum = c.Mantissa.IsZero ? BigInteger.Zero : c.Mantissa << (c.Exponent - e);
        for (int k = 0; k < a.Length; k++)
            if (!a[k].Mantissa.IsZero && !b[k].Mantissa.IsZero)
                sum += (a[k].Mantissa * b[k].Mantissa) << (a[k].Exponent + b[k].Exponent - e);
        return new Dyadic(sum, e);
    }

    /// <inheritdoc />
    public int CompareTo(Dyadic other) => (this - other).Sign;

    /// <summary>a &lt; b.</summary>
    public static bool operator <(Dyadic a, Dyadic b) => a.CompareTo(b) < 0;

    /// <summary>a &gt; b.</summary>
    public static bool operator >(Dyadic a, Dyadic b) => a.CompareTo(b) > 0;

    /// <summary>a ≤ b.</summary>
    public static bool operator <=(Dyadic a, Dyadic b) => a.CompareTo(b) <= 0;

    /// <summary>a ≥ b.</summary>
    public static bool operator >=(Dyadic a, Dyadic b) => a.CompareTo(b) >= 0;

    /// <summary>|a|.</summary>
    public Dyadic Abs() => Sign < 0 ? -this : this;

    /// <summary>
    /// The nearest double (ties to even; exact whenever the value is a double), ±∞ beyond the range.
    /// In the subnormal range the result may be off by one unit of the last place.
    /// </summary>
    public double ToDouble()
    {
        if (Mantissa.IsZero) return 0;
        var magnitude = BigInteger.Abs(Mantissa);
        long bits = (long)magnitude.GetBitLength();
        int shift = (int)Math.Max(0, bits - 62);
        // 62 leading bits plus a sticky bit for everything shifted out: the long → double conversion
        // then rounds exactly as rounding the full mantissa would.
        long top = (long)(magnitude >> shift);
        if (shift > 0 && !(magnitude & ((BigInteger.One << shift) - 1)).IsZero) top |= 1;
        double scaled = Math.ScaleB(top, (int)Math.Clamp((long)Exponent + shift, int.MinValue, int.MaxValue));
        return Mantissa.Sign < 0 ? -scaled : scaled;
    }

    /// <summary>The image M·2^E mod p of this rational in F_p (2 is invertible since p is odd).</summary>
    public long Residue(PrimeField field)
    {
        long m = (long)BigInteger.Remainder(Mantissa, field.P);
        return field.Multiply(field.Reduce(m), field.PowerOfTwo(Exponent));
    }

    /// <inheritdoc />
    public override string ToString() =>
        Exponent == 0 ? Mantissa.ToString(CultureInfo.InvariantCulture)
                      : $"{Mantissa.ToString(CultureInfo.InvariantCulture)}·2^{Exponent.ToString(CultureInfo.InvariantCulture)}";
}
