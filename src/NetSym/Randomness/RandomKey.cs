using System.Globalization;
using System.Text;

namespace NetSym.Randomness;

/// <summary>
/// An immutable 64-bit key from which random draws are derived: a key never changes, it is split
/// into child keys (per layer, per trial, per purpose) and turned into a <see cref="RandomStream"/>.
/// The same key gives the same bits on every machine and every .NET version, because everything
/// below is specified integer arithmetic (see docs/randomness.md).
/// </summary>
/// <remarks>
/// Splitting: child i of key k is word i of the SplitMix64 sequence started at the state
/// Mix(k ⊕ 0x5851F42D4C957F2D), that is Mix(Mix(k ⊕ 0x5851F42D4C957F2D) + γ·(i + 1)) modulo 2^64,
/// where Mix is SplitMix64's finaliser and γ = 0x9E3779B97F4A7C15. The constant moves the children
/// off the key's own stream (whose word i is Mix(k + γ·(i + 1))), so no child's value is a draw
/// of its parent. A purpose named by a string is split as the index FNV-1a-64 of its UTF-8 bytes.
/// Draws for separate things come from separate children, so drawing more for one thing (a wider
/// layer, an added layer, more trials) leaves the draws of the others unchanged.
/// </remarks>
/// <param name="Value">The 64 key bits.</param>
public readonly record struct RandomKey(ulong Value)
{
    private const ulong SplitDomain = 0x5851F42D4C957F2DUL;
    private const ulong FnvOffset = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x00000100000001B3UL;

    /// <summary>
    /// The root key of a user's seed: its 64 bits are the seed's two's-complement bits
    /// (seed 42 is key 0x2A; seed −1 is key 0xFFFFFFFFFFFFFFFF). This is how <c>--seed N</c> becomes a key.
    /// </summary>
    public static RandomKey FromSeed(long seed) => new(unchecked((ulong)seed));

    /// <summary>Child <paramref name="index"/> of this key (see the remarks for the exact function).</summary>
    public RandomKey Split(ulong index) => new(SplitMix64.Word(SplitMix64.Mix(Value ^ SplitDomain), index));

    /// <summary>Child <paramref name="index"/> of this key; <paramref name="index"/> must not be negative.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public RandomKey Split(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Split((ulong)index);
    }

    /// <summary>
    /// The child for a named purpose ("weights", "inputs", …): <see cref="Split(ulong)"/> at the
    /// FNV-1a-64 hash of the name's UTF-8 bytes (offset 0xCBF29CE484222325, prime 0x100000001B3).
    /// </summary>
    public RandomKey Split(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ulong hash = FnvOffset;
        foreach (byte b in Encoding.UTF8.GetBytes(purpose)) hash = unchecked((hash ^ b) * FnvPrime);
        return Split(hash);
    }

    /// <summary>A stream of draws from this key, starting at counter 0.</summary>
    public RandomStream Stream() => new(this);

    /// <summary>The key as 16 hexadecimal digits, as docs and reports print it.</summary>
    public override string ToString() => Value.ToString("X16", CultureInfo.InvariantCulture);
}
