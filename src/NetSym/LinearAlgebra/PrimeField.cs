using NetSym.Randomness;

namespace NetSym.LinearAlgebra;

/// <summary>
/// The prime field F_p used for exact ranks, with p &lt; 2^23 so that a dot product of
/// <see cref="ExactBlock"/> residue products stays below 2^53 and is therefore exact in a double
/// (FFLAS-style: multiply in floating point, reduce mod p afterwards).
/// </summary>
/// <remarks>
/// Every finite double is a dyadic rational m·2^e, so its image in F_p is m·2^e mod p (2 is
/// invertible for odd p): Jacobians of piecewise-linear networks at stored weights have rational
/// entries whose residues are computed exactly. A rank over F_p is a lower bound on the rank over Q.
/// </remarks>
public sealed record PrimeField
{
    /// <summary>Largest prime this class accepts (exclusive bound 2^23).</summary>
    public const long MaxPrime = (1L << 23) - 1;

    /// <summary>Uses the prime <paramref name="p"/> (odd, prime, below 2^23).</summary>
    public PrimeField(long p)
    {
        if (p < 3 || p > MaxPrime || !IsPrime(p)) throw new ArgumentException($"{p} is not an odd prime below 2^23");
        P = p;
        // Σ of k products of residues in [0, p): k·(p−1)² < 2^53 keeps every partial sum exact.
        ExactBlock = (int)Math.Min(int.MaxValue, (1L << 53) / ((p - 1) * (p - 1)));
    }

    /// <summary>The prime.</summary>
    public long P { get; }

    /// <summary>How many products of residues a double accumulates exactly (k with k·(p−1)² &lt; 2^53).</summary>
    public int ExactBlock { get; }

    /// <summary>
    /// A prime drawn reproducibly from [2^22, 2^23): a uniform integer c in [2^22, 2^23) from
    /// <paramref name="random"/>, made odd, then the first prime from c upwards (wrapping to 2^22 + 1).
    /// </summary>
    public static PrimeField Random(RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        long candidate = (1L << 22) + random.NextInt64(1L << 22);
        candidate |= 1;
        while (!IsPrime(candidate)) candidate = candidate + 2 > MaxPrime ? (1L << 22) + 1 : candidate + 2;
        return new PrimeField(candidate);
    }

    /// <summary>
    /// The primes of an exact computation with seed <paramref name="seed"/>, in order: each drawn by
    /// <see cref="Random(RandomStream)"/> from the stream of <c>RandomKey.FromSeed(seed).Split("primes")</c>.
    /// Every analysis draws its primes from here, so the same seed gives the same primes in each; the
    /// sequence is endless and the same on every enumeration.
    /// </summary>
    public static IEnumerable<PrimeField> Draws(int seed)
    {
        var random = RandomKey.FromSeed(seed).Split(RandomPurpose.Primes).Stream();
        while (true) yield return Random(random);
    }

    /// <summary>x mod p in [0, p).</summary>
    public long Reduce(long x)
    {
        long r = x % P;
        return r < 0 ? r + P : r;
    }

    /// <summary>The residue of a finite double (a dyadic rational m·2^e) in F_p.</summary>
    /// <exception cref="ArgumentException">x is NaN or infinite.</exception>
    public long FromDouble(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentException($"{x} has no residue: only finite doubles are rationals");
        if (x == 0) return 0;
        long bits = BitConverter.DoubleToInt64Bits(x);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent = 1; // subnormal: no implicit bit
        else mantissa |= 1L << 52;
        int e = exponent - 1075; // x = mantissa · 2^e
        long r = Multiply(Reduce(mantissa), PowerOfTwo(e));
        return negative ? Reduce(-r) : r;
    }

    /// <summary>a·b mod p for residues in [0, p) (p &lt; 2^23, so the product fits in a long).</summary>
    public long Multiply(long a, long b) => a * b % P;

    /// <summary>a⁻¹ mod p for a ≠ 0 (Fermat).</summary>
    public long Inverse(long a)
    {
        if (Reduce(a) == 0) throw new DivideByZeroException("0 has no inverse mod p");
        return Power(Reduce(a), P - 2);
    }

    /// <summary>2^e mod p for any integer e (negative e via 2's inverse).</summary>
    public long PowerOfTwo(int e) => e >= 0 ? Power(2, e) : Power(Inverse(2), -(long)e);

    private long Power(long b, long e)
    {
        long result = 1;
        b = Reduce(b);
        while (e > 0)
        {
            if ((e & 1) == 1) result = result * b % P;
            b = b * b % P;
            e >>= 1;
        }
        return result;
    }

    private static bool IsPrime(long n)
    {
        if (n < 2) return false;
        if (n % 2 == 0) return n == 2;
        for (long d = 3; d * d <= n; d += 2) if (n % d == 0) return false;
        return true;
    }
}
