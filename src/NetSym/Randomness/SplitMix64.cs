namespace NetSym.Randomness;

/// <summary>
/// The two primitives of SplitMix64 (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014; the generator behind Java's SplittableRandom) on which every random
/// draw in NetSym rests. All arithmetic is on unsigned 64-bit integers modulo 2^64.
/// </summary>
internal static class SplitMix64
{
    /// <summary>The increment γ = 0x9E3779B97F4A7C15 (2^64 divided by the golden ratio, made odd).</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>
    /// The finaliser (Stafford's "Mix13"): z ← (z ⊕ (z ≫ 30))·0xBF58476D1CE4E5B9;
    /// z ← (z ⊕ (z ≫ 27))·0x94D049BB133111EB; return z ⊕ (z ≫ 31). A bijection of 64-bit words
    /// whose output bits each depend on every input bit.
    /// </summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Word <paramref name="counter"/> (from 0) of SplitMix64 started at state <paramref name="key"/>:
    /// Mix(key + γ·(counter + 1)). Counter-based: any word is computed without the ones before it.
    /// </summary>
    public static ulong Word(ulong key, ulong counter) => Mix(unchecked(key + Gamma * (counter + 1)));
}
