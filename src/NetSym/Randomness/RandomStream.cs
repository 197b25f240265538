namespace NetSym.Randomness;

/// <summary>
/// The draws of one <see cref="RandomKey"/>, in order: word n (from 0) is
/// SplitMix64.Mix(key + 0x9E3779B97F4A7C15·(n + 1)) modulo 2^64, which is the n-th output of
/// SplitMix64 started at the key. The stream holds only the key and a counter; each method below
/// says exactly which words it consumes and how it turns them into a value.
/// </summary>
/// <remarks>
/// A stream is for one purpose; separate purposes take separate keys from <see cref="RandomKey.Split(string)"/>
/// so that they do not shift each other's draws. Not thread-safe: one stream per thread.
/// </remarks>
public sealed class RandomStream
{
    private const double TwoToMinus53 = 1.0 / (1UL << 53);

    /// <summary>A stream of <paramref name="key"/> at counter 0.</summary>
    public RandomStream(RandomKey key) => Key = key;

    /// <summary>The key whose words this stream draws.</summary>
    public RandomKey Key { get; }

    /// <summary>How many 64-bit words have been drawn.</summary>
    public ulong Counter { get; private set; }

    /// <summary>The next 64-bit word.</summary>
    public ulong NextUInt64() => SplitMix64.Word(Key.Value, Counter++);

    /// <summary>A uniform double in [0, 1): the top 53 bits of one word, times 2^-53 (exact).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * TwoToMinus53;

    /// <summary>A uniform double in (0, 1): <see cref="NextDouble"/>, drawn again while it is 0.</summary>
    public double NextOpenDouble()
    {
        double u;
        do u = NextDouble();
        while (u == 0);
        return u;
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>) without modulo bias (Lemire, "Fast random
    /// integer generation in an interval", 2019): the high word of w·bound for a word w, where w is
    /// drawn again while the low word of w·bound is below 2^64 mod bound.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is 0.</exception>
    public ulong NextUInt64(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        ulong high = Math.BigMul(NextUInt64(), bound, out ulong low);
        if (low < bound)
        {
            ulong threshold = unchecked(0 - bound) % bound;
            while (low < threshold) high = Math.BigMul(NextUInt64(), bound, out low);
        }
        return high;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) by <see cref="NextUInt64(ulong)"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is not positive.</exception>
    public int NextInt32(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        return (int)NextUInt64((ulong)bound);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) by <see cref="NextUInt64(ulong)"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is not positive.</exception>
    public long NextInt64(long bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        return (long)NextUInt64((ulong)bound);
    }

    /// <summary>
    /// A standard normal draw by Marsaglia's polar method on exactly specified arithmetic:
    /// u = 2·<see cref="NextDouble"/> − 1, then v likewise (both exact), s = u·u + v·v (rounded
    /// per operation, no fused multiply-add); drawn again unless 0 &lt; s &lt; 1; the result is
    /// u·√((−2·ln s)/s), with √ the IEEE square root (correctly rounded everywhere) and ln the
    /// portable logarithm of docs/randomness.md. The second normal v·√(…) is not kept, so the
    /// stream's state stays its key and counter.
    /// </summary>
    public double NextNormal()
    {
        double u, s;
        do
        {
            u = 2 * NextDouble() - 1;
            double v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        return u * Math.Sqrt(-2 * PortableMath.Log(s) / s);
    }

    /// <summary>
    /// Shuffles <paramref name="items"/> uniformly in place (Fisher–Yates from the end: for
    /// i = n−1 down to 1, swap item i with item <see cref="NextInt32"/>(i + 1)).
    /// </summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt32(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
